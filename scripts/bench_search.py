#!/usr/bin/env python3
"""Measures the portal's offline search in headless Chromium, opened from file:// (a benchmark:
it prints numbers and never fails on time).

    .build/venv-portal/bin/python scripts/bench_search.py --output OUTPUT [--query Q ...]

For the home page it prints the bytes of script loaded before the first keystroke (every
<script> the page has then, by file size), and for each query the time from typing to results
shown (`ClaimSiteSearch.lastTiming`, measured in the page with performance.now()), the shards
and records files the query loaded and their bytes. Each query runs on a fresh page load (cold:
nothing loaded yet) and again (warm). The index's shard sizes are summarised too.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_portal import file_url, make_driver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


def scripts(driver, out):
    """The files of the page's <script> elements and their sizes."""
    srcs = driver.execute_script("return Array.from(document.scripts).map(s => s.src).filter(Boolean)")
    files = [Path(unquote(urlsplit(s).path)) for s in srcs]
    return [(f.relative_to(out).as_posix(), f.stat().st_size) for f in files if f.exists()]


def run_query(driver, query, paste, timeout=30):
    """Types `query` (or pastes it whole: one input event, nothing loaded before it)."""
    box = driver.find_element(By.ID, "search-input")
    box.clear()
    driver.execute_script("ClaimSiteSearch.lastQuery = null")
    if paste:
        driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", box, query)
    else:
        box.send_keys(query)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if driver.execute_script("return window.ClaimSiteSearch && ClaimSiteSearch.lastQuery === arguments[0]", query):
            break
        time.sleep(0.01)
    return (driver.execute_script("return ClaimSiteSearch.lastTiming"),
            len(driver.find_elements(By.CSS_SELECTOR, "#search-results a")),
            driver.find_element(By.ID, "search-status").text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", required=True)
    ap.add_argument("--query", action="append", help="queries to time (default: a claim ID, a name, a TPID)")
    args = ap.parse_args()
    out = Path(args.output).resolve()
    for kind, what in (("i", "identifier"), ("w", "word")):
        shards = sorted((out / "search").glob(f"{kind}-*.js"), key=lambda p: p.stat().st_size)
        sizes = [p.stat().st_size for p in shards]
        if sizes:
            print(f"index: {len(shards)} {what} shards, {sum(sizes) / 2**20:.1f} MiB; median {statistics.median(sizes) / 1024:.1f} KiB, "
                  f"largest {sizes[-1] / 1024:.0f} KiB ({shards[-1].name})")
    records = list((out / "search").glob("r-*.js"))
    print(f"index: {len(records)} records files, {sum(p.stat().st_size for p in records) / 2**20:.1f} MiB")
    queries = args.query or []
    driver = make_driver(javascript=True)
    try:
        driver.get(file_url(out / "index.html"))
        first = scripts(driver, out)
        print(f"home page: {sum(s for _, s in first) / 1024:.1f} KiB of script before the first keystroke: "
              + ", ".join(f"{n} {s / 1024:.1f} KiB" for n, s in first))
        if not queries:
            # A claim ID, a customer's name typed without its umlaut, a TPID, two words of a name.
            first_record = (out / "search" / "r-0.js").read_text(encoding="utf-8")
            claim_id = first_record.split('["c","', 1)[1].split('"', 1)[0]
            queries = [claim_id, claim_id[:6], "muller", "contoso", "copilot readiness"]
        # Cold: the query pasted whole into a fresh page, nothing of the index loaded yet. Warm:
        # the same query typed again, key by key, on that page.
        for q in queries:
            for run in ("cold", "warm"):
                if run == "cold":
                    driver.get(file_url(out / "index.html"))
                before = {n for n, _ in scripts(driver, out)}
                ms, shown, status = run_query(driver, q, paste=run == "cold")
                loaded = [(n, s) for n, s in scripts(driver, out) if n not in before]
                print(f"query {q!r} ({run}): first results in {ms:.1f} ms; {shown} shown, {status!r}; loaded "
                      f"{len(loaded)} files, {sum(s for _, s in loaded) / 1024:.1f} KiB")
        # Filters: the engagement page with the most table rows; each filter list's first value
        # chosen in turn, then "All" again, timed in the page (ClaimSiteTables.lastFilterMs).
        pages = sorted((out / "engagements").glob("*/index.html"), key=lambda p: p.stat().st_size)
        if pages:
            page = pages[-1]
            for tab in ("eligible", "ineligible", "completed"):
                driver.get(file_url(page) + "#" + tab)
                rows = driver.execute_script(
                    "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr')).length", tab)
                selects = [s for s in driver.find_elements(By.CSS_SELECTOR, f"#{tab} select[data-facet]")]
                times = []
                for select in selects:
                    values = [o.get_attribute("value") for o in select.find_elements(By.TAG_NAME, "option")]
                    for value in values[1:2] + [""]:
                        driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                                              select, value)
                        times.append(driver.execute_script("return ClaimSiteTables.lastFilterMs"))
                if times:
                    print(f"filters on {page.parent.name} #{tab} ({rows} rows): {len(times)} changes, "
                          f"median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
