#!/usr/bin/env python3
"""Kill test: builds killed with SIGKILL at random moments never leave a broken output.

A synthetic site of 3,000 claims (`claimsite sample`) is built as of one day (the "old" tree)
and as of another (the "new" tree), each into a folder of its own, for reference. Then, 20 times:
with the old tree in place, a build of the new one starts into the same output and is killed at a
random moment within 1.3 times the longest of three whole builds (a build's time varies with the
disk, so that its last moments are covered and some builds finish); the output must then be
exactly the whole old or the whole new tree (every file's bytes, the mark included). The next build (of the old tree) must
succeed — taking over the lock the killed one left — and leave nothing beside the output but its
spare, which may hold only files the output has with the same bytes (docs/output.md, Replacing the
output).

    scripts/check_kill.py [BINARY]      default .build/release/claimsite; KILL_SEED, KILL_RUNS

Standard library only. Exit status 1 when a check failed.
"""
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".build" / "release" / "claimsite").resolve()
SEED = int(os.environ.get("KILL_SEED", "26"))
RUNS = int(os.environ.get("KILL_RUNS", "20"))
# Days after every event of the sample (no warnings to print), a week apart.
OLD_DAY, NEW_DAY = "2026-11-30", "2026-12-07"


def tree(folder):
    """Every file below `folder` (relative path → SHA-256 of its bytes)."""
    out = {}
    for dirpath, _, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def build(site, output, day, check=True):
    result = subprocess.run([str(BIN), "build", "--site", str(site), "--output", str(output), "--as-of", day,
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"FAIL build as of {day} into {output}: exit {result.returncode}\n{result.stderr}")
    return result


def main():
    if not BIN.exists():
        raise SystemExit(f"FAIL {BIN} is missing: run 'make release' first")
    failures = []
    passed = 0

    def check(ok, what):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failures.append(what)
            print(f"FAIL {what}", flush=True)

    with tempfile.TemporaryDirectory(prefix="claimsite-kill-") as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        subprocess.run([str(BIN), "sample", "--claims", "3000", "--engagements", "60", "--customers", "600",
                        "--seed", "7", str(site)], check=True, stdout=subprocess.DEVNULL)
        build(site, tmp / "ref-old" / "Output", OLD_DAY)
        build(site, tmp / "ref-new" / "Output", NEW_DAY)
        old, new = tree(tmp / "ref-old" / "Output"), tree(tmp / "ref-new" / "Output")
        if old == new:
            raise SystemExit("FAIL the two reference builds are the same; the test could not tell them apart")
        work = tmp / "work"
        output = work / "Output"
        build(site, output, OLD_DAY)
        # A whole build as the killed ones run: the new tree over the old output (then back); the
        # longest of three, since a build's time varies with the disk.
        whole = 0.0
        for _ in range(3):
            started = time.monotonic()
            build(site, output, NEW_DAY)
            whole = max(whole, time.monotonic() - started)
            build(site, output, OLD_DAY)
        rng = random.Random(SEED)
        print(f"kill: {RUNS} builds of 3,000 claims killed at random moments within 1.3 x {whole:.2f} s "
              f"(the longest of three whole builds), seed {SEED}", flush=True)
        outcomes = []
        for run in range(RUNS):
            moment = rng.uniform(0, 1.3 * whole)
            process = subprocess.Popen([str(BIN), "build", "--site", str(site), "--output", str(output),
                                        "--as-of", NEW_DAY, "--quiet"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(moment)
            finished = process.poll() is not None
            if not finished:
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
            now = tree(output) if output.exists() else None
            state = "old" if now == old else "new" if now == new else "missing" if now is None else "mixed"
            outcomes.append(f"{moment:.2f}s:{state}{'' if not finished else '(done)'}")
            check(state in ("old", "new"),
                  f"run {run + 1}: killed at {moment:.2f} s the output is the whole old or new tree, not {state}")
            # The next build takes the lock over and clears what the killed one left.
            result = build(site, output, OLD_DAY, check=False)
            check(result.returncode == 0, f"run {run + 1}: the next build succeeds (exit {result.returncode}): "
                                          f"{result.stderr.strip()[-300:]}")
            left = sorted(p.name for p in work.iterdir())
            check(left in (["Output"], [".Output.spare", "Output"]),
                  f"run {run + 1}: after the next build nothing but the spare is beside the output: {left}")
            if ".Output.spare" in left:
                spare, kept = tree(work / ".Output.spare"), tree(output)
                check(all(kept.get(path) == digest for path, digest in spare.items() if path != ".claimsite-output"),
                      f"run {run + 1}: the spare holds only files the output has with the same bytes")
            check(tree(output) == old, f"run {run + 1}: the next build gives the old tree")
        print("kill: " + ", ".join(outcomes), flush=True)
        print(f"kill: the output was the old tree {sum(o.split(':')[1].startswith('old') for o in outcomes)} times, "
              f"the new tree {sum(o.split(':')[1].startswith('new') for o in outcomes)} times", flush=True)
    print(f"kill: {passed} passed, {len(failures)} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
