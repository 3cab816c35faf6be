/* ClaimSite snapshot notice (docs/output.md, Snapshot age): when the reader's local calendar
   date is after the portal's as-of date, say on which day the portal shows the state and how
   many days ago that was. Nothing on or before the as-of date; without JavaScript, nothing. */
(function () {
  "use strict";
  var notice = document.getElementById("snapshot-age");
  if (!notice) { return; }
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(notice.getAttribute("data-as-of") || "");
  if (!m) { return; }
  var now = new Date();
  // Calendar days between the two dates, counted on the reader's local date.
  var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  var asOf = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  var days = Math.round((today - asOf) / 86400000);
  if (!(days > 0)) { return; }
  var text = notice.getAttribute(days === 1 ? "data-word-one" : "data-word-many") || "";
  notice.textContent = text.split("{date}").join(notice.getAttribute("data-as-of-text") || "")
    .split("{days}").join(String(days));
  notice.hidden = false;
})();
