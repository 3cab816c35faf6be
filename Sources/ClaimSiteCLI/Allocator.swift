#if !DEBUG
    import CMimalloc
#endif

/// The memory allocator the binary runs on (README.md, Benchmarks). Release builds link
/// mimalloc, which stands in for glibc's `malloc` and `free` for the whole process, the Swift
/// runtime included: a build allocates and frees millions of small strings and arrays, and
/// mimalloc's per-thread free lists make that about a quarter cheaper in CPU time. Debug builds
/// (the tests, and those under the sanitizers, which bring their own allocator) keep glibc's.
enum Allocator {
    /// The allocator's name and version, as `--version` prints it; calling it also keeps the
    /// linker from dropping a library nothing else names.
    static var description: String {
        #if DEBUG
            return "glibc malloc"
        #else
            let version = Int(mi_version())
            return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
        #endif
    }
}
