/* ClaimSite tables: filters, sorting and bookmarkable views (docs/output.md, Filters and sorting).
   Without JavaScript nothing here runs: the tabs work by their #fragment and every row shows.
   With it, the fragment holds the tab and the view, e.g. #completed&status=approved&s2=ended-on-desc:
   the first part names the tab, `FACET=CODE` filters the rows whose data-FACET holds that code
   (codes are the same in every language; the menus show their words from assets/words.js,
   and an address written with a value's words, as a slug, still works), and `sN=COLUMN[-desc]`
   sorts the page's table number N by that column, named by its header's data-col key (its
   position, counting from 0, when it has none), so that a link keeps its column whichever
   columns a page shows. Choosing a tab adds a history entry; each tab keeps its own view. */
(function () {
  "use strict";
  // Names sort by the page's language (its <html lang>), as the pages do (docs/languages.md).
  var LANG = document.documentElement.lang || undefined;
  var me = document.currentScript;
  /** The words (docs/languages.md): this tag's data-word-NAME attribute when a site's own layout
      gives one, else the portal's (assets/words.js, written from the catalogue); {name} marks a
      value. The English here serves a site's own layout that gives neither. */
  var WORDS = { status: "Status", action: "Action", location: "Location", window: "Deadline", pay: "Pay", reason: "Reason",
    owner: "Owner", payment: "Payment",
    filter: "{facet} filter of {caption}", "the-table": "the table", all: "All ({n})",
    "showing-all": "Showing all {n} rows", showing: "Showing {shown} of {total} rows", filters: "Filters" };
  // On narrow screens the filters fold into one control (docs/output.md, Layout).
  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 40.01rem)") : { matches: true };
  var PORTAL_WORDS = (window.ClaimSiteWords && window.ClaimSiteWords.tables) || {};
  function word(name, values) {
    var given = me && me.getAttribute("data-word-" + name);
    var text = given !== null && given !== undefined ? given
      : (Object.prototype.hasOwnProperty.call(PORTAL_WORDS, name) ? PORTAL_WORDS[name] : WORDS[name]);
    for (var k in values) { text = text.split("{" + k + "}").join(String(values[k])); }
    return text;
  }
  // The words of the filter values by facet and code; a site's own layout without the file shows the codes.
  var VALUE_WORDS = (window.ClaimSiteWords && window.ClaimSiteWords.filterValues) || {};
  function valueWord(key, code) {
    var words = VALUE_WORDS[key];
    return words && Object.prototype.hasOwnProperty.call(words, code) ? words[code] : code;
  }
  var FACETS = ["status", "action", "location", "window", "pay", "reason", "owner", "payment"].map(function (key) { return [key, word(key)]; });
  var api = window.ClaimSiteTables = { lastFilterMs: null };
  var main = document.querySelector("main");
  if (!main) { return; }

  function slug(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /** A value compared loosely: a code or a value's words as a slug, camelCase as words
      ("dueSoon", "due-soon" and "Due soon" are one). */
  function loose(text) { return slug(String(text).replace(/([a-z0-9])([A-Z])/g, "$1-$2")); }
  function decoded(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }

  // The view: the current tab and its parameters. Each tab keeps its own (tabParams), so that a
  // filter chosen on one tab is not in the address of another.
  var state = { tab: "", params: {} };
  var tabParams = {};
  function readHash() {
    var parts = location.hash.slice(1).split("&");
    state.tab = parts.length && parts[0].indexOf("=") < 0 ? decoded(parts.shift()) : "";
    state.params = {};
    parts.forEach(function (p) {
      var i = p.indexOf("=");
      if (i > 0) { state.params[decoded(p.slice(0, i))] = decoded(p.slice(i + 1)); }
    });
  }
  /** Writes the view into the address: a new history entry when `push` (a tab was chosen), else
      in place (a filter or a sort). */
  function writeHash(push) {
    var parts = [];
    if (state.tab) { parts.push(encodeURIComponent(state.tab)); }
    Object.keys(state.params).sort().forEach(function (k) {
      if (state.params[k] !== "") { parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(state.params[k])); }
    });
    var url = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    if (push) { history.pushState(null, "", url); } else { history.replaceState(null, "", url); }
  }

  // --- tabs (engagement pages) -----------------------------------------------------------
  var panels = Array.prototype.slice.call(document.querySelectorAll(".tab-panel"));
  var tabLinks = Array.prototype.slice.call(document.querySelectorAll(".tabs a[href^='#']"));
  if (panels.length) { main.classList.add("js-tabs"); }
  /** The tab shown: the one the address names, else Eligible (or the first). */
  function currentTab() {
    var ids = panels.map(function (p) { return p.id; });
    return ids.indexOf(state.tab) >= 0 ? state.tab : (ids.indexOf("eligible") >= 0 ? "eligible" : ids[0]);
  }
  function showTab() {
    if (!panels.length) {
      // A page without tabs (the work list): the fragment's first part names an element to
      // show, e.g. #due&owner=Anna%20Berg; the browser finds it only when nothing follows it.
      var target = state.tab && location.hash.slice(1) !== state.tab ? document.getElementById(state.tab) : null;
      if (target) { target.scrollIntoView({ block: "start" }); }
      return;
    }
    var current = currentTab();
    panels.forEach(function (p) { p.classList.toggle("current", p.id === current); });
    tabLinks.forEach(function (a) {
      if (a.getAttribute("href") === "#" + current) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); }
    });
  }
  tabLinks.forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var target = a.getAttribute("href").slice(1), now = currentTab();
      if (target !== now || state.tab !== target) {
        // Leave this tab's view with it; the chosen tab comes back as it was left.
        tabParams[now] = state.params;
        state.tab = target;
        state.params = tabParams[target] || {};
        writeHash(true);
        showTab();
        applyAll();
      }
      var panel = document.getElementById(state.tab);
      if (panel) { panel.scrollIntoView({ block: "start" }); }
    });
  });

  // --- tables -----------------------------------------------------------------------------
  // The tables of Markdown text (class md-table) are the author's: shown as written.
  var tables = Array.prototype.slice.call(main.querySelectorAll("table")).filter(function (t) {
    return t.tHead && t.tBodies.length === 1 && t.tHead.rows.length === 1 && !t.classList.contains("md-table");
  });
  var views = tables.map(function (table, n) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var panel = table.closest(".tab-panel");
    var view = { table: table, n: n + 1, body: body, rows: rows, facets: [], selects: [], count: null, buttons: [], cols: [],
      panel: panel ? panel.id : null };
    // Filters: the facets the rows carry, each with its values (by code) and their words.
    FACETS.forEach(function (f) {
      var key = f[0], values = new Map();
      rows.forEach(function (r) {
        var v = r.getAttribute("data-" + key);
        if (v !== null && v !== "") {
          if (!values.has(v)) { values.set(v, { label: valueWord(key, v), count: 0 }); }
          values.get(v).count++;
        }
      });
      if (values.size >= 2) { view.facets.push({ key: key, label: f[1], values: values }); }
    });
    if (view.facets.length) {
      var tools = document.createElement("div");
      tools.className = "table-tools";
      var caption = table.caption ? table.caption.textContent.trim() : word("the-table");
      view.facets.forEach(function (f) {
        var label = document.createElement("label");
        label.append(f.label + " ");
        var select = document.createElement("select");
        select.setAttribute("data-facet", f.key);
        select.setAttribute("aria-label", word("filter", { facet: f.label, caption: caption }));
        var all = document.createElement("option");
        all.value = "";
        all.textContent = word("all", { n: rows.length });
        select.appendChild(all);
        Array.from(f.values.keys()).sort(function (a, b) {
          return f.values.get(a).label.localeCompare(f.values.get(b).label, LANG);
        }).forEach(function (s) {
          var o = document.createElement("option");
          o.value = s;
          o.textContent = f.values.get(s).label + " (" + f.values.get(s).count + ")";
          select.appendChild(o);
        });
        select.addEventListener("change", function () {
          state.params[f.key] = select.value;
          writeHash(false);
          applyAll();
        });
        label.appendChild(select);
        tools.appendChild(label);
        view.selects.push(select);
      });
      var count = document.createElement("p");
      count.className = "table-count";
      count.setAttribute("role", "status");
      view.count = count;
      var fold = document.createElement("details");
      fold.className = "table-filters";
      var summary = document.createElement("summary");
      summary.textContent = word("filters");
      fold.appendChild(summary);
      fold.appendChild(tools);
      fold.open = WIDE.matches;
      if (WIDE.addEventListener) { WIDE.addEventListener("change", function () { fold.open = WIDE.matches; }); }
      var wrap = table.parentElement && table.parentElement.classList.contains("table-wrap") ? table.parentElement : table;
      wrap.parentElement.insertBefore(fold, wrap);
      wrap.parentElement.insertBefore(count, wrap);
    }
    // Sorting: every column header becomes a button; the column's name in the fragment is its
    // data-col key, else its position.
    Array.prototype.slice.call(table.tHead.rows[0].cells).forEach(function (th, col) {
      var name = th.getAttribute("data-col") || String(col);
      view.cols.push(name);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = "s" + view.n, now = state.params[key] || "";
        state.params[key] = now === name ? name + "-desc" : name;
        writeHash(false);
        applyAll();
      });
      view.buttons.push(button);
    });
    // The keys cells sort by: data-sort, else the text; numbers as numbers.
    view.keys = rows.map(function (r) {
      return Array.prototype.map.call(r.cells, function (c) {
        var text = (c.getAttribute("data-sort") || c.textContent).trim();
        var number = /^[-+]?(USD\s*)?[\d,]+(\.\d+)?$/.test(text) ? parseFloat(text.replace(/[^\d.\-+]/g, "")) : NaN;
        return { text: text, number: number };
      });
    });
    view.order = rows.map(function (_, i) { return i; });
    return view;
  });

  function compare(a, b) {
    if (!isNaN(a.number) && !isNaN(b.number)) { return a.number - b.number; }
    return a.text.localeCompare(b.text, LANG, { numeric: true, sensitivity: "base" });
  }

  /** The parameters of `view`: the address's for a table on the tab shown (or on a page without
      tabs), else those its tab was left with. */
  function paramsOf(view) {
    return !view.panel || view.panel === currentTab() ? state.params : (tabParams[view.panel] || {});
  }

  /** The code a filter's value in the address stands for: the code itself, else the value whose
      code or words match it loosely (an address written with the words, in either form); null
      for none, "" for no filter. */
  function wanted(facet, value) {
    if (!value) { return ""; }
    if (facet.values.has(value)) { return value; }
    var want = loose(value), found = null;
    facet.values.forEach(function (v, code) {
      if (found === null && (loose(code) === want || loose(v.label) === want)) { found = code; }
    });
    return found;
  }

  function apply(view) {
    var params = paramsOf(view);
    // Sort (stable: ties keep the build's order).
    var sort = params["s" + view.n] || "", desc = /-desc$/.test(sort);
    var col = view.cols.indexOf(desc ? sort.slice(0, -"-desc".length) : sort);
    var order = view.rows.map(function (_, i) { return i; });
    if (col >= 0) {
      order.sort(function (i, j) {
        var a = view.keys[i][col], b = view.keys[j][col];
        var c = a && b ? compare(a, b) : 0;
        return (desc ? -c : c) || i - j;
      });
    }
    if (order.join() !== view.order.join()) {
      var fragment = document.createDocumentFragment();
      order.forEach(function (i) { fragment.appendChild(view.rows[i]); });
      view.body.appendChild(fragment);
      view.order = order;
    }
    view.buttons.forEach(function (b, c) {
      var th = b.parentElement;
      if (c === col) { th.setAttribute("aria-sort", desc ? "descending" : "ascending"); } else { th.removeAttribute("aria-sort"); }
    });
    // Filter.
    var wants = view.facets.map(function (f) { return wanted(f, params[f.key]); });
    var shown = 0;
    view.rows.forEach(function (r) {
      var ok = view.facets.every(function (f, i) {
        return wants[i] === "" || r.getAttribute("data-" + f.key) === wants[i];
      });
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    view.selects.forEach(function (s, i) { s.value = wants[i] || ""; });
    if (view.count) {
      view.count.textContent = shown === view.rows.length ? word("showing-all", { n: shown })
        : word("showing", { shown: shown, total: view.rows.length });
    }
  }

  function applyAll() {
    var started = performance.now();
    views.forEach(apply);
    api.lastFilterMs = performance.now() - started;
  }

  readHash();
  tabParams[currentTab()] = state.params;
  showTab();
  applyAll();
  // Back and Forward (and a link to another view of this page): the tab left keeps its view.
  function followAddress() {
    tabParams[currentTab()] = state.params;
    readHash();
    tabParams[currentTab()] = state.params;
    showTab();
    applyAll();
  }
  window.addEventListener("hashchange", followAddress);
  window.addEventListener("popstate", followAddress);
})();
