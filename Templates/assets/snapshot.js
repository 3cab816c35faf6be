/* ClaimSite snapshot notice (docs/output.md, Snapshot age): when the reader's local calendar
   date is after the portal's as-of date, say on which day the portal shows the state and how
   many days ago that was. The as-of date is the header's <time datetime>, as the page writes it;
   the words are the notice's data-word attributes when a site's own layout gives them, else the
   portal's (assets/words.js; {date}, {ago} and {days} are filled in).
   Nothing on or before the as-of date; without JavaScript, nothing. */
(function () {
  "use strict";
  var notice = document.getElementById("snapshot-age");
  var time = document.querySelector(".site-header time[datetime]");
  if (!notice || !time) { return; }
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(time.getAttribute("datetime") || "");
  if (!m) { return; }
  var now = new Date();
  // Calendar days between the two dates, counted on the reader's local date.
  var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  var asOf = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  var days = Math.round((today - asOf) / 86400000);
  if (!(days > 0)) { return; }
  function fill(text, values) {
    for (var k in values) { text = text.split("{" + k + "}").join(values[k]); }
    return text;
  }
  var portal = (window.ClaimSiteWords && window.ClaimSiteWords.snapshot) || {};
  function word(attribute, name) {
    var given = notice.getAttribute(attribute);
    return given !== null ? given : (portal[name] || "");
  }
  var ago = fill(word(days === 1 ? "data-word-one" : "data-word-many", days === 1 ? "one" : "many"), { days: String(days) });
  notice.textContent = fill(word("data-word", "notice"), { date: time.textContent.trim(), ago: ago });
  notice.hidden = false;
})();
