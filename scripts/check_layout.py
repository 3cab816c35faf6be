#!/usr/bin/env python3
"""Layout checks of a built ClaimSite portal in headless Chromium (docs/output.md, Layout).

For every page kind of the portal — the home page, the work list, the payouts page, a status
list, an engagement page (each of its three tabs), a claim, a customer, a location and a
Markdown page — and the email's HTML part, at the widths 360, 390, 768, 1280 and 1920 px, with
JavaScript on and off:
  - the page does not scroll sideways: the document is no wider than the window, and no element
    that scrolls sideways (a table in a box with `overflow: auto`, say) holds content wider than
    itself;
  - no cell is cut off: no table cell, badge or card holds content wider than itself.
Then, with JavaScript on (Chromium's DevTools):
  - print: an engagement page printed to PDF (`Page.printToPDF`, read back with `pdftotext`) holds
    all three tab headings and every claim ID of report.json for that engagement, and none of the
    filters' words (the filter labels) or the sort buttons; the same with JavaScript off;
  - colour schemes: axe-core's colour-contrast rule finds nothing on each page kind in the light
    and the dark scheme (`Emulation.setEmulatedMedia`, prefers-color-scheme).

    check_layout.py --output DIR [--shots DIR] [--counts FILE]

Exit status 0 when every check passed; the last line printed is `layout: N passed, M failed`.
"""
import argparse
import base64
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium.common.exceptions import WebDriverException

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_portal import Checks, file_url, make_driver, page_language  # noqa: E402

WIDTHS = (360, 390, 768, 1280, 1920)

# What overflows, in the page's own terms: the document, any element that scrolls sideways with
# content wider than itself, and any cell, badge or card whose content is wider than its box.
OVERFLOW_JS = """
const doc = document.documentElement;
const out = {page: doc.scrollWidth - window.innerWidth, scrollers: [], cut: []};
function name(el) {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.classList.length) s += '.' + Array.from(el.classList).join('.');
  const text = (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  return s + (text ? ' "' + text + '"' : '');
}
function shown(el) { return el.offsetParent !== null || getComputedStyle(el).position === 'fixed'; }
for (const el of document.querySelectorAll('body *')) {
  if (!shown(el)) continue;
  const style = getComputedStyle(el);
  if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1)
    out.scrollers.push(name(el) + ' ' + el.scrollWidth + '>' + el.clientWidth);
}
for (const el of document.querySelectorAll('td, th, .badge, .totals div, .card, dd, .callout')) {
  // Not shown, or visually hidden (a 1-pixel box, as the column headers of stacked tables).
  if (!shown(el) || el.clientWidth <= 1) continue;
  if (el.scrollWidth > el.clientWidth + 1)
    out.cut.push(name(el) + ' ' + el.scrollWidth + '>' + el.clientWidth);
}
return out;
"""


def page_kinds(out, report):
    """(name, path) of one page of each kind, the engagement page once per tab."""
    engagement = next(e for e in report["engagements"] if e["tabs"]["completed"])
    proof = next((x for x in report["claims"] if (x.get("proof") or {}).get("ready") is False), report["claims"][0])
    customer = report["customers"][0]
    location = sorted((out / "locations").glob("*.html"))[0].relative_to(out)
    # A Markdown page, one with a table when there is one (its rows stack on phones too).
    pages = sorted((out / "pages").glob("*.html"))
    page = next((p for p in pages if 'class="md-table"' in p.read_text(encoding="utf-8")), pages[0]).relative_to(out)
    status = sorted((out / "statuses").glob("*.html"))[0].relative_to(out)
    kinds = [("home", "index.html"), ("work list", "actions.html"), ("payouts", "payouts.html"),
             ("status list", str(status))]
    for tab in ("eligible", "ineligible", "completed"):
        kinds.append((f"engagement #{tab}", f"{engagement['page']}#{tab}"))
    kinds += [("claim", proof["page"]), ("customer", customer["page"]), ("location", str(location)),
              ("page", str(page)), ("email", "email/summary.html")]
    return kinds


def page_url(out, path):
    """The file:// address of `path` below `out`, keeping its #fragment."""
    page, _, fragment = path.partition("#")
    return file_url(out / page) + (f"#{fragment}" if fragment else "")


def check_widths(c, out, report, javascript, lang, shots):
    driver = make_driver(javascript=javascript)
    mode = "JavaScript on" if javascript else "JavaScript off"
    try:
        for width in WIDTHS:
            driver.set_window_size(width, 900)
            for name, path in page_kinds(out, report):
                where = f"[{lang}] {name} at {width} px, {mode}"
                driver.get("about:blank")
                driver.get(page_url(out, path))
                found = driver.execute_script(OVERFLOW_JS)
                c.check(found["page"] <= 0, f"{where}: the page does not scroll sideways",
                        f"{found['page']} px wider than the window")
                c.check(not found["scrollers"], f"{where}: nothing scrolls sideways inside the page",
                        "; ".join(found["scrollers"][:3]))
                c.check(not found["cut"], f"{where}: no cell is cut off", "; ".join(found["cut"][:3]))
                if shots and width in (390, 1280) and javascript:
                    driver.save_screenshot(str(shots / f"{lang}-{name.replace(' ', '-').replace('#', '')}-{width}.png"))
    finally:
        driver.quit()


def pdf_text(driver):
    data = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})["data"]
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        pdf.write_bytes(base64.b64decode(data))
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout


def check_print(c, out, report, javascript, lang):
    """The engagement page printed: all three tabs, every row, no filters or sort buttons."""
    driver = make_driver(javascript=javascript)
    mode = "JavaScript on" if javascript else "JavaScript off"
    try:
        for engagement in report["engagements"]:
            if not (engagement["tabs"]["completed"] and engagement["tabs"]["eligible"]):
                continue
            driver.get(file_url(out / engagement["page"]))
            headings = [h.get_attribute("textContent").strip() for h in
                        driver.find_elements("css selector", ".tab-panel > h3")]
            labels = [l.get_attribute("textContent").strip() for l in
                      driver.find_elements("css selector", ".filters label, .filter label")]
            text = pdf_text(driver)
            flat = " ".join(text.split())
            where = f"[{lang}] engagement {engagement['id']} printed, {mode}"
            c.check(len(headings) == 3 and all(h in flat for h in headings),
                    f"{where}: all three tab headings are on paper", f"headings {headings}")
            ids = [r["claimId"] for r in engagement["tabs"]["eligible"] if r.get("claimId")]
            ids += [r["claimId"] for r in engagement["tabs"]["completed"]]
            missing = [i for i in ids if i not in flat]
            c.check(ids and not missing, f"{where}: every claim ID is on paper", f"missing {missing}")
            leftover = [l for l in labels if l and l in flat]
            c.check(not leftover, f"{where}: no filter on paper", f"found {leftover}")
            c.check("↕" not in text and "▲" not in text and "▼" not in text,
                    f"{where}: no sort buttons on paper")
            break
    finally:
        driver.quit()


def check_schemes(c, out, report, lang):
    from axe_selenium_python import Axe
    driver = make_driver(javascript=True)
    try:
        for scheme in ("light", "dark"):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for name, path in page_kinds(out, report):
                if name == "email":
                    continue
                driver.get("about:blank")
                driver.get(page_url(out, path))
                axe = Axe(driver)
                axe.inject()
                result = axe.run(options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
                bad = [f"{n['target']}" for v in result["violations"] for n in v["nodes"]]
                c.check(not bad, f"[{lang}] {name}, {scheme} scheme: no colour-contrast violation",
                        "; ".join(bad[:4]))
            if scheme == "dark":
                dark = driver.execute_script(
                    "return getComputedStyle(document.documentElement).backgroundColor")
                c.check(dark not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"),
                        f"[{lang}] the dark scheme darkens the page", dark)
    finally:
        driver.quit()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", required=True)
    ap.add_argument("--shots", help="save screenshots at 390 and 1280 px here")
    ap.add_argument("--counts", help="write 'PASSED FAILED' to this file at the end")
    args = ap.parse_args()
    out = Path(args.output).resolve()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    shots = Path(args.shots) if args.shots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    c = Checks()
    try:
        probe = make_driver(javascript=False)
        probe.get(file_url(out / "index.html"))
        lang = page_language(probe)
        probe.quit()
        for javascript in (True, False):
            print(f"layout: [{lang}] widths, JavaScript {'on' if javascript else 'off'}", flush=True)
            check_widths(c, out, report, javascript, lang, shots)
            print(f"layout: [{lang}] print, JavaScript {'on' if javascript else 'off'}", flush=True)
            check_print(c, out, report, javascript, lang)
        print(f"layout: [{lang}] colour schemes", flush=True)
        check_schemes(c, out, report, lang)
    except WebDriverException as e:
        c.check(False, "browser session", str(e).splitlines()[0])
    return c.finish("layout", args.counts)


if __name__ == "__main__":
    sys.exit(main())
