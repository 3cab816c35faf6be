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
  - keyboard focus is visible (the skip link and a tab link get an outline when focused);
  - full-page screenshots: home, the Customers page of one engagement (one per tab) and one
    claim page, into --shots.
Run 2, JavaScript ON (only to run axe-core): injects axe-core on the home page, one engagement
page (once per tab, so that every panel is checked while visible), one claim page, one customer
page and one Markdown page, and fails on any violation (rule id, impact, target nodes).

Exit status 0 when every check passed, 1 otherwise. Prints `browser: N passed, M failed` last.
"""
import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

TABS = ("eligible", "ineligible", "completed")
BRAND_BLUE = ("rgb(11, 92, 173)", "rgba(11, 92, 173, 1)")  # --brand in claimsite.css: the stylesheet loaded


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
            links = driver.find_elements(By.CSS_SELECTOR, f'main a[href="{e["page"]}"]')
            if not c.check(len(links) >= 1, f"home links to engagement {e['id']}", e["page"]):
                continue
            links[0].click()
            c.check(Path(urlsplit(driver.current_url).path) == (out / e["page"]).resolve(),
                    f"link from home opens {e['page']}", driver.current_url)
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


def run_filters(c, out, sample_engagement, shots_dir):
    """With JavaScript on: the fragment selects the tab and the filters, the filter selects and the
    sort buttons narrow and order the rows, and the view is written back into the fragment."""
    page = out / "engagements" / sample_engagement / "index.html"
    driver = make_driver(javascript=True)
    try:
        # A bookmarked view: the Completed tab, approved claims only.
        driver.get(file_url(page) + "#completed&status=approved")
        time.sleep(0.2)
        completed = driver.find_element(By.ID, "completed")
        c.check(completed.is_displayed() and not driver.find_element(By.ID, "eligible").is_displayed(),
                "#completed&status=approved shows the Completed tab only")
        rows = visible_table_rows(driver, "#completed tbody tr")
        all_rows = driver.find_elements(By.CSS_SELECTOR, "#completed tbody tr")
        c.check(len(rows) > 0 and all(r.get_attribute("data-status") == "Approved" for r in rows),
                "#completed&status=approved shows only approved claims", f"{len(rows)} of {len(all_rows)}")
        c.check(len(rows) < len(all_rows), "the status filter hides the other claims", f"{len(rows)} of {len(all_rows)}")
        select = driver.find_element(By.CSS_SELECTOR, "#completed select[data-facet='status']")
        c.check(select.get_attribute("value") == "approved", "the bookmarked filter shows in its select",
                str(select.get_attribute("value")))
        current = driver.find_element(By.CSS_SELECTOR, ".tabs a[aria-current='true']").get_attribute("href")
        c.check(current.endswith("#completed"), "the Completed tab is marked current", current)
        full_page_screenshot(driver, shots_dir / f"engagement-{sample_engagement}-filtered.png")

        # Choosing "All" again shows every row; the fragment keeps only the tab.
        Select(select).select_by_value("")
        c.check(len(visible_table_rows(driver, "#completed tbody tr")) == len(all_rows), "'All' shows every row again")
        c.check(driver.execute_script("return location.hash") == "#completed", "the fragment holds only the tab again",
                driver.execute_script("return location.hash"))

        # The Eligible tab: a filter chosen by hand goes into the fragment.
        driver.find_element(By.CSS_SELECTOR, ".tabs a[href='#eligible']").click()
        selects = driver.find_elements(By.CSS_SELECTOR, "#eligible select[data-facet='window']")
        if selects:
            choice = Select(selects[0])
            value = next(o.get_attribute("value") for o in choice.options if o.get_attribute("value"))
            choice.select_by_value(value)
            rows = visible_table_rows(driver, "#eligible tbody tr[data-window]")
            slug = lambda t: "-".join("".join(ch if ch.isalnum() else " " for ch in t.lower()).split())
            c.check(len(rows) > 0 and all(slug(r.get_attribute("data-window")) == value for r in rows),
                    f"the deadline filter '{value}' narrows the open claims", str(len(rows)))
            c.check(driver.execute_script("return location.hash") == f"#eligible&window={value}",
                    "the fragment holds the tab and the filter", driver.execute_script("return location.hash"))
            timing = driver.execute_script("return ClaimSiteTables.lastFilterMs")
            print(f"  filters: last filter took {timing:.1f} ms", flush=True)

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
    ]
    if pages:
        targets.append((f"page {pages[0].name}", file_url(pages[0])))
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
        elif not args.only_axe:
            print("browser: JavaScript off — tabs, pages, focus, screenshots", flush=True)
            run_without_javascript(c, out, report, shots, args.engagement, args.claim)
        if not args.skip_axe and not args.axe_alone:
            print("browser: JavaScript on — search", flush=True)
            run_search(c, out, report, args.claim, shots)
            print("browser: JavaScript on — filters and sorting", flush=True)
            run_filters(c, out, args.engagement, shots)
            print("browser: JavaScript on — axe-core", flush=True)
            run_axe(c, out, args.engagement, args.claim)
    except WebDriverException as e:
        c.check(False, "browser session", str(e).splitlines()[0])
    if c.failures:
        print(f"browser: {len(c.failures)} check(s) failed:")
        for f in c.failures:
            print(f"  - {f}")
    print(f"browser: {c.passed} passed, {len(c.failures)} failed", flush=True)
    if args.counts:
        Path(args.counts).write_text(f"{c.passed} {len(c.failures)}\n")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
