#!/bin/sh
# The resource attacks of docs/input-format.md (Limits), measured on the release binary: each
# site is the example (Content/) plus one hostile or huge file, made in LIMITS_DIR (default
# /dev/shm/claimsite-limits); each row is `claimsite check` or `build` timed with GNU time
# (wall seconds, peak resident memory) and its exit status. A benchmark, never a test: nothing
# here fails on time. The same attacks, smaller, are tests (ResourceLimitTests,
# ResourceLimitSiteTests, TemplateLimitTests).
#
#   scripts/limits.sh              every attack
#   LIMITS_BIG_MB=100 scripts/limits.sh
set -eu
cd "$(dirname "$0")/.."
BIN=$(pwd)/.build/release/claimsite
DIR=${LIMITS_DIR:-/dev/shm/claimsite-limits}
BIG_MB=${LIMITS_BIG_MB:-100}   # 0: no big claims file
[ -x "$BIN" ] || { echo "limits: $BIN is missing; run make release" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "limits: GNU time (/usr/bin/time) is missing: apt-get install time" >&2; exit 2; }
rm -rf "$DIR"; mkdir -p "$DIR"

# site NAME: a copy of the example site; prints its folder.
site() {
    rm -rf "$DIR/$1"; mkdir -p "$DIR/$1"
    cp -r Content "$DIR/$1/Content"
    echo "$DIR/$1"
}

# measure LABEL COMMAND SITE: one run; prints a table row.
measure() {
    label=$1; command=$2; where=$3
    quiet=; [ "$command" = build ] && quiet=--quiet
    set +e
    /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$BIN" "$command" --site "$where" $quiet >/dev/null 2>"$DIR/err.txt"
    status=$?
    set -e
    read wall kb <<EOT
$(tail -1 "$DIR/time.txt")
EOT
    first=$(grep -m1 -E "error|warning" "$DIR/err.txt" | cut -c1-110 || true)
    printf '| %s | %s | %s s | %s MiB | %s | %s |\n' "$label" "$command" "$wall" "$((kb / 1024))" "$status" "${first:-–}"
}

echo "| attack | command | wall | peak | exit | first diagnostic |"
echo "| --- | --- | --- | --- | --- | --- |"

s=$(site baseline)
measure "the example site, as it is" build "$s"

# Billion laughs: nine levels of ten aliases, 10^9 values once expanded.
s=$(site laughs)
python3 - "$s/Content/data/claims/zz-laughs.yaml" <<'PY'
import sys
text = "- id: MCI-900001\n  notes: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
for level in range(1, 10):
    text += f"  x{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]\n"
open(sys.argv[1], "w").write(text)
PY
measure "billion laughs (9 levels of 10 aliases)" check "$s"

# 100,000 levels of nesting, YAML flow, YAML block and JSON.
s=$(site deep-yaml)
python3 -c "import sys; open(sys.argv[1],'w').write('[' * 100000 + ']' * 100000 + '\n')" "$s/Content/data/claims/zz-deep.yaml"
measure "100,000 nested [ in YAML" check "$s"
s=$(site deep-block)
python3 -c "import sys; open(sys.argv[1],'w').write('- ' * 100000 + 'x\n')" "$s/Content/data/claims/zz-deep.yaml"
measure "100,000 nested '- ' in YAML" check "$s"
s=$(site deep-json)
python3 -c "import sys; open(sys.argv[1],'w').write('[' * 100000 + ']' * 100000 + '\n')" "$s/Content/data/claims/zz-deep.json"
measure "100,000 nested [ in JSON" check "$s"

# One claim of the example (MCI-000101, variable pay) copied with another ID and N events.
claim() {
    python3 - "$@" <<'PY'
import sys
path, cid, events, long = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
name = "x" * long if long else "Trey Research Datacenter exit to Azure"
text = f"""- id: {cid}
  displayName: "{name}"
  engagement: azure-infra-migration-project-l
  customer: trey-research
  origin: added
  nominatedBy: {{ type: msxOpportunityId, value: "7-FE97EA8C" }}
  location: "4412345"
  createdOn: 2026-01-05
  hours: 100
  customerContact: {{ email: oliver.bennett@treyresearch.example }}
  partnerContact: {{ email: jonas.keller@contoso-consulting.example }}
"""
if long:
    text += "  notes: |\n    " + ("Lorem *ipsum* dolor " * (long // 20)) + "\n"
text += "  events:\n    - { on: 2026-01-06, type: consentRequested, dealSizeUSD: 240000 }\n    - { on: 2026-01-13, type: consentAccepted }\n"
text += "".join("    - { on: 2026-01-14, type: %s }\n" % ("submitted" if i % 2 == 0 else "actionRequired") for i in range(events - 2))
open(path, "w").write(text)
PY
}
for n in 10000 100000; do
    s=$(site events-$n)
    claim "$s/Content/data/claims/zz-events.yaml" MCI-900001 $n 0
    measure "$n events on one claim" check "$s"
    measure "$n events on one claim" build "$s"
done

# A million characters in a displayName, in notes (Markdown) and in a page.
s=$(site million)
claim "$s/Content/data/claims/zz-long.yaml" MCI-900001 2 1000000
python3 - "$s/Content/pages/zz-long.md" <<'PY'
import sys
open(sys.argv[1], "w").write("---\ntitle: Long\n---\n" + ("Lorem **ipsum** dolor [sit](https://a.example/) " * 20000) + "\n")
PY
measure "1,000,000 characters in displayName, notes and a page" build "$s"

# Templates of the site: one that includes itself, and partials that include each other eight
# times, fifteen deep (8^15 copies).
s=$(site template-cycle)
mkdir -p "$s/Templates/partials"
cp Templates/page.mustache "$s/Templates/"
sed -i 's|^<h1>{{page.title}}</h1>|<h1>{{page.title}}</h1>{{>partials/x1}}|' "$s/Templates/page.mustache"
echo '{{#page}}{{>partials/x1}}{{/page}}' > "$s/Templates/partials/x1.mustache"
measure "a partial that includes itself" build "$s"
s=$(site template-laughs)
mkdir -p "$s/Templates/partials"
cp "$DIR/template-cycle/Templates/page.mustache" "$s/Templates/"
for i in $(seq 1 15); do
    python3 -c "import sys; print('{{>partials/x%d}}' % (int(sys.argv[1]) + 1) * 8)" $i > "$s/Templates/partials/x$i.mustache"
done
echo leaf > "$s/Templates/partials/x16.mustache"
measure "partials including the next 8 times, 15 deep" build "$s"
s=$(site markdown-images)
python3 -c "import sys; open(sys.argv[1],'w').write('---\ntitle: Images\n---\n' + '![[]()' * 200000 + '\n')" "$s/Content/pages/zz-images.md"
measure "200,000 '![[]()' in a page (1.2 MB)" build "$s"

# One claims file of about BIG_MB MB: synthetic claims (claimsite sample) in one file.
[ "$BIG_MB" -gt 0 ] || exit 0
for format in yaml json; do
    claims=$((BIG_MB * 1620))   # about 620 bytes of YAML per synthetic claim
    s="$DIR/big-$format"; rm -rf "$s"
    "$BIN" sample --claims $claims --engagements 200 --customers 2000 --format $format --seed 1 "$s" >/dev/null
    python3 - "$s/Content/data/claims" "$format" <<'PY'
import json, os, sys
folder, form = sys.argv[1], sys.argv[2]
names = sorted(os.listdir(folder))
out = os.path.join(folder, "all." + form)
with open(out + ".tmp", "w") as f:
    if form == "json":
        items = []
        for n in names: items += json.load(open(os.path.join(folder, n)))
        json.dump(items, f, indent=1)
    else:
        for n in names: f.write(open(os.path.join(folder, n)).read().rstrip("\n") + "\n")
for n in names: os.remove(os.path.join(folder, n))
os.rename(out + ".tmp", out)
PY
    size=$(du -m "$s/Content/data/claims/all.$format" | cut -f1)
    measure "one $size MB claims file ($claims claims, $format)" check "$s"
    rm -rf "$s/Output" "$s/.claimsite-cache"
    measure "one $size MB claims file ($claims claims, $format)" build "$s"
done
