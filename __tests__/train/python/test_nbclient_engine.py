"""Unit tests of the built-in engine (src/train/python/nbclient_engine.py), no kernel needed.
Run by __tests__/train/engine-python.test.ts with the venv's python (python -m unittest)."""
import json
import os
import sys
import tempfile
import unittest

import nbformat

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "src", "train", "python"))

import nbclient_engine as engine  # noqa: E402


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    for source, tags in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    return nb


def load(nb):
    with tempfile.NamedTemporaryFile("w", suffix=".ipynb", delete=False) as f:
        nbformat.write(nb, f)
    try:
        return engine.load_notebook(f.name)
    finally:
        os.unlink(f.name)


class TranslateTest(unittest.TestCase):
    def test_values_render_as_papermill_renders_them(self):
        cases = [
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (4.0, "4.0"),
            (1e-7, "1e-07"),
            (3, "3"),
            (True, "True"),
            (None, "None"),
            ("h\xe9 \"q\"", '"h\\xe9 \\"q\\""'),
            (float("nan"), "float('nan')"),
            (float("-inf"), "float('-inf')"),
            ([1, 2.0, None], "[1, 2.0, None]"),
            ({"a": {1: False}}, '{"a": {"1": False}}'),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(engine.translate(value), expected)

    def test_codify_keeps_order(self):
        self.assertEqual(engine.codify({"b": 1, "a": 0.5}), "# Parameters\nb = 1\na = 0.5\n")


class ReadParametersTest(unittest.TestCase):
    def read(self, suffix, text):
        with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as f:
            f.write(text)
        try:
            return engine.read_parameters(f.name)
        finally:
            os.unlink(f.name)

    def test_json_keeps_floats_and_non_finite(self):
        got = self.read(".json", '{"a": 1.0, "b": -0.0, "c": NaN, "d": 2}')
        self.assertIsInstance(got["a"], float)
        self.assertEqual(str(got["b"]), "-0.0")
        self.assertNotEqual(got["c"], got["c"])
        self.assertIsInstance(got["d"], int)

    def test_yaml_like_papermill_dates_stay_strings(self):
        got = self.read(".yaml", "d: 2024-01-02\nf: !!float 1\nx: off\n")
        self.assertEqual(got, {"d": "2024-01-02", "f": 1.0, "x": False})
        self.assertIsInstance(got["f"], float)


class ParameterizeTest(unittest.TestCase):
    def test_injected_after_the_parameters_cell(self):
        nb = load(notebook(("import os", []), ("x = 1", ["parameters"]), ("print(x)", [])))
        out = engine.parameterize(nb, {"x": 2.0}, None, None)
        self.assertEqual([c.metadata.tags for c in out.cells], [[], ["parameters"], ["injected-parameters"], []])
        self.assertEqual(out.cells[2].source, "# Parameters\nx = 2.0\n")
        self.assertEqual(out.metadata.papermill["parameters"], {"x": 2.0})

    def test_without_a_parameters_cell_injected_first_with_papermills_warning(self):
        nb = load(notebook(("print(x)", [])))
        with self.assertLogs("papermill", "WARNING") as logs:
            out = engine.parameterize(nb, {"x": 1}, None, None)
        self.assertEqual(out.cells[0].metadata.tags, ["injected-parameters"])
        self.assertIn("Input notebook does not contain a cell with tag 'parameters'", logs.output[0])

    def test_replaces_an_earlier_injected_cell_in_place(self):
        nb = load(notebook(("x = 1", ["parameters"]), ("x = 5", ["injected-parameters"]), ("y", [])))
        out = engine.parameterize(nb, {"x": 3}, None, None)
        self.assertEqual(len(out.cells), 3)
        self.assertEqual(out.cells[1].source, "# Parameters\nx = 3\n")

    def test_unknown_parameter_warns(self):
        nb = load(notebook(("x = 1  # comment\ny: int = 2", ["parameters"])))
        self.assertEqual(engine.declared_parameters(nb.cells[0]), {"x", "y"})
        with self.assertLogs("papermill", "WARNING") as logs:
            engine.parameterize(nb, {"z": 1}, None, None)
        self.assertIn("Passed unknown parameter: z", logs.output[0])

    def test_no_kernel_name_is_papermills_error(self):
        nb = load(notebook(("x = 1", ["parameters"])))
        del nb.metadata["kernelspec"]
        with self.assertRaisesRegex(ValueError, "No kernel name found"):
            engine.parameterize(nb, {"x": 1}, None, None)


class ErrorMarkersTest(unittest.TestCase):
    def test_markers_inserted_and_error_raised(self):
        nb = load(notebook(("x = 1", ["parameters"]), ("raise ValueError('boom')", [])))
        nb.cells[1].execution_count = 2
        nb.cells[1].outputs = [
            nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=["\x1b[31mValueError\x1b[0m: boom"])
        ]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "out.ipynb")
            with self.assertRaises(engine.PapermillExecutionError) as ctx:
                engine.raise_for_execution_errors(nb, path)
            self.assertIn('Exception encountered at "In [2]"', str(ctx.exception))
            self.assertNotIn("\x1b", str(ctx.exception))
            with open(path, encoding="utf-8") as f:
                saved = json.load(f)
        tags = [c["metadata"].get("tags") for c in saved["cells"]]
        self.assertEqual(tags[0], [engine.ERROR_MARKER_TAG])
        self.assertEqual(tags[2], [engine.ERROR_MARKER_TAG])
        self.assertIn("In [2]", "".join(saved["cells"][0]["source"]))

    def test_sys_exit_zero_is_not_an_error(self):
        nb = load(notebook(("import sys; sys.exit(0)", [])))
        nb.cells[0].outputs = [nbformat.v4.new_output("error", ename="SystemExit", evalue="0", traceback=[])]
        engine.raise_for_execution_errors(nb, "/nonexistent/never-written.ipynb")


class QuickJsonTest(unittest.TestCase):
    def test_quick_save_equals_nbformat_content(self):
        nb = load(notebook(("print('a\\nb')", ["parameters"]), ("1", [])))
        nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="a\nb\n")]
        quick = json.loads(engine.quick_json(nb, {}))
        full = json.loads(nbformat.writes(nb))
        self.assertEqual(quick, full)


if __name__ == "__main__":
    unittest.main()
