#!/bin/sh
# Installs the C libraries ClaimSite builds against (libcmark, libyaml, mimalloc) when missing.
# As root it runs apt-get; otherwise it prints the one command to run and fails.
set -e
packages="pkg-config libcmark-dev libyaml-dev libmimalloc-dev"
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark yaml-0.1 && [ -f /usr/include/mimalloc.h ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing $packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
    exit 0
fi
echo "setup: ClaimSite needs libcmark, libyaml and mimalloc. Run:" >&2
echo "    sudo apt-get install -y $packages" >&2
exit 1
