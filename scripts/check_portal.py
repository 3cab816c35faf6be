#!/usr/bin/env python3
"""Real-browser checks of a built ClaimSite portal (headless Chromium over file://).

Run 1, JavaScript DISABLED (as a reader with JavaScript off sees the portal):
  - proves JavaScript really is off (a probe page whose script would change its text);
  - opens the home page and follows its links to every engagement page in report.json;
  - on each engagement page: the Eligible panel shows by default and the others are hidden;
    clicking each tab link (#ineligible, #completed, back to #eligible) shows that panel and
    hides the others; each panel shows as many table rows as report.json says it has
    (engagements[].tabs.eligible, .ineligible.rows / detailsHidden, .completed);
  - a claim page and a customer page (reached by links) load, styled, with an h1;
  - the work list (actions.html), reached from the header, shows every group's rows (as in the
    JavaScript-on run below); the snapshot notice (#snapshot-age) is on the home page, the work
    list, a status list and a claim page and is not displayed;
  - keyboard focus is visible (the skip link and a tab link get an outline when focused);
  - full-page screenshots: home, the Customers page of one engagement (one per tab) and one
    claim page, into --shots.
Run 2, JavaScript ON: search, filters and sorting (run_search, run_filters), then
  - the work list, with the page clock on the as-of date: for each group (#today, #soon, #month,
    #later, #microsoft) the rows' claim IDs are report.json `actions[group]` in its order (the
    first 1,000, then a p.more saying how many more; an empty group keeps its section and says
    so), its heading count is the group's length; #partner-heading counts the four dated groups,
    #due-heading today + soon, and the groups nest and come in that order; the lead gives the
    open claims and the proposed amount summed from report.json;
  - every home card, followed in the browser (so the fragment is real): open claims = the work
    list's lead = the five group counts; partner = #partner-heading (#partner is the :target, in
    view); due = #due-heading (likewise); approved = statuses/approved.html's strong.total (the
    card's claim count) and payout (the card's amount), and payouts.html's totals = report.json's,
    its charts' bars = their tables' rows; proposed = the work list's amount; each
    also against report.json;
  - every status chip, followed: its count = its list's strong.total = report.json's claims with
    that status; the list shows min(count, 1,000) rows, those claims, its h1 and badge name the status,
    its payout is report.json's sum; one chip per status; the recent changes = recentlyChanged;
  - every engagement and customer page: its totals = report.json's (engagements[].totals,
    customers[].totals);
  - proof of execution, for every claim whose engagement asks for it: the claim page's checklist
    = report.json `proof` (listed, done), the call-out says ready or names exactly the missing
    items, the Proof column of the engagement page and the work list says "done of listed"; and
    every Ineligible row with a verdict shows the verdict's words;
  - the snapshot notice, with `Date` replaced through DevTools (Page.addScriptToEvaluateOnNewDocument)
    on the home page, the work list, a status list and a claim page: hidden on the as-of date and
    the day before; 6 days after it displayed, role=status, saying 6 and the as-of date as the
    page writes it (2026-11-29 / 29.11.2026); 1 day after it the singular; the reader's local date
    counts (the same instant in UTC+14 and UTC-11); axe-core with the notice shown;
  - screenshots of the work list (actions.png), the approved list and the notice;
  - axe-core on the home page, one engagement page (once per tab, so that every panel is checked
    while visible), one claim, customer and location page, the work list, a status list, one
    Markdown page, a claim that misses proof and its engagement's Eligible tab (the Proof column);
    fails on any violation (rule id, impact, target nodes).
--other-language (the German build in check-portal.sh): the work list without JavaScript, the
snapshot notice without JavaScript, and all of run 2 except search, filters and sorting.
Check names of the work list, cards, status lists and notice start with the page language: [en].

Exit status 0 when every check passed, 1 otherwise. Prints `browser: N passed, M failed` last.
"""
import argparse
import datetime
import json
import os
import re
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

TABS = ("eligible", "ineligible", "completed")
BRAND_BLUE = ("rgb(11, 92, 173)", "rgba(11, 92, 173, 1)")  # --brand in claimsite.css: the stylesheet loaded
# The work list's groups (actions.html and report.json `actions`), in page order: the four dated
# ones make up #partner, the first two #due.
GROUPS = ("today", "soon", "month", "later", "microsoft")
DATED = GROUPS[:4]
DUE = GROUPS[:2]
# The totals of report.json (KEY + "USD") and of a page's dl.totals (dd[data-total=KEY]).
TOTAL_KEYS = ("approved", "paid", "expected", "overdue", "proposed")
ROW_LIMIT = 1000  # a work-list group or a status list shows at most this many rows, then p.more


class Checks:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
        else:
            message = what + (f": {detail}" if detail else "")
            self.failures.append(message)
            print(f"FAIL {message}", flush=True)
        return ok

    def finish(self, label, counts=None):
        """Prints the failures and `LABEL: N passed, M failed`, writes 'PASSED FAILED' to the file
        `counts` when given; the exit status: 1 when a check failed, else 0."""
        if self.failures:
            print(f"{label}: {len(self.failures)} check(s) failed:")
            for f in self.failures:
                print(f"  - {f}")
        print(f"{label}: {self.passed} passed, {len(self.failures)} failed", flush=True)
        if counts:
            Path(counts).write_text(f"{self.passed} {len(self.failures)}\n")
        return 1 if self.failures else 0


def find_binary(name, *candidates):
    for c in candidates:
        if c and os.path.exists(c):
            return c
    sys.exit(f"check_portal: {name} not found (tried {', '.join(c for c in candidates if c)})")


def make_driver(javascript, width=1280, height=900):
    o = Options()
    o.add_argument("--headless=new")
    o.add_argument("--no-sandbox")
    o.add_argument("--disable-gpu")
    o.add_argument("--disable-dev-shm-usage")
    o.add_argument(f"--window-size={width},{height}")
    o.add_argument("--hide-scrollbars")
    o.add_argument("--force-device-scale-factor=1")
    o.add_argument("--lang=en-US")
    o.binary_location = find_binary("chromium", os.environ.get("CHROMIUM"), "/usr/bin/chromium")
    if not javascript:
        o.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver_path = find_binary("chromedriver", os.environ.get("CHROMEDRIVER"), "/usr/bin/chromedriver")
    d = webdriver.Chrome(service=Service(driver_path), options=o)
    d.set_page_load_timeout(30)
    d.set_script_timeout(60)
    return d


def file_url(path):
    return Path(path).resolve().as_uri()


def full_page_screenshot(driver, path):
    """A screenshot of the whole page (not only the viewport), through DevTools: works with
    the page's JavaScript off."""
    import base64
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width, height = int(size["width"]), int(min(size["height"], 16000))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    Path(path).write_bytes(base64.b64decode(shot["data"]))
    print(f"  screenshot {path} ({width}x{height})", flush=True)


def panel_state(driver):
    return {t: driver.find_element(By.ID, t).is_displayed() for t in TABS}


def visible_rows(driver, tab):
    rows = driver.find_elements(By.CSS_SELECTOR, f"#{tab} table tbody tr")
    return [r for r in rows if r.is_displayed()]


def expected_rows(tabs):
    return {
        "eligible": len(tabs["eligible"]),
        "ineligible": 0 if tabs["ineligible"]["detailsHidden"] else len(tabs["ineligible"]["rows"]),
        "completed": len(tabs["completed"]),
    }


def check_styled(c, driver, where):
    header = driver.find_elements(By.CSS_SELECTOR, "header.site-header")
    bg = header[0].value_of_css_property("background-color") if header else None
    c.check(bg in BRAND_BLUE, f"{where}: stylesheet applied (header background)", f"got {bg}")


def check_h1(c, driver, where, contains=None):
    h1s = driver.find_elements(By.TAG_NAME, "h1")
    c.check(len(h1s) == 1, f"{where}: exactly one h1", f"found {len(h1s)}")
    if h1s:
        text = h1s[0].text.strip()
        c.check(bool(text) and h1s[0].is_displayed(), f"{where}: h1 visible and not empty", repr(text))
        if contains:
            c.check(contains in text, f"{where}: h1 names {contains}", repr(text))
    c.check(bool(driver.title.strip()), f"{where}: has a title")
    c.check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") not in (None, ""),
            f"{where}: html has lang")


def click_tab(driver, tab):
    link = driver.find_element(By.CSS_SELECTOR, f'nav.tabs a[href="#{tab}"]')
    link.click()
    # :target applies synchronously with the fragment navigation; wait for the URL to settle.
    for _ in range(50):
        if urlsplit(driver.current_url).fragment == tab:
            break
        time.sleep(0.05)


def check_tab_strip(c, driver, where, selected):
    """The selected tab looks different from the others, and the tab strip is still in view
    after following a tab link (the browser scrolls to the :target panel)."""
    links = {t: driver.find_element(By.CSS_SELECTOR, f'nav.tabs a[href="#{t}"]') for t in TABS}
    looks = {t: (l.value_of_css_property("background-color"), l.value_of_css_property("border-top-width"))
             for t, l in links.items()}
    others = {looks[t] for t in TABS if t != selected}
    c.check(len(others) == 1 and looks[selected] not in others,
            f"{where}: the {selected} tab is marked as selected", str(looks))
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top;", links[selected])
    c.check(top >= 0, f"{where}: the tab strip stays in view", f"tab link top at {top}px")


def check_engagement(c, driver, engagement, shots_dir=None):
    eid = engagement["id"]
    where = f"engagement {eid}"
    want = expected_rows(engagement["tabs"])
    check_h1(c, driver, where, contains=engagement["name"])
    check_styled(c, driver, where)
    c.check(urlsplit(driver.current_url).fragment == "", f"{where}: opened without a fragment",
            driver.current_url)

    state = panel_state(driver)
    c.check(state == {"eligible": True, "ineligible": False, "completed": False},
            f"{where}: Eligible panel shows by default, the others are hidden", str(state))
    check_tab_strip(c, driver, where, "eligible")
    rows = visible_rows(driver, "eligible")
    c.check(len(rows) == want["eligible"], f"{where}: default Eligible panel shows its rows",
            f"{len(rows)} visible rows, report.json has {want['eligible']}")
    if shots_dir:
        full_page_screenshot(driver, shots_dir / f"engagement-{eid}-eligible.png")

    for tab in ("ineligible", "completed", "eligible"):
        click_tab(driver, tab)
        c.check(urlsplit(driver.current_url).fragment == tab,
                f"{where}: clicking the {tab} tab goes to #{tab}", driver.current_url)
        state = panel_state(driver)
        expected = {t: t == tab for t in TABS}
        c.check(state == expected, f"{where} #{tab}: only the {tab} panel is displayed", str(state))
        check_tab_strip(c, driver, f"{where} #{tab}", tab)
        rows = visible_rows(driver, tab)
        c.check(len(rows) == want[tab], f"{where} #{tab}: panel shows its rows",
                f"{len(rows)} visible rows, report.json has {want[tab]}")
        if want[tab] > 0:
            c.check(len(rows) > 0, f"{where} #{tab}: rows are visible")
        else:  # an empty tab says so in words
            said = [p.text for p in driver.find_elements(By.CSS_SELECTOR, f"#{tab} > p") if p.is_displayed()]
            c.check(any(t.strip() for t in said), f"{where} #{tab}: an empty tab says why", str(said))
        if tab == "ineligible" and engagement["tabs"]["ineligible"]["detailsHidden"]:
            notes = [n for n in driver.find_elements(By.CSS_SELECTOR, "#ineligible .note") if n.is_displayed()]
            c.check(len(notes) == 1 and "not shown" in notes[0].text,
                    f"{where} #ineligible: says that details are hidden")
        # The count on the tab link matches the report too.
        count = driver.find_element(By.CSS_SELECTOR, f'nav.tabs a[href="#{tab}"] .count').text.strip()
        hidden = tab == "ineligible" and engagement["tabs"]["ineligible"]["detailsHidden"]
        expected_count = "–" if hidden else str(want[tab])
        c.check(count == expected_count, f"{where}: {tab} tab count",
                f"link says {count!r}, report.json has {expected_count}")
        if shots_dir and tab != "eligible":
            full_page_screenshot(driver, shots_dir / f"engagement-{eid}-{tab}.png")


def check_focus_visible(c, driver, url, where):
    """Keyboard focus is visible: Tab from the top focuses the skip link, which comes into
    view with an outline; a tab link shows an outline when focused."""
    driver.get("about:blank")
    driver.get(url)
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    c.check("skip" in (active.get_attribute("class") or ""), f"{where}: Tab focuses the skip link first",
            active.get_attribute("outerHTML")[:80])
    rect = active.rect
    c.check(rect["x"] >= 0 and active.is_displayed(), f"{where}: focused skip link is on screen", str(rect))
    style = active.value_of_css_property("outline-style")
    c.check(style not in ("none", ""), f"{where}: focused skip link has a visible outline", style)
    if driver.find_elements(By.CSS_SELECTOR, "nav.tabs a"):
        # Keep pressing Tab until the first tab link has the keyboard focus.
        for _ in range(100):
            driver.switch_to.active_element.send_keys(Keys.TAB)
            active = driver.switch_to.active_element
            if (active.get_attribute("href") or "").endswith("#eligible") and \
                    active.find_elements(By.XPATH, "ancestor::nav[contains(@class, 'tabs')]"):
                break
        else:
            c.check(False, f"{where}: Tab reaches the tab links")
            return
        width = active.value_of_css_property("outline-width")
        style = active.value_of_css_property("outline-style")
        c.check(style not in ("none", "") and width not in ("0px", ""),
                f"{where}: a tab link focused by keyboard has a visible outline", f"{style} {width}")


def js_probe(c, driver, tmp):
    probe = Path(tmp) / "js-probe.html"
    probe.write_text('<!DOCTYPE html><html lang="en"><title>probe</title><p id="p">off</p>'
                     '<script>document.getElementById("p").textContent = "on";</script>')
    driver.get(file_url(probe))
    text = driver.find_element(By.ID, "p").text
    return text


def run_without_javascript(c, out, report, shots_dir, sample_engagement, sample_claim):
    driver = make_driver(javascript=False)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            text = js_probe(c, driver, tmp)
        if not c.check(text == "off", "JavaScript is disabled in the no-JS run", f"probe says {text!r}"):
            return

        home = file_url(out / "index.html")
        driver.get(home)
        boxes = driver.find_elements(By.ID, "search")
        c.check(len(boxes) == 1 and not boxes[0].is_displayed(), "without JavaScript the search box is not shown")
        check_h1(c, driver, "home")
        check_styled(c, driver, "home")
        full_page_screenshot(driver, shots_dir / "home.png")
        check_focus_visible(c, driver, home, "home")

        engagements = report["engagements"]
        c.check(len(engagements) > 0, "report.json lists engagements")
        for e in engagements:
            driver.get(home)
            # The pages link an engagement to its Eligible tab (page#eligible), or to the page.
            links = driver.find_elements(
                By.CSS_SELECTOR, f'main a[href="{e["page"]}"], main a[href="{e["page"]}#eligible"]')
            if not c.check(len(links) >= 1, f"home links to engagement {e['id']}", e["page"]):
                continue
            links[0].click()
            url = urlsplit(driver.current_url)
            c.check(Path(unquote(url.path)) == (out / e["page"]).resolve() and url.fragment in ("", "eligible"),
                    f"link from home opens {e['page']} (at most #eligible)", driver.current_url)
            if url.fragment == "eligible":
                c.check(panel_state(driver) == {t: t == "eligible" for t in TABS},
                        f"engagement {e['id']} #eligible (the home page's link): only the Eligible panel is displayed",
                        str(panel_state(driver)))
            # The checks below start from the page without a fragment (the default panel).
            driver.get(file_url(out / e["page"]))
            check_engagement(c, driver, e, shots_dir if e["id"] == sample_engagement else None)
            if e["id"] == sample_engagement:
                check_focus_visible(c, driver, file_url(out / e["page"]), f"engagement {e['id']}")

        # A claim page, reached from its engagement page, and a customer page reached from it.
        claim = next((x for x in report["claims"] if x.get("id", x.get("claimId")) == sample_claim), None)
        c.check(claim is not None, f"report.json has claim {sample_claim}")
        claim_path = out / "claims" / f"{sample_claim}.html"
        driver.get(file_url(claim_path))
        check_h1(c, driver, f"claim {sample_claim}", contains=sample_claim)
        check_styled(c, driver, f"claim {sample_claim}")
        tables = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
        c.check(len(tables) > 0, f"claim {sample_claim}: deadlines table has rows")
        full_page_screenshot(driver, shots_dir / f"claim-{sample_claim}.png")
        customer_links = driver.find_elements(By.CSS_SELECTOR, 'main a[href^="../customers/"]')
        if c.check(len(customer_links) > 0, f"claim {sample_claim}: links to its customer"):
            customer_links[0].click()
            where = f"customer page {Path(urlsplit(driver.current_url).path).name}"
            check_h1(c, driver, where)
            check_styled(c, driver, where)
            rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
            c.check(len(rows) > 0, f"{where}: tables have rows")
            full_page_screenshot(driver, shots_dir / "customer.png")

        # The work list, reached from the header, shows every group's rows without JavaScript;
        # the snapshot notice stays hidden.
        driver.get(home)
        lang = page_language(driver)
        nav = work_list_links(driver)
        if c.check(len(nav) == 1, f"[{lang}] home: the header links to the work list"):
            nav[0].click()
            c.check(wait_for_page(driver, out / "actions.html"), f"[{lang}] the header link opens actions.html",
                    driver.current_url)
            check_work_list(c, driver, report, f"[{lang}] work list (JavaScript off)")
        check_snapshot_without_javascript(c, driver, out, sample_claim, f"[{lang}]")

        # Every Markdown page and every other page loads with an h1 (quick pass).
        for sub in ("pages", "customers", "claims"):
            for page in sorted((out / sub).glob("*.html")):
                driver.get(file_url(page))
                h1 = driver.find_elements(By.TAG_NAME, "h1")
                c.check(len(h1) == 1 and h1[0].text.strip() != "", f"{sub}/{page.name}: loads with an h1")
    finally:
        driver.quit()


def search_results(driver, query, timeout=10):
    """Types `query` into the search box (cleared first) and waits for its results: the links'
    hrefs and texts, the status line and the time the page measured."""
    box = driver.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys(query)
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = driver.execute_script("return window.ClaimSiteSearch && window.ClaimSiteSearch.lastQuery === arguments[0]", query)
        if done:
            break
        time.sleep(0.05)
    links = driver.find_elements(By.CSS_SELECTOR, "#search-results a")
    status = driver.find_element(By.ID, "search-status").text
    timing = driver.execute_script("return window.ClaimSiteSearch && window.ClaimSiteSearch.lastTiming")
    return [(a.get_attribute("href"), a.text) for a in links], status, timing


def run_search(c, out, report, sample_claim, shots_dir):
    """With JavaScript on, from file://: the search box finds claims and customers by ID, part of
    a name, TPID and a name with an umlaut typed without it; the keyboard works."""
    driver = make_driver(javascript=True)
    try:
        driver.get(file_url(out / "index.html"))
        box = driver.find_elements(By.ID, "search")
        if not c.check(len(box) == 1 and box[0].is_displayed(), "with JavaScript the search box is shown"):
            return
        timings = []

        links, status, timing = search_results(driver, sample_claim)
        timings.append(timing)
        c.check(bool(links) and links[0][0].endswith(f"claims/{sample_claim}.html"),
                f"search '{sample_claim}': the claim is the first result", str(links[:3]))
        c.check(status != "", f"search '{sample_claim}': the status line says how many matched", status)

        lower = sample_claim.lower()[:-1]
        links, status, timing = search_results(driver, lower)
        timings.append(timing)
        c.check(any(h.endswith(f"claims/{sample_claim}.html") for h, _ in links),
                f"search '{lower}' (a prefix, any case): finds {sample_claim}", str(links[:3]))

        links, status, timing = search_results(driver, "muller")
        timings.append(timing)
        c.check(any("Müller Maschinenbau" in t for _, t in links), "search 'muller' finds Müller Maschinenbau", str(links[:3]))
        c.check(any("/customers/" in h for h, _ in links) and any("/claims/" in h for h, _ in links),
                "search 'muller' finds the customer and its claims", str(links[:5]))
        driver.save_screenshot(str(shots_dir / "search.png"))
        # axe-core with the results open: the box, its label, the list and the live region.
        from axe_selenium_python import Axe
        axe = Axe(driver)
        axe.inject()
        violations = axe.run()["violations"]
        c.check(not violations, "axe on the home page with search results shown: no violations",
                ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in violations))

        links, status, timing = search_results(driver, "maschinenb sap")
        timings.append(timing)
        c.check(bool(links) and all("/claims/" in h for h, _ in links) and all("SAP" in t for _, t in links),
                "search 'maschinenb sap': only claims with both words", str(links[:5]))

        # A TPID of the example's customers (Adatum's, in Content/data/customers.yaml).
        tpid = "640118"
        links, status, timing = search_results(driver, tpid)
        timings.append(timing)
        c.check(bool(links) and "/customers/" in links[0][0], f"search TPID {tpid}: the customer is the first result", str(links[:3]))

        # A link that carries a query opens with its results.
        driver.get(file_url(out / "index.html") + "?q=muller")
        deadline = time.time() + 10
        while time.time() < deadline and not driver.execute_script("return window.ClaimSiteSearch && ClaimSiteSearch.lastQuery"):
            time.sleep(0.05)
        shown = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        c.check(any("Müller" in t for t in shown), "index.html?q=muller opens with the results shown", str(shown[:2]))

        links, status, timing = search_results(driver, "zzzz-no-such-thing")
        c.check(links == [] and status == "No matches", "search with no match says so", status)

        # Keyboard: "/" focuses the box, ArrowDown moves into the results, Enter opens one.
        driver.get(file_url(out / "claims" / f"{sample_claim}.html"))
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        focused = driver.execute_script("return document.activeElement && document.activeElement.id")
        c.check(focused == "search-input", "'/' focuses the search box", str(focused))
        links, status, timing = search_results(driver, "muller")
        box = driver.find_element(By.ID, "search-input")
        box.send_keys(Keys.ARROW_DOWN)
        first = driver.execute_script("return document.activeElement && document.activeElement.href")
        results = driver.find_elements(By.CSS_SELECTOR, "#search-results a")
        c.check(bool(results) and first == results[0].get_attribute("href"), "ArrowDown moves to the first result", str(first))
        driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        second = driver.execute_script("return document.activeElement && document.activeElement.href")
        c.check(second is not None and second != first, "ArrowDown again moves to the next result", str(second))
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        time.sleep(0.5)
        c.check(urlsplit(driver.current_url).path.endswith(second.split("/")[-1]), "Enter opens the result", driver.current_url)
        live = driver.find_element(By.ID, "search-status").get_attribute("aria-live")
        c.check(live == "polite", "the result count is announced (aria-live)", str(live))
        shown = [t for t in timings if t is not None]
        if shown:
            print(f"  search: first results in {max(shown):.1f} ms at most ({', '.join(f'{t:.1f}' for t in shown)} ms)", flush=True)
    finally:
        driver.quit()


def visible_table_rows(driver, css):
    return [r for r in driver.find_elements(By.CSS_SELECTOR, css) if r.is_displayed()]


def filter_words(out):
    """The words of the filter values by facet and code, from assets/words.js."""
    text = (out / "assets" / "words.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])["filterValues"]


def words_slug(text):
    """A value's words as the old addresses wrote them: lower case, accents dropped, '-' between."""
    import unicodedata
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).lower()
    return "-".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def shown_ids(driver, panel):
    return [r.find_element(By.CSS_SELECTOR, "th").text
            for r in visible_table_rows(driver, f"#{panel} tbody tr[data-status]")]


def run_filters(c, out, report, sample_engagement, shots_dir):
    """With JavaScript on, in the output's language: the fragment selects the tab and the filters
    by language-independent codes (an address with a value's words still works), the filter selects
    and the sort buttons narrow and order the rows, each tab keeps its own view, a tab adds a
    history entry, and the view is written back into the fragment."""
    page = out / "engagements" / sample_engagement / "index.html"
    words = filter_words(out)
    approved = sorted(x["id"] for x in report["claims"]
                      if x["engagement"] == sample_engagement and x["status"] == "approved")
    driver = make_driver(javascript=True)
    lang = ""
    try:
        # A bookmarked view: the Completed tab, approved claims only; the same address in every language.
        driver.get(file_url(page) + "#completed&status=approved")
        time.sleep(0.2)
        lang = f"[{page_language(driver)}] "
        completed = driver.find_element(By.ID, "completed")
        c.check(completed.is_displayed() and not driver.find_element(By.ID, "eligible").is_displayed(),
                f"{lang}#completed&status=approved shows the Completed tab only")
        all_rows = driver.find_elements(By.CSS_SELECTOR, "#completed tbody tr")
        ids = shown_ids(driver, "completed")
        c.check(len(approved) > 0 and sorted(ids) == approved,
                f"{lang}#completed&status=approved shows exactly the approved claims of report.json",
                f"shown {ids}, approved {approved}")
        c.check(len(ids) < len(all_rows), f"{lang}the status filter hides the other claims",
                f"{len(ids)} of {len(all_rows)}")
        select = driver.find_element(By.CSS_SELECTOR, "#completed select[data-facet='status']")
        c.check(select.get_attribute("value") == "approved", f"{lang}the bookmarked filter shows in its select",
                str(select.get_attribute("value")))
        label = Select(select).first_selected_option.text
        c.check(label.startswith(words["status"]["approved"]), f"{lang}the select names the status in the page's words",
                label)
        current = driver.find_element(By.CSS_SELECTOR, ".tabs a[aria-current='true']").get_attribute("href")
        c.check(current.endswith("#completed"), f"{lang}the Completed tab is marked current", current)
        full_page_screenshot(driver, shots_dir / f"engagement-{sample_engagement}-filtered.png")

        # An address written with the status's words (as before codes) shows the same rows.
        old = words_slug(words["status"]["approved"])
        driver.get("about:blank")
        driver.get(file_url(page) + f"#completed&status={old}")
        time.sleep(0.2)
        c.check(sorted(shown_ids(driver, "completed")) == approved,
                f"{lang}the old address #completed&status={old} still shows the approved claims",
                str(shown_ids(driver, "completed")))

        # Choosing "All" again shows every row; the fragment keeps only the tab.
        driver.get("about:blank")
        driver.get(file_url(page) + "#completed&status=approved")
        time.sleep(0.2)
        select = driver.find_element(By.CSS_SELECTOR, "#completed select[data-facet='status']")
        Select(select).select_by_value("")
        c.check(len(visible_table_rows(driver, "#completed tbody tr")) == len(all_rows), f"{lang}'All' shows every row again")
        c.check(driver.execute_script("return location.hash") == "#completed",
                f"{lang}the fragment holds only the tab again", driver.execute_script("return location.hash"))
        Select(select).select_by_value("approved")

        # Tabs: choosing Eligible adds a history entry and does not carry the Completed tab's filter.
        driver.find_element(By.CSS_SELECTOR, ".tabs a[href='#eligible']").click()
        time.sleep(0.1)
        c.check(driver.execute_script("return location.hash") == "#eligible",
                f"{lang}choosing the Eligible tab leaves the Completed tab's filter behind",
                driver.execute_script("return location.hash"))
        window_value = None
        selects = driver.find_elements(By.CSS_SELECTOR, "#eligible select[data-facet='window']")
        if c.check(bool(selects), f"{lang}the Eligible tab has a deadline filter"):
            choice = Select(selects[0])
            window_value = next(o.get_attribute("value") for o in choice.options if o.get_attribute("value"))
            c.check(window_value in ("dueSoon", "later", "none"), f"{lang}the deadline filter's values are codes",
                    str(window_value))
            choice.select_by_value(window_value)
            rows = visible_table_rows(driver, "#eligible tbody tr[data-window]")
            c.check(len(rows) > 0 and all(r.get_attribute("data-window") == window_value for r in rows),
                    f"{lang}the deadline filter '{window_value}' narrows the open claims", str(len(rows)))
            c.check(driver.execute_script("return location.hash") == f"#eligible&window={window_value}",
                    f"{lang}the fragment holds the tab and the filter", driver.execute_script("return location.hash"))
            timing = driver.execute_script("return ClaimSiteTables.lastFilterMs")
            print(f"  filters: last filter took {timing:.1f} ms", flush=True)
        # Back returns to the Completed tab with its own filter.
        driver.back()
        time.sleep(0.3)
        c.check(driver.execute_script("return location.hash") == "#completed&status=approved",
                f"{lang}Back returns to the Completed tab's view", driver.execute_script("return location.hash"))
        c.check(driver.find_element(By.ID, "completed").is_displayed()
                and not driver.find_element(By.ID, "eligible").is_displayed(),
                f"{lang}Back shows the Completed tab again")
        c.check(sorted(shown_ids(driver, "completed")) == approved,
                f"{lang}after Back the Completed tab shows its approved claims", str(shown_ids(driver, "completed")))
        # The Eligible tab again: its own filter comes back.
        driver.find_element(By.CSS_SELECTOR, ".tabs a[href='#eligible']").click()
        time.sleep(0.1)
        if window_value:
            c.check(driver.execute_script("return location.hash") == f"#eligible&window={window_value}",
                    f"{lang}the Eligible tab comes back with its own filter", driver.execute_script("return location.hash"))
            rows = visible_table_rows(driver, "#eligible tbody tr[data-window]")
            c.check(len(rows) > 0 and all(r.get_attribute("data-window") == window_value for r in rows),
                    f"{lang}and its rows filtered by it", str(len(rows)))
            select = driver.find_element(By.CSS_SELECTOR, "#eligible select[data-facet='window']")
            c.check(select.get_attribute("value") == window_value, f"{lang}and its select showing it",
                    str(select.get_attribute("value")))
        # Back, Back: the Completed tab, then the first address.
        driver.back()
        time.sleep(0.3)
        c.check(driver.execute_script("return location.hash") == "#completed&status=approved",
                f"{lang}Back again returns to the Completed tab", driver.execute_script("return location.hash"))

        # The work list: an owner by name (as shown), and by the old lower-case form.
        owners = sorted(set(re.findall(r'data-owner="([^"]+)"', (out / "actions.html").read_text(encoding="utf-8"))))
        if owners:
            owner = owners[0]
            for address in (f"#partner&owner={quote(owner)}", f"#partner&owner={words_slug(owner)}"):
                driver.get("about:blank")
                driver.get(file_url(out / "actions.html") + address)
                time.sleep(0.2)
                rows = driver.find_elements(By.CSS_SELECTOR, "main tbody tr[data-owner]")
                shown = [r for r in rows if r.is_displayed()]
                mine = [r for r in rows if r.get_attribute("data-owner") == owner]
                c.check(len(shown) > 0 and shown == mine,
                        f"{lang}actions.html{address} shows exactly {owner}'s claims", f"{len(shown)} of {len(mine)}")

        # Sorting: the Claim ID column of the Completed table, then descending.
        driver.get(file_url(page) + "#completed")
        time.sleep(0.2)
        button = driver.find_element(By.CSS_SELECTOR, "#completed thead th:first-child button.sort")
        button.click()
        ids = [r.find_element(By.CSS_SELECTOR, "th").text for r in visible_table_rows(driver, "#completed tbody tr")]
        c.check(ids == sorted(ids), "the Claim ID column sorts ascending", str(ids))
        button.click()
        ids = [r.find_element(By.CSS_SELECTOR, "th").text for r in visible_table_rows(driver, "#completed tbody tr")]
        c.check(ids == sorted(ids, reverse=True), "a second click sorts it descending", str(ids))
        th = driver.find_element(By.CSS_SELECTOR, "#completed thead th:first-child")
        c.check(th.get_attribute("aria-sort") == "descending", "the sorted column says so (aria-sort)", str(th.get_attribute("aria-sort")))
        hash_now = driver.execute_script("return location.hash")
        c.check("-desc" in hash_now, "the sort goes into the fragment", hash_now)
        driver.get("about:blank")
        driver.get(file_url(page) + hash_now)
        time.sleep(0.2)
        again = [r.find_element(By.CSS_SELECTOR, "th").text for r in visible_table_rows(driver, "#completed tbody tr")]
        c.check(again == ids, "the bookmarked sort is restored", str(again))

        # axe-core with the filter bars and sort buttons in place.
        from axe_selenium_python import Axe
        axe = Axe(driver)
        axe.inject()
        violations = axe.run()["violations"]
        c.check(not violations, "axe on an engagement page with filters and sorting: no violations",
                ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in violations))
    finally:
        driver.quit()


def run_markdown_tables(c, out):
    """Every Markdown page whose source has a pipe table shows real tables: as many as the source
    has delimiter rows, each with the source's header cells, and no '| --- |' left as text."""
    root = Path(__file__).resolve().parent.parent
    driver = make_driver(javascript=True)
    try:
        for source in sorted((root / "Content" / "pages").glob("*.md")):
            lines = source.read_text(encoding="utf-8").splitlines()
            delimiters = [i for i, line in enumerate(lines)
                          if re.fullmatch(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*", line) and "|" in line]
            if not delimiters:
                continue
            driver.get(file_url(out / "pages" / f"{source.stem}.html"))
            lang = f"[{page_language(driver)}] "
            tables = driver.find_elements(By.CSS_SELECTOR, "main table.md-table")
            c.check(len(tables) == len(delimiters), f"{lang}pages/{source.stem}.html shows its {len(delimiters)} tables",
                    f"{len(tables)} tables")
            for table, i in zip(tables, delimiters):
                want = [cell.strip() for cell in lines[i - 1].strip().strip("|").split("|")]
                got = [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
                c.check(got == [re.sub(r"[*_`]", "", w) for w in want],
                        f"{lang}the table under line {i} has the header {want}", str(got))
                body = 0
                for line in lines[i + 1:]:
                    if not line.strip():
                        break
                    body += 1
                rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
                c.check(len(rows) == body, f"{lang}and its {body} rows", str(len(rows)))
            text = driver.find_element(By.TAG_NAME, "main").text
            c.check("| ---" not in text and "|---" not in text, f"{lang}no table is left as text on {source.stem}")
    finally:
        driver.quit()


# --- the work list, the status lists, the home page's cards and the snapshot notice ------------
# Checked on the English and on the German output alike: the words differ, the numbers must not.

def page_language(driver):
    return (driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or "").split("-")[0].lower()


def date_text(lang, iso):
    """A date as the pages write it (Speech.date): 2026-11-29 in English, 29.11.2026 in German."""
    if lang == "de":
        y, m, d = iso.split("-")
        return f"{d}.{m}.{y}"
    return iso


def money_text(lang, amount):
    """An amount as the pages write it (Speech.money): USD 1,006,500.00 / 1.006.500,00 USD."""
    grouped = f"{Decimal(amount).quantize(Decimal('0.01')):,}"
    if lang == "de":
        return grouped.translate(str.maketrans(",.", ".,")) + " USD"
    return f"USD {grouped}"


def parse_count(text):
    """A count as a page shows it ("49", "1,234", "1.234"); None when there is no number."""
    digits = re.sub(r"[^0-9]", "", text or "")
    return int(digits) if digits else None


def numbers_in(text):
    return [parse_count(n) for n in re.findall(r"\d[\d.,]*", text or "")]


def href_of(driver, element):
    """The href as written in the page (Selenium's get_attribute gives the resolved URL)."""
    return driver.execute_script("return arguments[0].getAttribute('href');", element)


def work_list_links(driver):
    """The header's link to the work list."""
    return [a for a in driver.find_elements(By.CSS_SELECTOR, "header nav.site-nav a")
            if href_of(driver, a) == "actions.html"]


def wait_for_page(driver, path, fragment=None, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        url = urlsplit(driver.current_url)
        if Path(unquote(url.path)) == Path(path).resolve() and (fragment is None or url.fragment == fragment) \
                and driver.execute_script("return document.readyState") == "complete":
            return True
        time.sleep(0.05)
    return False


class FakeClock:
    """Sets the page's clock: from the next page load on, `new Date()` and `Date.now()` give a fixed
    instant (Chrome DevTools Page.addScriptToEvaluateOnNewDocument runs before any page script).
    `day` pins local noon of that calendar day; `utc` pins an instant ("2026-11-29T12:00:00Z")
    whatever the time zone, which `zone` can set (Emulation.setTimezoneOverride)."""

    def __init__(self, driver):
        self.driver = driver
        self.script = None
        self.zone = None

    def set(self, day=None, utc=None, zone=None):
        self.clear()
        if utc is not None:
            instant = int(datetime.datetime.fromisoformat(utc.replace("Z", "+00:00")).timestamp() * 1000)
            fixed = str(instant)
        else:
            y, m, d = (int(x) for x in day.split("-"))
            fixed = f"new RealDate({y}, {m - 1}, {d}, 12, 0, 0).getTime()"
        source = ("(function () { var RealDate = Date; var fixed = " + fixed + ";"
                  " class FixedDate extends RealDate {"
                  "   constructor(...a) { if (a.length === 0) { super(fixed); } else { super(...a); } }"
                  "   static now() { return fixed; } }"
                  " window.Date = FixedDate; })();")
        if zone:
            self.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": zone})
            self.zone = zone
        self.script = self.driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": source})["identifier"]

    def clear(self):
        if self.script is not None:
            self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": self.script})
            self.script = None
        if self.zone is not None:
            self.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": ""})
            self.zone = None


def shift_day(iso, days):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


def open_claim_ids(report):
    return {i for ids in report["actions"].values() for i in ids}


def payout_sum(claims):
    return sum((Decimal(x["payoutUSD"]) for x in claims if x.get("payoutUSD") is not None), Decimal("0"))


WORK_LIST_JS = """
var ids = arguments[0], out = {};
function text(el) { return el ? el.textContent.replace(/\\s+/g, ' ').trim() : null; }
ids.forEach(function (id) {
  var s = document.getElementById(id);
  if (!s) { out[id] = null; return; }
  var h = document.getElementById(id + '-heading');
  var more = s.querySelector(':scope > p.more'), empty = s.querySelector(':scope > p.empty');
  out[id] = {
    tag: s.tagName.toLowerCase(), workGroup: s.classList.contains('work-group'),
    headingInside: !!h && s.contains(h), count: text(h && h.querySelector('.count')),
    labelledBy: s.getAttribute('aria-labelledby'),
    rows: Array.prototype.map.call(s.querySelectorAll('tbody tr'), function (tr) {
      var a = tr.querySelector('th a');
      return { id: text(a), href: a && a.getAttribute('href'), hidden: tr.hidden || tr.offsetParent === null };
    }),
    tables: s.querySelectorAll('table').length,
    more: text(more), empty: empty && empty.offsetParent !== null ? text(empty) : null,
    inDue: !!s.closest('#due') && id !== 'due', inPartner: !!s.closest('#partner') && id !== 'partner',
    order: Array.prototype.indexOf.call(document.querySelectorAll('[id]'), s)
  };
});
var lead = document.querySelectorAll('main p.lead strong');
out.lead = Array.prototype.map.call(lead, text);
return out;
"""


def check_work_list(c, driver, report, where):
    """actions.html is open: its groups, their rows and counts against report.json `actions`."""
    lang = page_language(driver)
    actions = report["actions"]
    page = driver.execute_script(WORK_LIST_JS, list(GROUPS) + ["partner", "due"])
    c.check(set(actions) == set(GROUPS), f"{where}: report.json actions has the five groups", str(sorted(actions)))
    for gid in GROUPS:
        want = actions.get(gid, [])
        g = page.get(gid)
        if not c.check(g is not None, f"{where} #{gid}: the group is on the page"):
            continue
        c.check(g["tag"] == "section" and g["workGroup"] and g["headingInside"] and g["labelledBy"] == f"{gid}-heading",
                f"{where} #{gid}: a section.work-group with its heading #{gid}-heading inside",
                f"{g['tag']} work-group={g['workGroup']} heading inside={g['headingInside']} "
                f"labelledby={g['labelledBy']}")
        c.check(parse_count(g["count"]) == len(want), f"{where} #{gid}: heading count is report.json's",
                f"heading says {g['count']!r}, report.json has {len(want)}")
        shown = [r["id"] for r in g["rows"]]
        c.check(shown == want[:ROW_LIMIT], f"{where} #{gid}: rows are report.json's claims in its order",
                f"page {shown[:8]}{'…' if len(shown) > 8 else ''} ({len(shown)}), "
                f"report.json {want[:8]}{'…' if len(want) > 8 else ''} ({len(want)})")
        bad_links = [r for r in g["rows"] if r["href"] != f"claims/{r['id']}.html"]
        c.check(not bad_links, f"{where} #{gid}: each row's claim ID links to its claim page", str(bad_links[:3]))
        hidden = [r["id"] for r in g["rows"] if r["hidden"]]
        c.check(not hidden, f"{where} #{gid}: every row is displayed", str(hidden[:5]))
        if len(want) > ROW_LIMIT:
            c.check(g["more"] is not None and (len(want) - ROW_LIMIT) in numbers_in(g["more"]),
                    f"{where} #{gid}: p.more says how many more rows", repr(g["more"]))
        else:
            c.check(g["more"] is None, f"{where} #{gid}: no p.more (all {len(want)} rows shown)", repr(g["more"]))
        if not want:
            c.check(g["tables"] == 0 and bool(g["empty"]), f"{where} #{gid}: an empty group says so, without a table",
                    f"{g['tables']} tables, p.empty {g['empty']!r}")
        inside = {"inDue": gid in DUE, "inPartner": gid in DATED}
        c.check({k: g[k] for k in inside} == inside, f"{where} #{gid}: inside #due / #partner as its counts say",
                str({k: g[k] for k in inside}))
    orders = [page[g]["order"] for g in GROUPS if page.get(g)]
    c.check(orders == sorted(orders), f"{where}: the groups come in the order {', '.join(GROUPS)}", str(orders))
    everyone = [i for g in GROUPS for i in actions.get(g, [])]
    c.check(len(everyone) == len(set(everyone)), f"{where}: report.json lists each claim in one group only",
            f"{len(everyone)} rows, {len(set(everyone))} claims")
    for gid, parts in (("partner", DATED), ("due", DUE)):
        g = page.get(gid)
        want = sum(len(actions.get(x, [])) for x in parts)
        if c.check(g is not None, f"{where} #{gid}: is on the page"):
            c.check(parse_count(g["count"]) == want, f"{where} #{gid}-heading count is the sum of {' + '.join(parts)}",
                    f"heading says {g['count']!r}, report.json has {want}")
    # The lead: the open claims and the amount proposed on them.
    lead = page["lead"]
    open_ids = open_claim_ids(report)
    c.check(len(lead) >= 2 and parse_count(lead[0]) == len(open_ids) == len(everyone),
            f"{where}: the lead's open claims are the work list's claims", f"lead {lead}, report.json {len(open_ids)}")
    proposed = money_text(lang, payout_sum([x for x in report["claims"] if x["id"] in open_ids]))
    c.check(len(lead) >= 2 and lead[1] == proposed, f"{where}: the lead's proposed amount is report.json's sum",
            f"lead {lead[1:2]}, report.json sums to {proposed}")
    return page


def follow(driver, link):
    """Clicks a link the way a reader does (scrolled into view first)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()


def check_home_cards(c, driver, out, report, where):
    """Every card on the home page: follow its link and find its number on the list it leads to."""
    lang = page_language(driver)
    home = file_url(out / "index.html")
    actions = report["actions"]
    open_ids = open_claim_ids(report)
    approved = [x for x in report["claims"] if x["status"] == "approved"]
    driver.get(home)
    cards = driver.find_elements(By.CSS_SELECTOR, "ul.cards li.card a")
    hrefs = [href_of(driver, a) for a in cards]
    expected = ["actions.html", "actions.html#partner", "actions.html#due", "payouts.html", "actions.html"]
    if not c.check(hrefs == expected, f"{where}: the five cards link to the work list and the approved list",
                   str(hrefs)):
        return
    numbers = [a.find_element(By.CSS_SELECTOR, ".number").text.strip() for a in cards]
    texts = [a.text.strip() for a in cards]

    def open_card(i):
        driver.get(home)
        card = driver.find_elements(By.CSS_SELECTOR, "ul.cards li.card a")[i]
        follow(driver, card)
        target, _, fragment = expected[i].partition("#")
        ok = wait_for_page(driver, out / target, fragment or None)
        c.check(ok, f"{where}: card {i + 1} ({numbers[i]}) opens {expected[i]}", driver.current_url)
        return ok

    def count_of(css):
        found = driver.find_elements(By.CSS_SELECTOR, css)
        return found[0].text.strip() if found else None

    def target_in_view(gid):
        got = driver.execute_script(
            "var t = document.querySelector(':target'); if (!t) { return null; }"
            "var r = t.getBoundingClientRect(); return [t.id, r.top, window.innerHeight];")
        c.check(got is not None and got[0] == gid, f"{where}: #{gid} is the :target after following the card", str(got))
        if got:
            c.check(-2 <= got[1] < got[2], f"{where}: the browser scrolled #{gid} into view", f"top {got[1]}px")

    # 1. open claims: the work list's lead and the sum of its five groups.
    if open_card(0):
        lead = [s.text.strip() for s in driver.find_elements(By.CSS_SELECTOR, "main p.lead strong")]
        groups = [parse_count(count_of(f"#{g}-heading .count")) for g in GROUPS]
        c.check(bool(lead) and lead[0] == numbers[0], f"{where}: open-claims card = the work list's lead",
                f"card {numbers[0]!r}, lead {lead[:1]}")
        c.check(None not in groups and sum(groups) == parse_count(numbers[0]),
                f"{where}: open-claims card = the sum of the five group counts", f"card {numbers[0]!r}, groups {groups}")
        c.check(parse_count(numbers[0]) == len(open_ids), f"{where}: open-claims card = report.json's open claims",
                f"card {numbers[0]!r}, report.json {len(open_ids)}")
    # 2. need partner action: #partner.
    if open_card(1):
        target_in_view("partner")
        got = count_of("#partner-heading .count")
        c.check(got == numbers[1], f"{where}: partner card = #partner-heading count",
                f"card {numbers[1]!r}, heading {got!r}")
        want = sum(len(actions[g]) for g in DATED)
        c.check(parse_count(numbers[1]) == want, f"{where}: partner card = report.json's four dated groups",
                f"card {numbers[1]!r}, report.json {want}")
    # 3. due within N days: #due.
    if open_card(2):
        target_in_view("due")
        got = count_of("#due-heading .count")
        c.check(got == numbers[2], f"{where}: due card = #due-heading count", f"card {numbers[2]!r}, heading {got!r}")
        want = sum(len(actions[g]) for g in DUE)
        c.check(parse_count(numbers[2]) == want, f"{where}: due card = report.json's today + soon",
                f"card {numbers[2]!r}, report.json {want}")
    # 4. approved amount (and, in its words, how many claims): payouts.html, whose totals are
    #    report.json's, and whose charts hold the numbers of their tables.
    m = re.search(r"\((\d[\d.,]*)\s", texts[3][len(numbers[3]):])
    card_count = m.group(1) if m else None
    c.check(card_count is not None, f"{where}: approved card names its claim count", repr(texts[3]))
    if open_card(3):
        shown = {e.get_attribute("data-total"): e.text.strip()
                 for e in driver.find_elements(By.CSS_SELECTOR, "main dl.totals dd[data-total]")}
        c.check(shown.get("approved") == numbers[3], f"{where}: approved card's amount = the payouts page's total",
                f"card {numbers[3]!r}, page {shown.get('approved')!r}")
        for key in TOTAL_KEYS:
            want = money_text(lang, Decimal(report["totals"][key + "USD"]))
            c.check(shown.get(key) == want, f"{where}: payouts page's {key} total = report.json's",
                    f"page {shown.get(key)!r}, report.json {want!r}")
        for series in ("expected", "paid"):
            bars = [(g.get_attribute("data-month"), g.get_attribute("data-amount")) for g in
                    driver.find_elements(By.CSS_SELECTOR, f"#{series}-by-month svg g.bar")]
            rows = [(r.get_attribute("data-month"), r.get_attribute("data-amount")) for r in
                    driver.find_elements(By.CSS_SELECTOR, f"#{series}-by-month tbody tr")]
            c.check(bars and bars == rows, f"{where}: the {series} chart's months and amounts = its table's",
                    f"chart {bars}, table {rows}")
            svg = driver.find_elements(By.CSS_SELECTOR, f"#{series}-by-month svg[role='img']")
            c.check(len(svg) == 1 and svg[0].get_attribute("aria-labelledby"),
                    f"{where}: the {series} chart is an image with a text alternative")
        c.check(parse_count(card_count) == len(approved),
                f"{where}: approved card's claims = report.json's approved claims",
                f"card {card_count!r}, report.json {len(approved)}")
        c.check(numbers[3] == money_text(lang, payout_sum(approved)), f"{where}: approved amount = report.json's sum",
                f"card {numbers[3]!r}, report.json sums to {money_text(lang, payout_sum(approved))}")
    # 5. proposed amount: the work list's lead.
    if open_card(4):
        strongs = [s.text.strip() for s in driver.find_elements(By.CSS_SELECTOR, "main p.lead strong")]
        c.check(len(strongs) >= 2 and strongs[1] == numbers[4],
                f"{where}: proposed card = the work list's proposed amount",
                f"card {numbers[4]!r}, lead {strongs[1:2]}")


def check_page_totals(c, driver, out, report, where):
    """Every engagement and customer page: its totals (dl.totals dd[data-total]) are report.json's
    totals of that engagement or customer, written as the page's language writes money."""
    lang = page_language(driver)
    pages = [("engagement", e) for e in report["engagements"]] + [("customer", x) for x in report["customers"]]
    for kind, item in pages:
        driver.get(file_url(out / item["page"]))
        shown = {e.get_attribute("data-total"): e.text.strip()
                 for e in driver.find_elements(By.CSS_SELECTOR, "main dl.totals dd[data-total]")}
        want = {key: money_text(lang, Decimal(item["totals"][key + "USD"])) for key in TOTAL_KEYS}
        c.check(shown == want, f"{where}: the {kind} page {item['id']}'s totals = report.json's",
                f"page {shown}, report.json {want}")


def catalogue(lang):
    """The built-in catalogue of `lang` (Templates/i18n/LANG.yaml): key → text."""
    words = {}
    path = Path(__file__).resolve().parent.parent / "Templates" / "i18n" / f"{lang}.yaml"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or ": " not in line:
            continue
        key, value = line.split(": ", 1)
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('\\"', '"')
        words[key] = value
    return words


def row_cells(driver, css, claim_id):
    """The cells' texts of the table row (under `css`) whose header cell links to `claim_id`."""
    for tr in driver.find_elements(By.CSS_SELECTOR, f"{css} tbody tr"):
        links = tr.find_elements(By.CSS_SELECTOR, "th a")
        if links and links[0].text.strip() == claim_id:
            return [td.text.strip() for td in tr.find_elements(By.CSS_SELECTOR, "td")], tr
    return None, None


def check_proof(c, driver, out, report, where):
    """Proof of execution (docs/output.md, Claim pages): for every claim whose engagement asks
    for proof, its page's checklist lists report.json's items (done ones marked done), the
    call-out of a claim to submit or resubmit says ready or names exactly the missing items, and
    the Proof column of its engagement page and of the work list says "done of listed". Then the
    Ineligible tab's verdict reasons: each such row of report.json shows the reason's words."""
    lang = page_language(driver)
    words = catalogue(lang)
    item = {k: words[f"proof.item.{k}"] for k in ("invoice", "findingsReport", "customerSurvey", "partnerSurvey")}
    proofed = [x for x in report["claims"] if x.get("proof")]
    c.check(proofed, f"{where}: the example has claims whose engagement asks for proof")
    actions = {cid for group in report["actions"].values() for cid in group[:ROW_LIMIT]}
    for claim in proofed:
        p, cid = claim["proof"], claim["id"]
        cw = f"{where} claim {cid}"
        driver.get(file_url(out / claim["page"]))
        items = driver.find_elements(By.CSS_SELECTOR, "main ul.checklist li[data-item]")
        c.check([li.get_attribute("data-item") for li in items] == p["listed"],
                f"{cw}: the checklist lists report.json's items", str([li.get_attribute("data-item") for li in items]))
        done = [li.get_attribute("data-item") for li in items if "done" in li.get_attribute("class").split()]
        c.check(done == p["done"], f"{cw}: the checklist marks report.json's done items", f"{done} vs {p['done']}")
        notes = driver.find_elements(By.CSS_SELECTOR, "main .callout .proof-note")
        if p["ready"] is None:
            c.check(not notes, f"{cw}: no readiness where nothing is to be submitted")
            continue
        text = notes[0].text.strip() if notes else ""
        if p["ready"]:
            c.check(text == words["proof.ready"].strip(), f"{cw}: the call-out says the claim is ready", repr(text))
        else:
            named = [k for k, w in item.items() if w in text]
            c.check(named == p["missing"], f"{cw}: the call-out names exactly the missing items",
                    f"call-out {text!r} names {named}, report.json {p['missing']}")
        count = words["proof.count"].replace("{done}", str(len(p["done"]))).replace("{listed}", str(len(p["listed"])))
        driver.get(file_url(out / "engagements" / claim["engagement"] / "index.html"))
        cells, _ = row_cells(driver, "#eligible", cid)
        c.check(cells is not None and cells[-1] == count, f"{cw}: the engagement page's Proof column",
                f"row {cells}, want {count!r}")
        if cid in actions:
            driver.get(file_url(out / "actions.html"))
            cells, _ = row_cells(driver, "main", cid)
            c.check(cells is not None and count in cells, f"{cw}: the work list's Proof column",
                    f"row {cells}, want {count!r}")
    verdicts = ("consentGivenToAnotherPartner", "participatedWithAnotherPartner")
    seen = 0
    for engagement in report["engagements"]:
        rows = [r for r in engagement["tabs"]["ineligible"]["rows"] if r["reason"] in verdicts]
        if not rows:
            continue
        driver.get(file_url(out / engagement["page"]))
        # The panel is hidden until its tab is chosen: read the text the row holds.
        shown = {tr.find_element(By.CSS_SELECTOR, "th").get_attribute("textContent").strip():
                 " ".join(tr.get_attribute("textContent").split())
                 for tr in driver.find_elements(By.CSS_SELECTOR, "#ineligible tbody tr")}
        names = {x["id"]: x["name"] for x in report["customers"]}
        for r in rows:
            seen += 1
            text = shown.get(names.get(r["customer"], r["customer"]), "")
            c.check(words[f"reason.{r['reason']}"] in text,
                    f"{where}: {engagement['id']} Ineligible row of {r['customer']} gives the verdict's reason",
                    repr(text))
    c.check(seen >= 2, f"{where}: the example shows both verdicts on Ineligible tabs", f"{seen} rows")


STATUS_PAGE_JS = """
function text(el) { return el ? el.textContent.replace(/\\s+/g, ' ').trim() : null; }
var strongs = document.querySelectorAll('main p.lead strong');
return {
  total: text(document.querySelector('main p.lead strong.total')),
  payout: strongs.length > 1 ? text(strongs[1]) : null,
  badge: text(document.querySelector('main p.lead .badge')),
  h1: text(document.querySelector('h1')),
  rows: Array.prototype.map.call(document.querySelectorAll('main tbody tr'), function (tr) {
    return { id: text(tr.querySelector('th a')), hidden: tr.hidden || tr.offsetParent === null }; }),
  more: text(document.querySelector('main p.more')),
  empty: text(document.querySelector('main p.empty'))
};
"""


def check_status_chips(c, driver, out, report, where):
    """Every status chip on the home page: follow it; its status list shows as many claims."""
    lang = page_language(driver)
    home = file_url(out / "index.html")
    by_status = {}
    for x in report["claims"]:
        by_status.setdefault(x["status"], []).append(x)
    driver.get(home)
    chips = driver.find_elements(By.CSS_SELECTOR, "ul.status-counts li a")
    seen = []
    c.check(len(chips) > 0, f"{where}: the home page has status chips")
    for i in range(len(chips)):
        driver.get(home)
        chip = driver.find_elements(By.CSS_SELECTOR, "ul.status-counts li a")[i]
        href = href_of(driver, chip)
        label = chip.find_element(By.CSS_SELECTOR, ".badge").text.strip()
        m = re.search(r"(\d[\d.,]*)\s*$", chip.text.strip())
        count = parse_count(m.group(1)) if m else None
        m = re.fullmatch(r"statuses/([A-Za-z0-9_-]+)\.html", href or "")
        if not c.check(m is not None and count is not None,
                       f"{where}: chip '{chip.text.strip()}' links to statuses/STATUS.html and shows a count",
                       str(href)):
            continue
        status = m.group(1)
        seen.append(status)
        claims = by_status.get(status, [])
        cw = f"{where}: chip {status} ({count})"
        c.check(count == len(claims), f"{cw}: count = report.json's claims with that status",
                f"report.json {len(claims)}")
        follow(driver, chip)
        if not c.check(wait_for_page(driver, out / href), f"{cw}: opens {href}", driver.current_url):
            continue
        page = driver.execute_script(STATUS_PAGE_JS)
        c.check(parse_count(page["total"]) == count, f"{cw}: = strong.total of its list", f"list says {page['total']!r}")
        c.check(len(page["rows"]) == min(count, ROW_LIMIT), f"{cw}: its list has min(count, {ROW_LIMIT}) rows",
                f"{len(page['rows'])} rows")
        c.check(page["badge"] == label and (page["h1"] or "").endswith(label),
                f"{cw}: the list's h1 and badge name the chip's status",
                f"h1 {page['h1']!r}, badge {page['badge']!r}, chip {label!r}")
        want_ids = {x["id"] for x in claims}
        shown = [r["id"] for r in page["rows"]]
        c.check(set(shown) <= want_ids and len(set(shown)) == len(shown) and
                (len(want_ids) > ROW_LIMIT or set(shown) == want_ids),
                f"{cw}: the rows are report.json's claims with that status",
                f"extra {sorted(set(shown) - want_ids)[:5]}, missing {sorted(want_ids - set(shown))[:5]}")
        hidden = [r["id"] for r in page["rows"] if r["hidden"]]
        c.check(not hidden, f"{cw}: every row is displayed", str(hidden[:5]))
        payout = money_text(lang, payout_sum(claims))
        c.check(page["payout"] == payout, f"{cw}: the list's payout = report.json's sum",
                f"list {page['payout']!r}, report.json sums to {payout}")
        if count > ROW_LIMIT:
            c.check(page["more"] is not None and (count - ROW_LIMIT) in numbers_in(page["more"]),
                    f"{cw}: p.more says how many more", repr(page["more"]))
        else:
            c.check(page["more"] is None, f"{cw}: no p.more", repr(page["more"]))
        if count == 0:
            c.check(bool(page["empty"]), f"{cw}: an empty list says so", repr(page["empty"]))
    statuses = {s for s, xs in by_status.items() if xs}
    c.check(set(seen) == statuses and len(seen) == len(set(seen)),
            f"{where}: one chip for each status report.json's claims have",
            f"missing {sorted(statuses - set(seen))}, extra {sorted(set(seen) - statuses)}")


def check_recent(c, driver, out, report, where):
    """The home page's "changed in the last N days" list against report.json recentlyChanged."""
    driver.get(file_url(out / "index.html"))
    recent = report.get("recentlyChanged", [])
    got = driver.execute_script(
        "var h = document.querySelector('#recent-heading .count');"
        "return [h ? h.textContent.trim() : null, Array.prototype.map.call(document.querySelectorAll('ol.recent > li'),"
        " function (li) { var a = li.querySelector(':scope > a'), t = li.querySelector('time');"
        "  return [a ? a.textContent.trim() : null, t ? t.getAttribute('datetime') : null]; }),"
        " !!document.querySelector('ol.recent + p.more')];")
    count, items, more = got
    c.check(parse_count(count) == len(recent), f"{where}: recent-changes count = report.json recentlyChanged",
            f"heading {count!r}, report.json {len(recent)}")
    want = [[x["claimId"], x["on"]] for x in recent]
    c.check(items == want[:len(items)] and (len(items) == len(want) or more),
            f"{where}: the recent changes list report.json's, in its order (and says when there are more)",
            f"page {items[:4]} ({len(items)}), report.json {want[:4]} ({len(want)})")


def run_work_lists(c, out, report, shots_dir):
    """With JavaScript on and the clock on the as-of date: the work list, the home page's cards
    and status chips followed to their lists, the recent changes; screenshots of the lists."""
    driver = make_driver(javascript=True)
    clock = FakeClock(driver)
    try:
        clock.set(day=report["asOf"])
        driver.get(file_url(out / "index.html"))
        lang = page_language(driver)
        c.check(lang in ("en", "de"), "the home page's language is one the checks know (en, de)", repr(lang))
        where = f"[{lang}] home"
        # The work list is reached from the header of every page.
        nav = work_list_links(driver)
        if c.check(len(nav) == 1, f"{where}: the header links to the work list"):
            follow(driver, nav[0])
            c.check(wait_for_page(driver, out / "actions.html"), f"{where}: the header link opens actions.html",
                    driver.current_url)
        else:
            driver.get(file_url(out / "actions.html"))
        check_h1(c, driver, f"[{lang}] work list")
        check_styled(c, driver, f"[{lang}] work list")
        check_work_list(c, driver, report, f"[{lang}] work list (JavaScript on)")
        full_page_screenshot(driver, shots_dir / "actions.png")
        check_home_cards(c, driver, out, report, where)
        check_status_chips(c, driver, out, report, where)
        check_recent(c, driver, out, report, where)
        check_page_totals(c, driver, out, report, f"[{lang}]")
        check_proof(c, driver, out, report, f"[{lang}]")
        driver.get(file_url(out / "statuses" / "approved.html"))
        full_page_screenshot(driver, shots_dir / "status-approved.png")
    finally:
        driver.quit()


def snapshot_state(driver):
    return driver.execute_script(
        "var p = document.getElementById('snapshot-age'); if (!p) { return null; }"
        "return {shown: !!(p.offsetWidth || p.offsetHeight || p.getClientRects().length),"
        " hidden: p.hidden, text: p.textContent.replace(/\\s+/g, ' ').trim(), role: p.getAttribute('role'),"
        " inMain: !!p.closest('main')};")


def snapshot_pages(out, sample_claim):
    return [("home", out / "index.html"), ("work list", out / "actions.html"),
            ("status list approved", out / "statuses" / "approved.html"),
            (f"claim {sample_claim}", out / "claims" / f"{sample_claim}.html")]


def check_snapshot_without_javascript(c, driver, out, sample_claim, where):
    """JavaScript is off in `driver`: the notice is on every page, and never displayed."""
    for name, path in snapshot_pages(out, sample_claim):
        driver.get(file_url(path))
        notices = driver.find_elements(By.ID, "snapshot-age")
        if c.check(len(notices) == 1, f"{where} {name}: has the snapshot notice"):
            c.check(not notices[0].is_displayed(),
                    f"{where} {name}: without JavaScript the snapshot notice is not displayed",
                    repr(notices[0].text))


def run_snapshot(c, out, report, shots_dir, sample_claim):
    """With JavaScript on and the clock set by DevTools: the snapshot notice stays hidden on and
    before the as-of date and says how many days old the portal is after it."""
    as_of = report["asOf"]
    pages = snapshot_pages(out, sample_claim)
    driver = make_driver(javascript=True)
    clock = FakeClock(driver)
    try:
        driver.get(file_url(out / "index.html"))
        lang = page_language(driver)
        shown_date = date_text(lang, as_of)
        for day, label in ((as_of, "on the as-of date"), (shift_day(as_of, -1), "the day before the as-of date")):
            clock.set(day=day)
            for name, path in pages:
                driver.get(file_url(path))
                now = driver.execute_script(
                    "var d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()];")
                c.check(now == [int(x) for x in day.split("-")], f"[{lang}] {name}: the page's clock says {day}",
                        str(now))
                state = snapshot_state(driver)
                c.check(state is not None and not state["shown"] and state["hidden"],
                        f"[{lang}] {name} {label} ({day}): the snapshot notice is hidden", str(state))
        later = shift_day(as_of, 6)
        clock.set(day=later)
        for name, path in pages:
            driver.get(file_url(path))
            state = snapshot_state(driver)
            w = f"[{lang}] {name} 6 days after the as-of date ({later})"
            if not c.check(state is not None and state["shown"], f"{w}: the snapshot notice is displayed", str(state)):
                continue
            text = state["text"]
            c.check(re.search(r"(?<![\d.])6(?![\d.])", text) is not None and shown_date in text,
                    f"{w}: the notice says 6 days and the as-of date as {shown_date}", repr(text))
            c.check("{" not in text and "}" not in text, f"{w}: the notice has no placeholder left", repr(text))
            c.check(state["role"] == "status" and state["inMain"], f"{w}: the notice is a status message in main",
                    f"role {state['role']!r}, in main {state['inMain']}")
            if name == "home":
                driver.save_screenshot(str(shots_dir / "snapshot-notice.png"))
                from axe_selenium_python import Axe
                axe = Axe(driver)
                axe.inject()
                violations = axe.run()["violations"]
                c.check(not violations, f"[{lang}] axe on the home page with the snapshot notice shown: no violations",
                        ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in violations))
        # One day after: the singular wording.
        clock.set(day=shift_day(as_of, 1))
        driver.get(file_url(out / "index.html"))
        state = snapshot_state(driver)
        c.check(state is not None and state["shown"] and re.search(r"(?<![\d.])1(?![\d.])", state["text"]) is not None
                and shown_date in state["text"] and "{" not in state["text"],
                f"[{lang}] home 1 day after the as-of date: the notice says 1 day", str(state))
        # The reader's LOCAL calendar date counts: the same instant, noon UTC of the as-of date, is
        # already the next day at UTC+14 and still the as-of date at UTC-11.
        for zone, shown in (("Pacific/Kiritimati", True), ("Pacific/Pago_Pago", False)):
            clock.set(utc=f"{as_of}T12:00:00Z", zone=zone)
            driver.get(file_url(out / "index.html"))
            state = snapshot_state(driver)
            c.check(state is not None and state["shown"] == shown,
                    f"[{lang}] home at {as_of} 12:00 UTC in {zone}: the notice is {'displayed' if shown else 'hidden'} "
                    f"(the local date counts)", str(state))
    finally:
        clock.clear()
        driver.quit()


def run_other_language_without_javascript(c, out, report, sample_claim):
    """For an output in another language: JavaScript off, the snapshot notice stays hidden and the
    work list shows every row."""
    driver = make_driver(javascript=False)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            text = js_probe(c, driver, tmp)
        if not c.check(text == "off", "JavaScript is disabled in the no-JS run", f"probe says {text!r}"):
            return
        driver.get(file_url(out / "index.html"))
        lang = page_language(driver)
        check_snapshot_without_javascript(c, driver, out, sample_claim, f"[{lang}]")
        driver.get(file_url(out / "actions.html"))
        check_work_list(c, driver, report, f"[{lang}] work list (JavaScript off)")
    finally:
        driver.quit()


def run_axe(c, out, sample_engagement, sample_claim):
    from axe_selenium_python import Axe
    customer = None
    claim_html = (out / "claims" / f"{sample_claim}.html").read_text(encoding="utf-8")
    import re
    m = re.search(r'href="\.\./customers/([^"]+\.html)"', claim_html)
    customer = m.group(1) if m else sorted((out / "customers").glob("*.html"))[0].name
    # The claim's location page, linked from its Location.
    m = re.search(r'href="\.\./locations/([^"]+\.html)"', claim_html)
    location = m.group(1) if m else sorted((out / "locations").glob("*.html"))[0].name
    pages = sorted((out / "pages").glob("*.html"))
    targets = [
        ("home", file_url(out / "index.html")),
        *[(f"engagement {sample_engagement} #{t}",
           file_url(out / "engagements" / sample_engagement / "index.html") + f"#{t}") for t in TABS],
        (f"claim {sample_claim}", file_url(out / "claims" / f"{sample_claim}.html")),
        (f"customer {customer}", file_url(out / "customers" / customer)),
        (f"location {location}", file_url(out / "locations" / location)),
        ("work list", file_url(out / "actions.html")),
        ("status list approved", file_url(out / "statuses" / "approved.html")),
    ]
    if pages:
        targets.append((f"page {pages[0].name}", file_url(pages[0])))
    # A claim that misses proof (its call-out and checklist) and its engagement page (the Proof column).
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    missing = next((x for x in report["claims"] if (x.get("proof") or {}).get("ready") is False), None)
    if missing:
        targets.append((f"claim {missing['id']} (proof missing)", file_url(out / missing["page"])))
        targets.append((f"engagement {missing['engagement']} #eligible (Proof column)",
                        file_url(out / "engagements" / missing["engagement"] / "index.html") + "#eligible"))
    driver = make_driver(javascript=True)
    try:
        for name, url in targets:
            driver.get("about:blank")
            driver.get(url)
            axe = Axe(driver)
            axe.inject()
            version = driver.execute_script("return axe.version")
            result = axe.run()
            violations = result["violations"]
            print(f"  axe-core {version} on {name}: {len(violations)} violations, "
                  f"{len(result['passes'])} rules passed, {len(result['incomplete'])} to review", flush=True)
            for v in violations:
                print(f"    {v['id']} ({v['impact']}): {v['help']}", flush=True)
                for node in v["nodes"][:10]:
                    why = (node.get("failureSummary") or "").strip().splitlines()[-1:] or [""]
                    print(f"      target {', '.join(map(str, node['target']))}: {why[0].strip()}", flush=True)
                if len(v["nodes"]) > 10:
                    print(f"      … and {len(v['nodes']) - 10} more nodes", flush=True)
            c.check(not violations, f"axe on {name}: no violations",
                    ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in violations))
    finally:
        driver.quit()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", required=True, help="the built output folder (holds index.html, report.json)")
    ap.add_argument("--shots", default="test-output/screenshots", help="where screenshots go")
    ap.add_argument("--engagement", default="azure-migrate-workshop", help="engagement to screenshot and axe")
    ap.add_argument("--claim", default="MCI-000154", help="claim to screenshot and axe")
    ap.add_argument("--skip-axe", action="store_true", help="only the JavaScript-off run")
    ap.add_argument("--only-axe", action="store_true", help="only the JavaScript-on runs (search, filters, axe-core)")
    ap.add_argument("--axe-alone", action="store_true", help="only axe-core (for an output in another language)")
    ap.add_argument("--other-language", action="store_true",
                    help="for an output in another language: the work list, status lists, home cards, snapshot "
                         "notice (JavaScript off and on), screenshots of the lists, and axe-core")
    ap.add_argument("--counts", help="write 'PASSED FAILED' to this file at the end")
    args = ap.parse_args()

    out = Path(args.output).resolve()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    shots = Path(args.shots)
    shots.mkdir(parents=True, exist_ok=True)
    c = Checks()
    try:
        if args.axe_alone:
            print("browser: JavaScript on — axe-core", flush=True)
            run_axe(c, out, args.engagement, args.claim)
        elif args.other_language:
            print("browser: JavaScript off — work list, snapshot notice", flush=True)
            run_other_language_without_javascript(c, out, report, args.claim)
            print("browser: JavaScript on — work list, home cards, status lists", flush=True)
            run_work_lists(c, out, report, shots)
            print("browser: JavaScript on — bookmarks, tabs and history", flush=True)
            run_filters(c, out, report, args.engagement, shots)
            print("browser: JavaScript on — Markdown tables", flush=True)
            run_markdown_tables(c, out)
            print("browser: JavaScript on — snapshot notice (clock set by DevTools)", flush=True)
            run_snapshot(c, out, report, shots, args.claim)
            print("browser: JavaScript on — axe-core", flush=True)
            run_axe(c, out, args.engagement, args.claim)
        elif not args.only_axe:
            print("browser: JavaScript off — tabs, pages, focus, screenshots", flush=True)
            run_without_javascript(c, out, report, shots, args.engagement, args.claim)
        if not args.skip_axe and not args.axe_alone and not args.other_language:
            print("browser: JavaScript on — search", flush=True)
            run_search(c, out, report, args.claim, shots)
            print("browser: JavaScript on — filters and sorting", flush=True)
            run_filters(c, out, report, args.engagement, shots)
            print("browser: JavaScript on — Markdown tables", flush=True)
            run_markdown_tables(c, out)
            print("browser: JavaScript on — work list, home cards, status lists", flush=True)
            run_work_lists(c, out, report, shots)
            print("browser: JavaScript on — snapshot notice (clock set by DevTools)", flush=True)
            run_snapshot(c, out, report, shots, args.claim)
            print("browser: JavaScript on — axe-core", flush=True)
            run_axe(c, out, args.engagement, args.claim)
    except WebDriverException as e:
        c.check(False, "browser session", str(e).splitlines()[0])
    return c.finish("browser", args.counts)


if __name__ == "__main__":
    sys.exit(main())
