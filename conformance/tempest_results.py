#!/usr/bin/python3
"""Summarise a Tempest (stestr) subunit v2 stream per service, counting per test.

    tempest_results.py RESULTS.subunit [--tests LIST] [--failed-file F] [--json F]

RESULTS.subunit: `stestr last --subunit` in the Tempest workspace (or `tempest run --subunit`).
--tests LIST:    the ids the run selected (`tempest run --list-tests` with the same filters), one per line.
                 With it, a class-level entry (`setUpClass (pkg.module.Class)`) that skipped or failed is
                 expanded to each test of that class, so the counts are per test (Tempest reports a class
                 skip as one entry), and a selected test with no result at all counts as failed ("not run").
                 Without it, each class-level entry counts as one test.
--failed-file F: write the ids of failed tests, one per line (empty file when none failed).
--json F:        write the per-service counts and the failures as JSON.

Prints a table per service and, as its last line, exactly `N passed, N failed, N skipped`.
Exit status: 0 when nothing failed, 1 when something failed, 2 on bad input.
Uses Debian's python3-subunit and python3-testtools (dependencies of the tempest package).
"""
import argparse
import json
import re
import sys
from collections import OrderedDict

import subunit
import testtools

CLASS_ENTRY = re.compile(r"^(setUpClass|tearDownClass|setUpModule|tearDownModule) \((.+)\)$")
ATTRS = re.compile(r"\[[^\]]*\]$")

# Test id prefix -> service name, most specific first.
SERVICES = [
    ("tempest.api.identity.", "identity"),
    ("tempest.api.image.", "image"),
    ("tempest.api.object_storage.", "object-store"),
    ("tempest.api.volume.", "volume"),
    ("tempest.api.network.", "network"),
    ("tempest.api.compute.", "compute"),
    ("tempest.scenario.", "scenario"),
]
PASS = {"success", "xfail"}      # an expected failure is a pass, as stestr counts it
SKIP = {"skip"}
FAIL = {"fail", "uxsuccess"}     # anything else ("inprogress", "unknown", "exists") is a failure too


def service_of(test_id):
    for prefix, name in SERVICES:
        if test_id.startswith(prefix):
            return name
    return "other"


def bare(test_id):
    """The id without Tempest's `[id-...,smoke]` attributes."""
    return ATTRS.sub("", test_id)


def class_of(test_id):
    return bare(test_id).rsplit(".", 1)[0]


def read_stream(path):
    """Returns (ordered dict test id -> record, list of class-level records)."""
    tests, fixtures = OrderedDict(), []

    def on_test(rec):
        status = rec["status"]
        if status == "exists":           # a listing event, not a result
            return
        reason = ""
        for name in ("reason", "traceback"):
            if name in rec["details"]:
                reason = rec["details"][name].as_text().strip()
                break
        start, end = rec["timestamps"]
        secs = (end - start).total_seconds() if start and end else 0.0
        item = {"id": rec["id"], "status": status, "reason": reason, "seconds": secs}
        m = CLASS_ENTRY.match(rec["id"])
        if m:
            item["kind"], item["target"] = m.group(1), m.group(2)
            fixtures.append(item)
        else:
            tests[rec["id"]] = item

    with open(path, "rb") as stream:
        case = subunit.ByteStreamToStreamResult(stream, non_subunit_name="stdout")
        result = testtools.StreamToDict(on_test)
        result.startTestRun()
        try:
            case.run(result)
        finally:
            result.stopTestRun()
    return tests, fixtures


def classify(status):
    if status in PASS:
        return "passed"
    if status in SKIP:
        return "skipped"
    return "failed"


def summarise(tests, fixtures, selected):
    """Per-test outcomes: list of (test id, outcome, note, seconds)."""
    outcomes = []
    # Class-level results keyed by class (setUpClass) or module (setUpModule) path.
    setup = {}
    for f in fixtures:
        if f["kind"] in ("setUpClass", "setUpModule"):
            # a failure wins over a skip if both were recorded
            prev = setup.get(f["target"])
            if prev is None or classify(prev["status"]) != "failed":
                setup[f["target"]] = f
    by_bare = {bare(t): r for t, r in tests.items()}

    if selected is None:
        for t, r in tests.items():
            outcomes.append((t, classify(r["status"]), r["reason"], r["seconds"]))
        for f in fixtures:
            if f["kind"] in ("setUpClass", "setUpModule"):
                outcomes.append((f["id"], classify(f["status"]), f["reason"], f["seconds"]))
        return outcomes, fixture_errors(fixtures)

    seen = set()
    selected_bare = {bare(s) for s in selected}
    for t in selected:
        r = tests.get(t) or by_bare.get(bare(t))
        if r is not None:
            seen.add(r["id"])
            outcomes.append((t, classify(r["status"]), r["reason"], r["seconds"]))
            continue
        cls = class_of(t)
        fx = setup.get(cls) or setup.get(cls.rsplit(".", 1)[0])
        if fx is not None and classify(fx["status"]) != "passed":
            note = ("class skipped: " if classify(fx["status"]) == "skipped" else "setUpClass failed: ") \
                + gist(fx["reason"])
            outcomes.append((t, classify(fx["status"]), note, 0.0))
        else:
            outcomes.append((t, "failed", "not run: no result in the stream", 0.0))
    # Results for tests outside the selection (a different list file?) still count.
    for t, r in tests.items():
        if t not in seen and bare(t) not in selected_bare:
            outcomes.append((t, classify(r["status"]), r["reason"], r["seconds"]))
    return outcomes, fixture_errors(fixtures)


def fixture_errors(fixtures):
    """tearDownClass/tearDownModule failures: not a test, but a leak or a broken cleanup worth showing."""
    return [f for f in fixtures if f["kind"].startswith("tearDown") and classify(f["status"]) == "failed"]


def gist(text):
    """The last line of a reason or traceback: the exception, usually."""
    text = (text or "").strip()
    return text.splitlines()[-1][:200] if text else ""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("subunit")
    ap.add_argument("--tests")
    ap.add_argument("--failed-file")
    ap.add_argument("--json")
    args = ap.parse_args(argv)

    try:
        tests, fixtures = read_stream(args.subunit)
    except OSError as e:
        print(f"tempest_results: {e}", file=sys.stderr)
        return 2
    selected = None
    if args.tests:
        with open(args.tests) as f:
            selected = [line.strip() for line in f if line.strip().startswith("tempest.")]

    outcomes, teardown_errors = summarise(tests, fixtures, selected)

    per = OrderedDict()
    for name in [s for _, s in SERVICES] + ["other"]:
        per[name] = {"total": 0, "passed": 0, "failed": 0, "skipped": 0, "seconds": 0.0}
    failed = []
    for t, outcome, note, secs in outcomes:
        s = per[service_of(CLASS_ENTRY.sub(r"\2", t))]
        s["total"] += 1
        s[outcome] += 1
        s["seconds"] += secs
        if outcome == "failed":
            failed.append((t, note))

    print(f"{'service':<14}{'total':>7}{'passed':>8}{'failed':>8}{'skipped':>9}{'test time':>11}")
    for name, s in per.items():
        if s["total"]:
            print(f"{name:<14}{s['total']:>7}{s['passed']:>8}{s['failed']:>8}{s['skipped']:>9}"
                  f"{s['seconds']:>10.0f}s")
    if failed:
        print(f"\nfailed ({len(failed)}):")
        last_note = None
        for t, note in failed[:50]:
            # tests of one failed class share a reason: print it once
            print(f"  {t}" + (f"\n      {gist(note)}" if note and note != last_note else ""))
            last_note = note
        if len(failed) > 50:
            print(f"  ... and {len(failed) - 50} more")
    if teardown_errors:
        print(f"\nclass cleanup errors (not counted as tests) ({len(teardown_errors)}):")
        for f in teardown_errors:
            print(f"  {f['id']}\n      {gist(f['reason'])}")

    if args.failed_file:
        with open(args.failed_file, "w") as f:
            for t, _ in failed:
                f.write(t + "\n")
    totals = {k: sum(s[k] for s in per.values()) for k in ("total", "passed", "failed", "skipped")}
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"services": {k: v for k, v in per.items() if v["total"]}, "totals": totals,
                       "failed": [{"id": t, "note": n} for t, n in failed],
                       "cleanup_errors": [f["id"] for f in teardown_errors]}, f, indent=2)
    print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
    return 1 if totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
