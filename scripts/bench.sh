#!/bin/sh
# make bench: generates synthetic sites (10,000 and 100,000 claims, JSON and YAML) and measures a
# full build, a no-change rebuild and a rebuild after one claim changed: wall time, CPU time,
# peak memory (GNU time) and pages per second; then one full build of 300,000 claims (JSON), to
# see that peak memory grows no faster than the claims. Prints a table and writes it to
# BENCHMARKS.md (keeping the sections after the table). A benchmark, never a test: nothing here
# fails on time.
#
#   BENCH_SIZES="10000 100000"  BENCH_FORMATS="json yaml"  BENCH_RUNS=3  BENCH_LARGE=300000 (0: none)
#   BENCH_DIR=/dev/shm/claimsite-bench
set -eu
cd "$(dirname "$0")/.."
BIN=.build/release/claimsite
SIZES=${BENCH_SIZES:-"10000 100000"}
FORMATS=${BENCH_FORMATS:-"json yaml"}
RUNS=${BENCH_RUNS:-3}
LARGE=${BENCH_LARGE:-300000}
# Output on a RAM file system, as in the issue's comparison with Hugo.
DIR=${BENCH_DIR:-/dev/shm/claimsite-bench}
ENGAGEMENTS=200
CUSTOMERS=2000
[ -x "$BIN" ] || { echo "bench: $BIN is missing; run make release" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: GNU time (/usr/bin/time) is missing: apt-get install time" >&2; exit 2; }
mkdir -p "$DIR"
rows=""

# measure LABEL SITE [ARGS...]: runs one build, prints "wall user sys maxKB written kept"
measure() {
    site=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$DIR/time.txt" "$BIN" build --site "$site" --quiet "$@" 2> "$DIR/err.txt" || { cat "$DIR/err.txt" >&2; exit 1; }
    written=$(sed -n 's/.*wrote \([0-9]*\) files and kept \([0-9]*\) unchanged.*/\1 \2/p' "$DIR/err.txt")
    [ -n "$written" ] || written="0 all"   # "up to date": nothing was written
    echo "$(tail -1 "$DIR/time.txt") $written"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for n in $SIZES; do
    for format in $FORMATS; do
        site="$DIR/$n-$format"
        rm -rf "$site"
        echo "bench: generating $n claims ($format) in $site" >&2
        "$BIN" sample --claims "$n" --engagements $ENGAGEMENTS --customers $CUSTOMERS --format "$format" --seed 1 "$site"
        pages=$(( n + ENGAGEMENTS + CUSTOMERS + 2 ))
        walls=""; users=""; mems=""
        for run in $(seq "$RUNS"); do
            rm -rf "$site/Output"
            set -- $(measure "$site")
            walls="$walls $1"; users="$users $(echo "$2 + $3" | bc)"; mems="$mems $4"
            echo "bench: $n $format full build run $run: $1 s wall, $2 s user, $3 s sys, $4 KB" >&2
        done
        wall=$(echo $walls | tr ' ' '\n' | median); cpu=$(echo $users | tr ' ' '\n' | median); mem=$(echo $mems | tr ' ' '\n' | median)
        rate=$(echo "scale=0; $pages / $wall" | bc)
        rows="$rows| $n | $format | full build | $wall | $cpu | $(( mem / 1024 )) | $rate | all |
"
        set -- $(measure "$site")
        echo "bench: $n $format no-change rebuild: $1 s, wrote $5" >&2
        rows="$rows| $n | $format | no-change rebuild | $1 | $(echo "$2 + $3" | bc) | $(( $4 / 1024 )) | – | $5 |
"
        # One claim changes: its friendly name, in the first claims file.
        first=$(ls "$site/Content/data/claims" | sort | head -1)
        python3 - "$site/Content/data/claims/$first" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
key = '"displayName": "' if path.endswith(".json") else 'displayName: "'
i = text.index(key) + len(key)
open(path, "w", encoding="utf-8").write(text[:i] + "Renamed " + text[i:])
PY
        set -- $(measure "$site")
        echo "bench: $n $format one claim changed: $1 s, wrote $5 kept $6" >&2
        rows="$rows| $n | $format | one claim changed | $1 | $(echo "$2 + $3" | bc) | $(( $4 / 1024 )) | – | $5 |
"
    done
done

# Scale: one full build of LARGE claims (JSON); its memory per claim beside the 100,000-claim one's.
if [ "$LARGE" -gt 0 ]; then
    site="$DIR/$LARGE-json"
    rm -rf "$site"
    echo "bench: generating $LARGE claims (json) in $site" >&2
    "$BIN" sample --claims "$LARGE" --engagements $ENGAGEMENTS --customers $CUSTOMERS --format json --seed 1 "$site"
    pages=$(( LARGE + ENGAGEMENTS + CUSTOMERS + 2 ))
    set -- $(measure "$site")
    echo "bench: $LARGE json full build: $1 s wall, $2 s user, $3 s sys, $4 KB" >&2
    rows="$rows| $LARGE | json | full build (once) | $1 | $(echo "$2 + $3" | bc) | $(( $4 / 1024 )) | $(echo "scale=0; $pages / $1" | bc) | all |
"
    rm -rf "$site"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo "# ClaimSite benchmarks"
    echo
    echo "Measured by \`make bench\` (scripts/bench.sh) on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu),"
    echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) of memory, $(swift --version 2>/dev/null | head -1)."
    echo "Synthetic sites from \`claimsite sample --engagements $ENGAGEMENTS --customers $CUSTOMERS --seed 1\`; output on"
    echo "a RAM file system ($DIR); full builds are the median of $RUNS runs. Pages = claims + engagements + customers + 2."
    echo "\"Rewritten\" counts the output files written anew (the rest are hard links to the unchanged files of the"
    echo "previous output; \"all\" for a no-change rebuild means nothing was touched)."
    echo
    echo "| claims | input | build | wall s | CPU s | peak MiB | pages/s | rewritten |"
    echo "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"
    printf "%s" "$rows"
} > "$DIR/table.md"
cat "$DIR/table.md"
# The table replaces the file's first section; the sections after it (the Hugo comparison, the
# profile, …) stay.
if [ -f BENCHMARKS.md ] && grep -q "^## " BENCHMARKS.md; then
    { cat "$DIR/table.md"; echo; sed -n '/^## /,$p' BENCHMARKS.md; } > "$DIR/new.md"
    mv "$DIR/new.md" BENCHMARKS.md
else
    cp "$DIR/table.md" BENCHMARKS.md
fi
echo "bench: wrote BENCHMARKS.md" >&2
