#!/bin/sh
# Fails when a Swift file of the package has a line longer than 120 characters: swift format
# lays code out within 120 columns (.swift-format) but cannot break a long string literal, so
# those are split by hand (a multi-line literal with backslash continuations keeps the text).
cd "$(dirname "$0")/.."
# Characters, not bytes: GNU grep counts UTF-8 characters in a UTF-8 locale.
long=$(find Sources Tests Plugins Fuzz -name '*.swift' -print0 | sort -z |
    LC_ALL=C.UTF-8 xargs -0 grep -nE '^.{121,}' || true)
[ -z "$long" ] && exit 0
echo "$long" | cut -c1-160
echo "line-length: $(echo "$long" | wc -l) lines are longer than 120 characters" >&2
exit 1
