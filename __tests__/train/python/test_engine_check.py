"""Unit tests of the interpreter preflight (src/train/python/engine_check.py)."""
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "src", "train", "python"))

import engine_check  # noqa: E402


class EngineCheckTest(unittest.TestCase):
    def test_finds_a_kernel_on_the_jupyter_path_and_lists_the_others(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "kernels", "Conda-Env"))
            with open(os.path.join(d, "kernels", "Conda-Env", "kernel.json"), "w") as f:
                f.write("{}")
            os.makedirs(os.path.join(d, "kernels", "empty-folder"))
            with mock.patch.dict(os.environ, {"JUPYTER_PATH": d}):
                found, available = engine_check.find_kernel("conda-env")
                missing, _ = engine_check.find_kernel("nope")
        self.assertTrue(found)
        self.assertFalse(missing)
        self.assertIn("conda-env", available)
        self.assertIn("python3", available)  # ipykernel is installed here
        self.assertNotIn("empty-folder", available)

    def test_reports_missing_modules_as_json(self):
        out = io.StringIO()
        with redirect_stdout(out):
            engine_check.main(["--modules", "json,no_such_module_x", "--kernel", "python3"])
        report = json.loads(out.getvalue())
        self.assertEqual(report["missing"], ["no_such_module_x"])
        self.assertEqual(report["executable"], sys.executable)
        self.assertTrue(report["kernel"]["found"])


if __name__ == "__main__":
    unittest.main()
