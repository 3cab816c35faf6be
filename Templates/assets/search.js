/* ClaimSite offline search (docs/output.md, Search).
   Works from file://: the index is plain <script> files under search/ (no fetch, no modules).
   search/manifest.js names the token shards; a query loads only the shards its words need,
   then the records files of the results it shows. Folding and splitting match the builder's
   (SearchText in ClaimRender): change both together. */
(function () {
  "use strict";
  var me = document.currentScript;
  var root = (me && me.getAttribute("data-root")) || "";
  var manifest = null, shards = {}, records = {}, loading = {};
  /** A search to run once the manifest is loaded (the ?q= of the page's address). */
  var waiting = null;
  var LIMIT = 20;
  /** The words (docs/languages.md): this tag's data-word-NAME attribute when a site's own layout
      gives one, else the portal's (assets/words.js, written from the catalogue); {name} marks a
      value. The English here serves a site's own layout that gives neither. */
  var WORDS = { claim: "Claim", customer: "Customer", none: "No matches", one: "{n} match", many: "{n} matches",
    "first-of": "First {shown} of {n} matches",
    "first-of-more": "First {shown} of more than {n} matches; type more to narrow them" };
  var PORTAL_WORDS = (window.ClaimSiteWords && window.ClaimSiteWords.search) || {};
  function word(name, values) {
    var given = me && me.getAttribute("data-word-" + name);
    var text = given !== null && given !== undefined ? given
      : (Object.prototype.hasOwnProperty.call(PORTAL_WORDS, name) ? PORTAL_WORDS[name] : WORDS[name]);
    for (var k in values) { text = text.split("{" + k + "}").join(String(values[k])); }
    return text;
  }
  var PLAIN = { "\u00df": "ss", "\u1e9e": "ss", "\u00e6": "ae", "\u00c6": "ae", "\u00f8": "o", "\u00d8": "o",
    "\u0153": "oe", "\u0152": "oe", "\u0111": "d", "\u0110": "d", "\u0142": "l", "\u0141": "l", "\u0131": "i" };

  function fold(text) {
    var out = "";
    for (var ch of text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")) {
      out += Object.prototype.hasOwnProperty.call(PLAIN, ch) ? PLAIN[ch] : ch.toLowerCase();
    }
    return out;
  }
  function words(folded) { return folded.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; }); }
  function hex(text) {
    return Array.prototype.map.call(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  var api = window.ClaimSiteSearch = {
    manifest: function (m) { manifest = m; if (waiting) { waiting(); waiting = null; } },
    shard: function (kind, key, tokens) { shards[kind + ":" + key] = tokens; },
    records: function (n, list) { records[n] = list; },
    fold: fold,
    words: words,
    /** The last query's time from keystroke to results shown, in ms (for the benchmark). */
    lastTiming: null,
    lastQuery: null
  };

  function load(src, done) {
    if (loading[src]) { loading[src].push(done); return; }
    loading[src] = [done];
    var s = document.createElement("script");
    s.src = root + src;
    s.onload = s.onerror = function () { var w = loading[src]; loading[src] = "done"; w.forEach(function (f) { f(); }); };
    document.head.appendChild(s);
  }
  function loadAll(srcs, done) {
    var left = 0;
    srcs.forEach(function (src) { if (loading[src] !== "done") { left++; } });
    if (left === 0) { done(); return; }
    srcs.forEach(function (src) {
      if (loading[src] !== "done") { load(src, function () { if (--left === 0) { done(); } }); }
    });
  }

  /** At most this many shards of one kind are read for one word of a query (in key order, so
      the first identifiers in order are among them); a query that would need more says that
      there are more matches than it counted. */
  var MAX_SHARDS = 8;

  /** The keys of the shards of `kind` (`i` identifiers, `w` words) that hold the tokens starting
      with `prefix`, in key order, at most MAX_SHARDS; `more` when there were more. */
  function keysFor(kind, prefix) {
    var all = manifest[kind].filter(function (k) { return prefix.startsWith(k) || k.startsWith(prefix); });
    return { keys: all.slice(0, MAX_SHARDS), more: all.length > MAX_SHARDS };
  }
  function file(kind, key) { return "search/" + kind + "-" + hex(key) + ".js"; }
  /** Calls f(token, records) for every loaded token of `kind` that starts with `prefix`. */
  function eachToken(kind, prefix, f) {
    keysFor(kind, prefix).keys.forEach(function (k) {
      var tokens = shards[kind + ":" + k] || {};
      for (var t in tokens) { if (t.startsWith(prefix)) { f(t, tokens[t]); } }
    });
  }

  /** Ranked record numbers: whole identifiers equal to the query, then identifiers starting with
      it, then records with a word starting with each word of the query; each group in record order. */
  function rank(whole, terms) {
    var tier = new Map();
    function better(rec, t) { var old = tier.get(rec); if (old === undefined || t < old) { tier.set(rec, t); } }
    eachToken("i", whole, function (t, recs) { recs.forEach(function (r) { better(r, t === whole ? 0 : 1); }); });
    var found = null;
    terms.forEach(function (term) {
      var mine = new Set();
      eachToken("w", term, function (t, recs) { recs.forEach(function (r) { mine.add(r); }); });
      found = found === null ? mine : new Set([...found].filter(function (r) { return mine.has(r); }));
    });
    if (found) { found.forEach(function (r) { better(r, 2); }); }
    return Array.from(tier.keys()).sort(function (a, b) { return tier.get(a) - tier.get(b) || a - b; });
  }

  function query(text, done) {
    var whole = fold(text).trim();
    var terms = words(fold(text)).filter(function (w) { return w.length >= 2; });
    if (!manifest || whole.length < 2) { done(null); return; }
    var files = new Set(), more = false;
    var ids = keysFor("i", whole);
    more = more || ids.more;
    ids.keys.forEach(function (k) { files.add(file("i", k)); });
    terms.forEach(function (t) {
      var w = keysFor("w", t);
      more = more || w.more;
      w.keys.forEach(function (k) { files.add(file("w", k)); });
    });
    loadAll(Array.from(files), function () {
      var ranked = rank(whole, terms);
      var top = ranked.slice(0, LIMIT);
      var chunks = new Set(top.map(function (r) { return "search/r-" + Math.floor(r / manifest.chunk) + ".js"; }));
      loadAll(Array.from(chunks), function () {
        done({ total: ranked.length, more: more, results: top.map(function (r) {
          var list = records[Math.floor(r / manifest.chunk)];
          return list ? list[r % manifest.chunk] : null;
        }).filter(Boolean) });
      });
    });
  }

  function start() {
    var box = document.getElementById("search");
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!box || !input || !list || !status) { return; }
    box.hidden = false;
    var sequence = 0;
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    function show(text, started) {
      var mine = ++sequence;
      query(text, function (answer) {
        if (mine !== sequence) { return; }
        list.textContent = "";
        if (!answer) { status.textContent = ""; list.hidden = true; return; }
        answer.results.forEach(function (r) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = root + r[4];
          var kind = document.createElement("span");
          kind.className = "search-kind";
          kind.textContent = word(r[0] === "c" ? "claim" : "customer");
          var id = document.createElement("span");
          id.className = "search-id";
          id.textContent = r[1];
          var label = document.createElement("span");
          label.className = "search-label";
          label.textContent = r[2];
          var detail = document.createElement("span");
          detail.className = "search-detail";
          detail.textContent = r[3];
          a.append(kind, " ", id, " ", label, " ", detail);
          li.appendChild(a);
          list.appendChild(li);
        });
        list.hidden = answer.results.length === 0;
        var n = answer.total;
        var shown = answer.results.length;
        status.textContent = n === 0 ? word("none") : word(answer.more ? "first-of-more" : (n > shown ? "first-of" : (n === 1 ? "one" : "many")),
          { shown: shown, n: n });
        api.lastTiming = performance.now() - started;
        api.lastQuery = text;
        list.setAttribute("data-query", text);
      });
    }
    input.addEventListener("input", function () { show(input.value, performance.now()); });
    // A link may carry a query: index.html?q=muller opens with its results.
    var given = new URLSearchParams(location.search).get("q");
    if (given) {
      input.value = given;
      if (manifest) { show(given, performance.now()); } else { waiting = function () { show(given, performance.now()); }; }
    }
    input.addEventListener("keydown", function (e) {
      var all = links();
      if (e.key === "ArrowDown" && all.length) { e.preventDefault(); all[0].focus(); }
      if (e.key === "Enter" && all.length) { e.preventDefault(); all[0].click(); }
      if (e.key === "Escape") { input.value = ""; show("", performance.now()); }
    });
    list.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i >= 0) { e.preventDefault(); (all[i + 1] || all[i]).focus(); }
      if (e.key === "ArrowUp" && i >= 0) { e.preventDefault(); (i === 0 ? input : all[i - 1]).focus(); }
      if (e.key === "Escape") { e.preventDefault(); input.focus(); }
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target, typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); input.focus(); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
