#!/usr/bin/env python3
"""Independent checks of ClaimSite's exports against report.json.

Usage: check_exports.py OUTPUT_DIR

OUTPUT_DIR holds report.json, deadlines.ics, claims.csv and, per engagement,
engagements/NAME/{eligible,ineligible,completed}.csv beside the engagement page.

deadlines.ics, parsed with PyPI `icalendar`:
  - a VCALENDAR with VERSION 2.0, PRODID, CALSCALE GREGORIAN and METHOD PUBLISH;
  - every physical line ends with CRLF and is at most 75 octets, and no line splits a UTF-8
    sequence;
  - one VEVENT per claim of report.json that is not terminal and whose action is not `none`;
    UIDs unique and equal to CLAIM-ID (percent-encoded).KIND@claimsite, KIND the action's
    deadline kind; DTSTART an all-day date equal to the claim's `deadline` (and to
    deadlines[KIND]); DTEND the next day; DTSTAMP present; the SUMMARY names the claim;
    events sorted by deadline, then claim ID.
Every CSV, parsed with Python's `csv` module (actions.csv's daysLeft is a number, which may be
negative, and so exempt from the formula rule):
  - UTF-8 without a byte-order mark; writing the parsed rows back with RFC 4180 quoting and CRLF
    gives the same bytes (so quoting and record ends are exactly RFC 4180);
  - no field starts with `=`, `+`, `-`, `@`, TAB or CR (spreadsheet formulas are neutralised
    with a leading `'`);
  - claims.csv: the header, then one row per claim of report.json in its order, field by field
    (id, status, action, deadline, payoutUSD and every other flattened field);
  - each engagement's tab CSVs: the rows of the report's tabs, in order;
  - actions.csv: one row per claim of report.json's `actions`, group by group in order, with
    the claim's fields and daysLeft = deadline - asOf;
  - for an audience without an incentives role: no email address in any export.

Exit status 0 when every check passed, 1 on any mismatch (each printed as `FAIL ...`),
2 when the folder or a tool is missing. Prints `exports: N passed, M failed` last.
"""
import argparse
import csv
import datetime
import io
import json
import re
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import quote

try:
    import icalendar
except ImportError:
    print("check_exports: the Python package 'icalendar' is missing; install it with "
          "'python3 -m pip install icalendar' (in the test venv)", file=sys.stderr)
    sys.exit(2)

CLAIM_COLUMNS = [
    "id", "displayName", "engagement", "customer", "origin", "location", "createdOn",
    "status", "statusLabel", "terminal", "action", "deadline", "dueSoon",
    "consentDeadline", "submitDeadline", "reviewDeadline", "disputeDeadline",
    "expectedPaymentBy", "payoutUSD", "payoutKind", "referralId", "referralType", "referralUrl", "page",
]
ELIGIBLE_COLUMNS = ["kind", "claimId", "customer", "customerName", "status", "statusLabel", "action", "deadline",
                    "qualifyingIdType", "qualifyingId"]
INELIGIBLE_COLUMNS = ["customer", "customerName", "reason", "detail"]
COMPLETED_COLUMNS = ["claimId", "customer", "customerName", "status", "statusLabel"]
TABS = ("eligible", "ineligible", "completed")
ACTION_COLUMNS = ["group", "claimId", "customer", "customerName", "engagement", "status", "statusLabel", "action",
                  "actionLabel", "deadline", "daysLeft"]
GROUPS = ("today", "soon", "month", "later", "microsoft")
PAYMENT_COLUMNS = ["claimId", "engagement", "customer", "approvedOn", "payoutUSD", "state", "expectedBy", "paidOn",
                   "paidUSD", "reference"]

# docs/rules.md#actions: the deadline each action must meet.
ACTION_DEADLINE = {
    "sendConsentEmail": "consent", "resendConsentEmail": "consent", "submitClaim": "submit",
    "resubmitClaim": "review", "disputeClaim": "dispute",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


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

    def equal(self, actual, expected, what):
        return self.check(actual == expected, what, f"expected {expected!r}, found {actual!r}")


def neutralised(value):
    """The text a CSV field holds for a report value: null empty, booleans true/false,
    formulas prefixed with `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def utf8_key(text):
    return text.encode("utf-8")


# deadlines.ics ---------------------------------------------------------------------------

def check_ics_lines(checks, data):
    checks.check(data.endswith(b"\r\n"), "deadlines.ics ends with CRLF")
    bare_lf = [i for i in range(len(data)) if data[i] == 0x0A and (i == 0 or data[i - 1] != 0x0D)]
    bare_cr = [i for i in range(len(data)) if data[i] == 0x0D and (i + 1 >= len(data) or data[i + 1] != 0x0A)]
    checks.check(not bare_lf and not bare_cr, "deadlines.ics uses CRLF only",
                 f"bare LF at {bare_lf[:3]}, bare CR at {bare_cr[:3]}")
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        checks.check(len(line) <= 75, f"deadlines.ics line {number} is at most 75 octets", f"{len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            checks.check(False, f"deadlines.ics line {number} is whole UTF-8 (folding split a character)", str(error))


def check_calendar(checks, out, report):
    path = out / "deadlines.ics"
    if not checks.check(path.is_file(), "deadlines.ics exists", str(path)):
        return
    data = path.read_bytes()
    check_ics_lines(checks, data)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # any parse failure is a failed check
        checks.check(False, "deadlines.ics parses with icalendar", repr(error))
        return
    checks.equal(str(calendar.get("VERSION")), "2.0", "VCALENDAR VERSION")
    checks.check(bool(str(calendar.get("PRODID", ""))), "VCALENDAR has a PRODID")
    checks.equal(str(calendar.get("CALSCALE")), "GREGORIAN", "VCALENDAR CALSCALE")
    checks.equal(str(calendar.get("METHOD")), "PUBLISH", "VCALENDAR METHOD")
    checks.check(bool(str(calendar.get("X-WR-CALNAME", ""))), "VCALENDAR has an X-WR-CALNAME")

    events = list(calendar.walk("VEVENT"))
    open_claims = [c for c in report["claims"] if not c["terminal"] and c["action"] != "none"]
    checks.equal(len(events), len(open_claims), "deadlines.ics: events = open claims with an action in report.json")

    uids = [str(e.get("UID")) for e in events]
    duplicates = sorted({u for u in uids if uids.count(u) > 1})
    checks.check(not duplicates, "deadlines.ics: UIDs are unique", ", ".join(duplicates))
    by_uid = {str(e.get("UID")): e for e in events}

    expected_order = []
    for claim in open_claims:
        cid = claim["id"]
        kind = ACTION_DEADLINE.get(claim["action"])
        if not checks.check(kind is not None, f"{cid}: action {claim['action']!r} has a deadline kind"):
            continue
        checks.equal(claim["deadlines"].get(kind), claim["deadline"], f"{cid}: report deadline is the {kind} deadline")
        uid = f"{quote(cid, safe='-._~')}.{kind}@claimsite"
        expected_order.append(uid)
        event = by_uid.get(uid)
        if not checks.check(event is not None, f"{cid}: an event with UID {uid}", f"UIDs found: {uids[:5]}..."):
            continue
        start = event.get("DTSTART")
        end = event.get("DTEND")
        if not checks.check(start is not None and end is not None, f"{uid}: DTSTART and DTEND"):
            continue
        start, end = start.dt, end.dt
        checks.check(type(start) is datetime.date, f"{uid}: DTSTART is an all-day date", repr(start))
        checks.equal(start.isoformat(), claim["deadline"], f"{uid}: DTSTART = the claim's deadline")
        if type(start) is datetime.date:
            checks.equal(end, start + datetime.timedelta(days=1), f"{uid}: DTEND is the day after DTSTART")
        checks.check(event.get("DTSTAMP") is not None, f"{uid}: has a DTSTAMP")
        checks.check(cid in str(event.get("SUMMARY", "")), f"{uid}: SUMMARY names the claim", str(event.get("SUMMARY")))
        checks.check(bool(str(event.get("DESCRIPTION", ""))), f"{uid}: has a DESCRIPTION")

    expected_order.sort(key=lambda uid: next(
        (c["deadline"], utf8_key(c["id"])) for c in open_claims
        if f"{quote(c['id'], safe='-._~')}.{ACTION_DEADLINE.get(c['action'])}@claimsite" == uid))
    checks.equal(uids, expected_order, "deadlines.ics: events sorted by deadline, then claim ID")


# CSV -------------------------------------------------------------------------------------

def read_csv(checks, path, numbers=()):
    """The rows of the CSV at `path`, after the checks every CSV gets. A field of a column
    listed in `numbers` that is a whole number is a number, not text that starts like a formula."""
    """The rows of a CSV after the RFC 4180 checks, or None when it is missing or unreadable."""
    name = path.as_posix()
    if not checks.check(path.is_file(), f"{name} exists"):
        return None
    data = path.read_bytes()
    checks.check(not data.startswith(b"\xef\xbb\xbf"), f"{name} has no byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        checks.check(False, f"{name} is UTF-8", str(error))
        return None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        checks.check(False, f"{name} parses as CSV", str(error))
        return None
    again = io.StringIO(newline="")
    csv.writer(again, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    checks.check(again.getvalue() == text, f"{name} is RFC 4180 (minimal quoting, CRLF record ends)",
                 first_difference(again.getvalue(), text))
    width = len(rows[0]) if rows else 0
    ragged = [i + 1 for i, row in enumerate(rows) if len(row) != width]
    checks.check(not ragged, f"{name}: every record has the header's {width} fields", f"records {ragged[:5]}")
    formulas = [(i + 1, f) for i, row in enumerate(rows) for k, f in enumerate(row)
                if f.startswith(FORMULA_STARTS) and not (i > 0 and k in numbers and re.fullmatch(r"-?\d+", f))]
    checks.check(not formulas, f"{name}: no field starts like a spreadsheet formula", repr(formulas[:3]))
    return rows


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"at character {i}: {a[max(0, i - 20):i + 20]!r} vs {b[max(0, i - 20):i + 20]!r}"
    return f"lengths {len(a)} and {len(b)}"


def claim_fields(claim):
    deadlines = claim.get("deadlines") or {}
    referral = claim.get("referral") or {}
    return {
        "id": claim["id"], "displayName": claim.get("displayName"), "engagement": claim["engagement"],
        "customer": claim["customer"], "origin": claim["origin"], "location": claim.get("location"),
        "createdOn": claim.get("createdOn"), "status": claim["status"], "statusLabel": claim.get("statusLabel"),
        "terminal": claim["terminal"], "action": claim["action"], "deadline": claim["deadline"],
        "dueSoon": claim.get("dueSoon"),
        "consentDeadline": deadlines.get("consent"), "submitDeadline": deadlines.get("submit"),
        "reviewDeadline": deadlines.get("review"), "disputeDeadline": deadlines.get("dispute"),
        "expectedPaymentBy": claim.get("expectedPaymentBy"), "payoutUSD": claim.get("payoutUSD"),
        "payoutKind": claim.get("payoutKind"), "referralId": referral.get("id"), "referralType": referral.get("type"),
        "referralUrl": referral.get("url"), "page": claim["page"],
    }


def check_claims_csv(checks, out, report):
    rows = read_csv(checks, out / "claims.csv")
    if rows is None:
        return
    if not checks.equal(rows[0] if rows else None, CLAIM_COLUMNS, "claims.csv header"):
        return
    claims = report["claims"]
    checks.equal(len(rows) - 1, len(claims), "claims.csv: one row per claim of report.json")
    for row, claim in zip(rows[1:], claims):
        record = dict(zip(CLAIM_COLUMNS, row))
        expected = claim_fields(claim)
        wrong = [f"{key}: expected {neutralised(expected[key])!r}, found {record.get(key)!r}"
                 for key in CLAIM_COLUMNS if record.get(key) != neutralised(expected[key])]
        checks.check(not wrong, f"claims.csv row {claim['id']} equals report.json", "; ".join(wrong))
    if "referralsAdmin" not in report.get("audience", []):
        links = [r[0] for r in rows[1:] if r[CLAIM_COLUMNS.index("referralUrl")]]
        checks.check(not links, "claims.csv: no referral links for an audience without referralsAdmin", ", ".join(links[:5]))


def check_tab_csvs(checks, out, report):
    claims = {c["id"]: c for c in report["claims"]}
    for engagement in report["engagements"]:
        folder = PurePosixPath(engagement["page"]).parent
        tabs = engagement["tabs"]
        name = engagement["id"]

        rows = read_csv(checks, out / folder / "eligible.csv")
        if rows is not None and checks.equal(rows[0], ELIGIBLE_COLUMNS, f"{folder}/eligible.csv header"):
            checks.equal(len(rows) - 1, len(tabs["eligible"]), f"{name}: eligible.csv rows = the report's Eligible tab")
            for row, item in zip(rows[1:], tabs["eligible"]):
                record = dict(zip(ELIGIBLE_COLUMNS, row))
                qualifying = item.get("qualifyingId") or {}
                status = item.get("status")
                expected = {
                    "kind": item["kind"], "claimId": item.get("claimId"), "customer": item["customer"],
                    "status": status, "statusLabel": claims[item["claimId"]]["statusLabel"] if item.get("claimId") else None,
                    "action": item["action"], "deadline": item.get("deadline"),
                    "qualifyingIdType": qualifying.get("type"), "qualifyingId": qualifying.get("value"),
                }
                wrong = [f"{k}: expected {neutralised(v)!r}, found {record.get(k)!r}"
                         for k, v in expected.items() if record.get(k) != neutralised(v)]
                checks.check(bool(record.get("customerName")), f"{name}: eligible row {item['customer']} has a customer name")
                checks.check(not wrong, f"{name}: eligible row {item.get('claimId') or item['customer']} equals the report",
                             "; ".join(wrong))

        rows = read_csv(checks, out / folder / "ineligible.csv")
        if rows is not None and checks.equal(rows[0], INELIGIBLE_COLUMNS, f"{folder}/ineligible.csv header"):
            expected_rows = [] if tabs["ineligible"]["detailsHidden"] else tabs["ineligible"]["rows"]
            checks.equal(len(rows) - 1, len(expected_rows),
                         f"{name}: ineligible.csv rows = the report's Ineligible tab"
                         + (" (details hidden: header only)" if tabs["ineligible"]["detailsHidden"] else ""))
            for row, item in zip(rows[1:], expected_rows):
                record = dict(zip(INELIGIBLE_COLUMNS, row))
                wrong = [f"{k}: expected {neutralised(item[k])!r}, found {record.get(k)!r}"
                         for k in ("customer", "reason", "detail") if record.get(k) != neutralised(item[k])]
                checks.check(not wrong, f"{name}: ineligible row {item['customer']} equals the report", "; ".join(wrong))

        rows = read_csv(checks, out / folder / "completed.csv")
        if rows is not None and checks.equal(rows[0], COMPLETED_COLUMNS, f"{folder}/completed.csv header"):
            checks.equal(len(rows) - 1, len(tabs["completed"]), f"{name}: completed.csv rows = the report's Completed tab")
            for row, item in zip(rows[1:], tabs["completed"]):
                record = dict(zip(COMPLETED_COLUMNS, row))
                expected = dict(item, statusLabel=claims[item["claimId"]]["statusLabel"])
                wrong = [f"{k}: expected {neutralised(expected[k])!r}, found {record.get(k)!r}"
                         for k in ("claimId", "customer", "status", "statusLabel") if record.get(k) != neutralised(expected[k])]
                checks.check(not wrong, f"{name}: completed row {item['claimId']} equals the report", "; ".join(wrong))


def check_actions_csv(checks, out, report):
    """actions.csv (docs/output.md, The work list): every row of every group of report.json's
    `actions`, in order; daysLeft = deadline - as-of date, a plain whole number."""
    rows = read_csv(checks, out / "actions.csv", numbers={ACTION_COLUMNS.index("daysLeft")})
    if rows is None or not checks.equal(rows[0] if rows else None, ACTION_COLUMNS, "actions.csv header"):
        return
    claims = {c["id"]: c for c in report["claims"]}
    expected = [(g, claim_id) for g in GROUPS for claim_id in report["actions"][g]]
    checks.equal([(r[0], r[1]) for r in rows[1:]], expected, "actions.csv: the groups and claims of report.json, in order")
    as_of = datetime.date.fromisoformat(report["asOf"])
    for row in rows[1:]:
        record = dict(zip(ACTION_COLUMNS, row))
        claim = claims.get(record["claimId"], {})
        days = (datetime.date.fromisoformat(claim["deadline"]) - as_of).days if claim.get("deadline") else None
        wrong = [f"{k}: expected {v!r}, found {record.get(k)!r}" for k, v in {
            "customer": claim.get("customer"), "engagement": claim.get("engagement"), "status": claim.get("status"),
            "statusLabel": neutralised(claim.get("statusLabel")), "action": claim.get("action"),
            "deadline": claim.get("deadline") or "", "daysLeft": "" if days is None else str(days),
        }.items() if record.get(k) != v]
        checks.check(not wrong, f"actions.csv row {record['claimId']} equals report.json", "; ".join(wrong))
        group = record["group"]
        if days is not None and group != "microsoft":
            checks.check(days >= 0, f"actions.csv row {record['claimId']}: a partner action is not overdue")


def check_payments_csv(checks, out, report):
    """payments.csv (docs/output.md, Payouts): one row per approved claim of report.json, by claim
    ID, with its payout and payment."""
    rows = read_csv(checks, out / "payments.csv")
    if rows is None or not checks.equal(rows[0] if rows else None, PAYMENT_COLUMNS, "payments.csv header"):
        return
    approved = [c for c in report["claims"] if c.get("payment")]
    checks.equal([r[0] for r in rows[1:]], [c["id"] for c in approved], "payments.csv: the approved claims, by ID")
    for row, claim in zip(rows[1:], approved):
        p = claim["payment"]
        expected = [claim["id"], claim["engagement"], claim["customer"],
                    None, claim.get("payoutUSD"), p["state"], p["expectedBy"], p.get("paidOn"), p.get("amountUSD"),
                    p.get("reference")]
        wrong = [f"{k}: expected {neutralised(v)!r}, found {f!r}" for k, v, f in zip(PAYMENT_COLUMNS, expected, row)
                 if k != "approvedOn" and f != neutralised(v)]
        checks.check(not wrong, f"payments.csv row {claim['id']} equals report.json", "; ".join(wrong))


def check_no_contacts(checks, out, report):
    """docs/rules.md#audiences: without an incentives role no contact detail (email) appears anywhere."""
    audience = report.get("audience", [])
    if "incentivesAdmin" in audience or "incentivesUser" in audience:
        return
    for path in sorted(list(out.rglob("*.csv")) + [out / "deadlines.ics"]):
        if path.is_file():
            found = EMAIL.search(path.read_text(encoding="utf-8", errors="replace"))
            checks.check(found is None, f"{path.relative_to(out)}: no email address for audience {audience}",
                         found.group(0) if found else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", help="the output folder (with report.json)")
    args = parser.parse_args()
    out = Path(args.output)
    report_path = out / "report.json"
    if not report_path.is_file():
        print(f"check_exports: {report_path} not found; build the site first", file=sys.stderr)
        return 2
    report = json.loads(report_path.read_text(encoding="utf-8"))

    checks = Checks()
    check_calendar(checks, out, report)
    check_claims_csv(checks, out, report)
    check_tab_csvs(checks, out, report)
    check_actions_csv(checks, out, report)
    check_payments_csv(checks, out, report)
    expected_csvs = {"claims.csv", "actions.csv", "payments.csv"} | {
        f"{PurePosixPath(e['page']).parent}/{tab}.csv" for e in report["engagements"] for tab in TABS}
    found_csvs = {p.relative_to(out).as_posix() for p in out.rglob("*.csv")}
    checks.check(found_csvs == expected_csvs, "the CSV files are claims.csv, actions.csv, payments.csv and three per engagement",
                 f"extra {sorted(found_csvs - expected_csvs)}, missing {sorted(expected_csvs - found_csvs)}")
    check_no_contacts(checks, out, report)

    print(f"exports: {checks.passed} passed, {len(checks.failures)} failed")
    if checks.failures:
        print(f"check_exports: {len(checks.failures)} mismatches between the exports and report.json "
              f"in {out} (first: {checks.failures[0]})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
