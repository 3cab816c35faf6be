#!/usr/bin/env bash
# Builds the libFuzzer harnesses of Fuzz/harnesses/ and runs each for FUZZ_SECONDS (default 60).
#
#   scripts/fuzz.sh                 build and run every harness
#   scripts/fuzz.sh build           build only
#   scripts/fuzz.sh yaml json       build, then run these harnesses only
#
# Harnesses: yaml, json (a data file read and decoded as every kind of file, the parse cache's
# codec checked), frontmatter (an engagement's or page's Markdown file), markdown (libcmark),
# template (the Mustache engine's parser, tag scanner and renderer), site (a small site whose
# engagement, claims, eligibility, customers and settings come from the input, loaded and
# evaluated by the rules; parts split at `%%` lines, Sources/ClaimSiteTesting/Fuzz/FuzzTargets.swift).
#
# SwiftPM cannot link `-sanitize=fuzzer` into this package (its executables' `main` clashes
# with libFuzzer's), so each library the harnesses need is compiled here with swiftc, with
# libFuzzer's coverage and AddressSanitizer, into .build/fuzz/ (FUZZ_OUT to change it). Corpora
# grow in .build/fuzz/corpus/NAME (seeded from Fuzz/seeds/NAME and the example in Content/);
# crashes, hangs (-timeout) and out-of-memory inputs are written to .build/fuzz/artifacts/NAME/,
# and the run of that harness fails. libcmark and libyaml are the system's, not instrumented:
# the markdown harness sees only the Swift around libcmark, so it mutates blind (with
# Fuzz/markdown.dict) and finds crashes and hangs, not new paths.
#
# A finding is fixed in the library, and its input, minimized with
#   .build/fuzz/fuzz-NAME -minimize_crash=1 -runs=100000 .build/fuzz/artifacts/NAME/crash-…
# (or -minimize_crash on a timeout-… input with -timeout=10), kept as a regression test under
# Tests/ClaimLoadTests/FuzzRegressions/ (yaml-, json-, frontmatter-),
# Tests/ClaimRenderTests/FuzzRegressions/ (markdown-, template-) or
# Tests/ClaimSiteTests/FuzzRegressions/ (site-), which `swift test` replays.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS_NICE=${FUZZ_NICE:-10}
OUT=${FUZZ_OUT:-.build/fuzz}
ALL=(yaml json frontmatter markdown template site)
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -enable-testing -swift-version 6 -package-name claimsite)
C_MODULES=(-I Sources/CYAML -I Sources/CCmark)

mkdir -p "$OUT/lib"

# A library module: NAME, then its sources. -enable-testing lets the harnesses reach internals.
module() {
    local name=$1; shift
    swiftc "${FLAGS[@]}" "${C_MODULES[@]}" -I "$OUT/lib" -module-name "$name" \
        -emit-module -emit-module-path "$OUT/lib/$name.swiftmodule" \
        -emit-library -static -o "$OUT/lib/lib$name.a" "$@"
}

# A harness: NAME, then extra sources compiled into it.
harness() {
    local name=$1; shift
    swiftc "${FLAGS[@]}" "${C_MODULES[@]}" -I "$OUT/lib" -L "$OUT/lib" -module-name "Fuzz_$name" \
        -o "$OUT/fuzz-$name" "Fuzz/harnesses/$name.swift" "$@" \
        -lClaimRules -lClaimLoad -lClaimModel -lTypedMustache -lyaml -lcmark
}

build() {
    echo "fuzz: building harnesses in $OUT"
    module ClaimModel Sources/ClaimModel/*.swift
    module ClaimLoad Sources/ClaimLoad/*.swift
    module ClaimRules Sources/ClaimRules/*.swift
    module TypedMustache Sources/TypedMustache/*.swift
    # The entry points live in ClaimSiteTesting, which the regression tests call too.
    local targets=Sources/ClaimSiteTesting/Fuzz/FuzzTargets.swift
    harness yaml "$targets"
    harness json "$targets"
    harness frontmatter "$targets"
    harness site "$targets"
    harness markdown Sources/ClaimRender/Markdown/*.swift
    harness template Sources/ClaimSiteTesting/Fuzz/TemplateFuzzTarget.swift
}

# Seeds: Fuzz/seeds/NAME plus small files of the example site.
seed() {
    local name=$1 dir=$OUT/corpus/$1
    mkdir -p "$dir"
    [ -d "Fuzz/seeds/$name" ] && cp -n Fuzz/seeds/"$name"/* "$dir"/ 2>/dev/null || true
    case $name in
        yaml) cp -n Content/site.yaml Content/data/*.yaml "$dir"/ 2>/dev/null || true ;;
        json) ;;
        frontmatter|markdown) cp -n Content/pages/*.md Content/engagements/azure-migrate-workshop.md "$dir"/ 2>/dev/null || true ;;
        template) for f in Templates/partials/*.mustache Templates/email/*.mustache; do [ -f "$f" ] && cp -n "$f" "$dir"/; done ;;
    esac
}

run() {
    local name=$1
    seed "$name"
    mkdir -p "$OUT/artifacts/$name"
    echo "fuzz: $name for ${SECONDS_EACH} s"
    local dict=()
    case $name in
        markdown|frontmatter) dict=(-dict=Fuzz/markdown.dict) ;;
        template) dict=(-dict=Fuzz/template.dict) ;;
    esac
    nice -n "$JOBS_NICE" "$OUT/fuzz-$name" "$OUT/corpus/$name" "${dict[@]}" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$name/" 2>&1 | tee "$OUT/$name.log" | grep -E "^#[0-9]+.*(DONE|pulse)|ERROR|SUMMARY|stat::|Done" || true
    if ls "$OUT/artifacts/$name"/* >/dev/null 2>&1; then
        echo "fuzz: $name left artefacts in $OUT/artifacts/$name/:" && ls "$OUT/artifacts/$name"
        return 1
    fi
}

# ld.gold warns once per AddressSanitizer helper it cannot export: noise, left out.
quiet_build() { build 2>&1 | { grep -v "Cannot export local symbol" || true; }; }

if [ "${1:-}" = build ]; then quiet_build; exit 0; fi
quiet_build
status=0
for name in "${@:-${ALL[@]}}"; do run "$name" || status=1; done
exit $status
