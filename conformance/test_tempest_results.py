#!/usr/bin/python3
"""Tests of tempest_results.py on synthetic subunit v2 streams shaped like Tempest's.

    /usr/bin/python3 -m unittest discover -s conformance -p 'test_*.py'
"""
import datetime
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

import subunit

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "tempest_results.py")

ID = "tempest.api.identity.v3.test_tokens.TokensV3Test"
ADM = "tempest.api.identity.admin.v3.test_domains.DomainsTestJSON"
IMG = "tempest.api.image.v2.test_images.BasicOperationsImagesTest"
SW = "tempest.api.object_storage.test_container_acl.ObjectTestACLs"

SELECTED = [
    f"{ID}.test_create_token[id-6f8e4436,smoke]",
    f"{ID}.test_validate_token[id-a9512ac3]",
    f"{ID}.test_token_auth_creation_existence_deletion[id-0f9f5a5f]",
    f"{ADM}.test_list_domains[id-8cf516ef]",
    f"{ADM}.test_create_domain_with_disabled_status[id-036df86e]",
    f"{ADM}.test_security_compliance[id-00000001]",
    f"{IMG}.test_delete_image[id-f848bb94,smoke]",
    f"{IMG}.test_update_image[id-f66891a7]",
    f"{IMG}.test_register_upload_get_image_file[id-139b765e]",
    f"{SW}.test_read_object_with_rights[id-a3270f3f]",
    f"{SW}.test_write_object_with_rights[id-aa58bfa5]",
]


def stream(events):
    """events: (test_id, status, reason) in order; returns subunit v2 bytes like stestr's."""
    buf = io.BytesIO()
    out = subunit.StreamResultToBytes(buf)
    t = datetime.datetime(2026, 11, 23, 12, 0, 0, tzinfo=datetime.timezone.utc)
    for test_id, status, reason in events:
        out.status(test_id=test_id, test_status="inprogress", timestamp=t)
        t += datetime.timedelta(seconds=2)
        kwargs = {}
        if reason:
            kwargs = dict(file_name="reason" if status == "skip" else "traceback",
                          file_bytes=reason.encode(), mime_type="text/plain; charset=utf8")
        out.status(test_id=test_id, test_status=status, timestamp=t, test_tags={"worker-0"}, **kwargs)
    return buf.getvalue()


class TempestResultsTest(unittest.TestCase):
    def run_script(self, events, selected=SELECTED):
        d = tempfile.mkdtemp()
        path = os.path.join(d, "results.subunit")
        with open(path, "wb") as f:
            f.write(stream(events))
        args = [sys.executable, SCRIPT, path, "--failed-file", os.path.join(d, "failed.txt"),
                "--json", os.path.join(d, "summary.json")]
        if selected is not None:
            with open(os.path.join(d, "selected.txt"), "w") as f:
                f.write("\n".join(selected) + "\n")
            args += ["--tests", os.path.join(d, "selected.txt")]
        p = subprocess.run(args, capture_output=True, text=True)
        with open(os.path.join(d, "failed.txt")) as f:
            failed = f.read().split()
        with open(os.path.join(d, "summary.json")) as f:
            summary = json.load(f)
        return p, failed, summary

    def test_counts_class_level_skip_per_test_and_reports_failures(self):
        events = [
            (SELECTED[0], "success", None),
            (SELECTED[1], "success", None),
            (SELECTED[2], "fail", "Traceback...\nAssertionError: 200 != 201"),
            (SELECTED[3], "success", None),
            (SELECTED[4], "xfail", None),
            (SELECTED[5], "skip", "Security compliance not available"),
            # Tempest: glance unavailable -> one entry for the whole class
            (f"setUpClass ({IMG})", "skip", "Glance is not available."),
            (f"setUpClass ({SW})", "fail", "Traceback...\nConnectionResetError: reset by peer"),
            (f"tearDownClass ({ID})", "fail", "Traceback...\nNotFound: user not found"),
        ]
        p, failed, summary = self.run_script(events)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertEqual(p.stdout.strip().splitlines()[-1], "4 passed, 3 failed, 4 skipped")
        self.assertEqual(failed, [SELECTED[2], SELECTED[9], SELECTED[10]])
        s = summary["services"]
        self.assertEqual(s["identity"], {"total": 6, "passed": 4, "failed": 1, "skipped": 1, "seconds": 12.0})
        self.assertEqual(s["image"]["skipped"], 3)
        self.assertEqual(s["object-store"]["failed"], 2)
        self.assertIn("ConnectionResetError", p.stdout)
        self.assertEqual(summary["cleanup_errors"], [f"tearDownClass ({ID})"])

    def test_selected_test_without_result_is_a_failure(self):
        events = [(t, "success", None) for t in SELECTED[:-1]]
        p, failed, _ = self.run_script(events)
        self.assertEqual(p.stdout.strip().splitlines()[-1], "10 passed, 1 failed, 0 skipped")
        self.assertEqual(failed, [SELECTED[-1]])
        self.assertIn("not run", p.stdout)

    def test_all_green_exits_zero_and_writes_an_empty_failed_file(self):
        p, failed, summary = self.run_script([(t, "success", None) for t in SELECTED])
        self.assertEqual(p.returncode, 0)
        self.assertEqual(failed, [])
        self.assertEqual(summary["totals"], {"total": 11, "passed": 11, "failed": 0, "skipped": 0})
        self.assertEqual(p.stdout.strip().splitlines()[-1], "11 passed, 0 failed, 0 skipped")

    def test_ids_match_without_attributes(self):
        # stestr may report an id without Tempest's [id-...] attributes (e.g. a renamed tag list)
        events = [(t.split("[")[0], "success", None) for t in SELECTED]
        p, failed, _ = self.run_script(events)
        self.assertEqual(p.stdout.strip().splitlines()[-1], "11 passed, 0 failed, 0 skipped")

    def test_without_a_test_list_each_class_entry_counts_once(self):
        events = [(SELECTED[0], "success", None), (f"setUpClass ({IMG})", "skip", "Glance is not available.")]
        p, _, _ = self.run_script(events, selected=None)
        self.assertEqual(p.stdout.strip().splitlines()[-1], "1 passed, 0 failed, 1 skipped")


if __name__ == "__main__":
    unittest.main()
