#ifndef CLAIMSITE_RENAME_EXCHANGE_H
#define CLAIMSITE_RENAME_EXCHANGE_H

/// Exchanges the paths `from` and `to` in one step (Linux renameat2 with RENAME_EXCHANGE): both
/// must exist, and each then names what the other named. Returns 0, or -1 with errno set; errno
/// is ENOSYS where the system has no renameat2, and EINVAL (or ENOTSUP) where the file system
/// cannot exchange (docs/output.md, Replacing the output).
int claimsite_rename_exchange(const char *from, const char *to);

#endif
