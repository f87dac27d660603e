"""Runs a notebook like papermill does, on nbclient (model-retrain-action's built-in engine)."""
import argparse
import datetime
import json
import logging
import math
import os
import re
import signal
import sys
import traceback
from contextlib import contextmanager

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbclient.util import ensure_async, run_sync

VERSION = "nbclient-engine-1"
log = logging.getLogger("papermill")

ERROR_MARKER_TAG = "papermill-error-cell-tag"
ERROR_STYLE = 'style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;"'
ERROR_MESSAGE_TEMPLATE = (
    "<span " + ERROR_STYLE + ">An Exception was encountered at "
    "'<a href=\"#papermill-error-cell\">In [%s]</a>'.</span>"
)
ERROR_ANCHOR_MSG = (
    '<span id="papermill-error-cell" ' + ERROR_STYLE + ">"
    "Execution using papermill encountered an exception here and stopped:"
    "</span>"
)
COLORS = re.compile("\x1b\\[(K|.*?m)")
PARAMETER_NAME = re.compile(r"^(?P<target>\w[\w_]*)\s*(:[^=]*)?=")


class PapermillExecutionError(Exception):
    """Same text as papermill's, so both engines fail with the same stderr."""

    def __init__(self, cell_index, exec_count, source, ename, evalue, tb):
        super().__init__(cell_index, exec_count, source, ename, evalue, tb)
        self.cell_index = cell_index
        self.exec_count = exec_count
        self.traceback = tb

    def __str__(self):
        message = "\n" + 75 * "-" + "\n"
        message += 'Exception encountered at "In [%s]":\n' % self.exec_count
        message += COLORS.sub("", "\n".join(self.traceback))
        return message + "\n"


def now():
    return datetime.datetime.now(datetime.timezone.utc)


# Parameters: papermill's PythonTranslator (without black).
def translate_str(val):
    val = val.encode("unicode_escape").decode("utf-8").replace('"', r'\"')
    return '"%s"' % val


def translate(val):
    if val is None:
        return "None"
    if isinstance(val, str):
        return translate_str(val)
    if isinstance(val, bool):
        return str(val)
    if isinstance(val, int):
        return str(val)
    if isinstance(val, float):
        if math.isfinite(val):
            return str(val)
        if math.isnan(val):
            return "float('nan')"
        return "float('-inf')" if val < 0 else "float('inf')"
    if isinstance(val, dict):
        return "{" + ", ".join(translate_str(str(k)) + ": " + translate(v) for k, v in val.items()) + "}"
    if isinstance(val, list):
        return "[" + ", ".join(translate(v) for v in val) + "]"
    return '"%s"' % val


def codify(parameters):
    content = "# Parameters\n"
    for name, val in parameters.items():
        content += "%s = %s\n" % (name, translate(val))
    return content


def read_parameters(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    import yaml

    class NoDatesSafeLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = {
            k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
            for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    return yaml.load(text, Loader=NoDatesSafeLoader)


def declared_parameters(cell):
    names = set()
    for line in cell.source.splitlines():
        m = PARAMETER_NAME.match(line)
        if m:
            names.add(m.group("target"))
    return names


def first_tagged(nb, tag):
    for idx, cell in enumerate(nb.cells):
        if tag in cell.metadata.tags:
            return idx
    return -1


def kernel_name_of(nb, name):
    name = name or nb.metadata.get("kernelspec", {}).get("name")
    if not name:
        raise ValueError("No kernel name found in notebook and no override provided.")
    return name


def language_of(nb, language):
    language = language or nb.metadata.get("language_info", {}).get("name")
    if not language:
        language = nb.metadata.get("kernelspec", {}).get("language")
    if not language:
        raise ValueError("No language found in notebook and no override provided.")
    return language


def load_notebook(path):
    with open(path, encoding="utf-8") as f:
        nb = nbformat.reads(f.read(), as_version=4)
    upgraded = nbformat.v4.upgrade(nb)
    if upgraded is not None:
        nb = upgraded
    if "papermill" not in nb.metadata:
        nb.metadata["papermill"] = {
            "default_parameters": {},
            "parameters": {},
            "environment_variables": {},
            "version": VERSION,
        }
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])
        cell.metadata.setdefault("papermill", {})
    return nb


SPLIT_MIMES = {"application/javascript", "image/svg+xml"}


def split_bundle(bundle):
    return {
        k: v.splitlines(True) if isinstance(v, str) and (k.startswith("text/") or k in SPLIT_MIMES) else v
        for k, v in bundle.items()
    }


def split_output(out):
    if out.get("output_type") in ("execute_result", "display_data") and "data" in out:
        return {**out, "data": split_bundle(out["data"])}
    if out.get("output_type") == "stream" and isinstance(out.get("text"), str):
        return {**out, "text": out["text"].splitlines(True)}
    return out


def cell_json(cell):
    """One cell as nbformat writes it (split lines, transient keys dropped), compact."""
    c = {**cell, "metadata": {k: v for k, v in cell.metadata.items() if k != "trusted"}}
    if isinstance(c.get("source"), str):
        c["source"] = c["source"].splitlines(True)
    if "attachments" in c:
        c["attachments"] = {k: split_bundle(v) for k, v in c["attachments"].items()}
    if c.get("cell_type") == "code":
        c["outputs"] = [split_output(o) for o in c.get("outputs", [])]
    return compact_json(c)


def compact_json(doc):
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=lambda o: o.decode("ascii"))


def quick_json(nb, cached):
    """The notebook's JSON for saves during the run, without nbformat's deep copy and with
    the JSON of cells that have not changed since the last save reused from `cached`
    (index -> JSON): a save costs the cells that changed, not the whole notebook."""
    meta = {k: v for k, v in nb.metadata.items() if k not in ("orig_nbformat", "orig_nbformat_minor", "signature")}
    cells = []
    for index, cell in enumerate(nb.cells):
        if index not in cached:
            cached[index] = cell_json(cell)
        cells.append(cached[index])
    rest = compact_json({**nb, "metadata": meta, "cells": []})
    # "cells" sorts first: splice the cells' JSON into its empty list.
    assert rest.startswith('{"cells":[]')
    return '{"cells":[' + ",".join(cells) + "]" + rest[len('{"cells":[]'):]


def write_notebook(nb, path, cached=None):
    # Saves during the run (with a cache) skip schema validation, indentation and unchanged
    # cells, whose cost would grow with every cell; the final save goes through nbformat as
    # papermill's does. Write then rename: a run killed mid-save leaves the previous notebook.
    text = nbformat.writes(nb) if cached is None else quick_json(nb, cached)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def parameterize(nb, parameters, kernel_name, language):
    kernel_name = kernel_name_of(nb, kernel_name)
    lang = language_of(nb, language)
    if kernel_name not in ("python", "pysparkkernel") and lang != "python":
        raise Exception(
            "No parameter translator functions specified for kernel '%s' or language '%s'"
            % (kernel_name, lang)
        )
    param_idx = first_tagged(nb, "parameters")
    if param_idx >= 0:
        declared = declared_parameters(nb.cells[param_idx])
        for p in parameters:
            if p not in declared:
                log.warning("Passed unknown parameter: %s" % p)
    nb = nbformat.v4.upgrade(nb) or nb
    cell = nbformat.v4.new_code_cell(source=codify(parameters))
    cell.metadata["tags"] = ["injected-parameters"]
    injected_idx = first_tagged(nb, "injected-parameters")
    if injected_idx >= 0:
        before, after = nb.cells[:injected_idx], nb.cells[injected_idx + 1 :]
    elif param_idx >= 0:
        before, after = nb.cells[: param_idx + 1], nb.cells[param_idx + 1 :]
    else:
        log.warning("Input notebook does not contain a cell with tag 'parameters'")
        before, after = [], nb.cells
    nb.cells = before + [cell] + after
    nb.metadata.papermill["parameters"] = parameters
    return nb


class Manager:
    """Execution state and saves (papermill's NotebookExecutionManager, no progress bar)."""

    def __init__(self, nb, output_path, log_output, autosave_every):
        self.nb = nb
        self.output_path = output_path
        self.log_output = log_output
        self.autosave_every = autosave_every
        self.start_time = None
        self.last_save = now()
        self.cached = {}

    def changed(self, index=None):
        """Cell `index` (every cell when None) changed since the last save."""
        if index is None:
            self.cached.clear()
        else:
            self.cached.pop(index, None)

    def save(self, final=False):
        write_notebook(self.nb, self.output_path, None if final else self.cached)
        self.last_save = now()

    def autosave(self):
        if self.autosave_every and (now() - self.last_save).total_seconds() >= self.autosave_every:
            self.save()

    def notebook_start(self):
        self.start_time = now()
        pm = self.nb.metadata.papermill
        pm["start_time"] = self.start_time.isoformat()
        pm["end_time"] = None
        pm["duration"] = None
        pm["exception"] = None
        for cell in self.nb.cells:
            if cell.get("cell_type") == "code":
                cell.execution_count = None
                cell.outputs = []
            cell.metadata.papermill = dict(
                exception=None, start_time=None, end_time=None, duration=None, status="pending"
            )
        self.changed()
        self.save()

    def cell_start(self, cell, index):
        if self.log_output:
            log.info("Executing Cell {:-<40}".format(index + 1))
        cell.metadata.papermill["start_time"] = now().isoformat()
        cell.metadata.papermill["status"] = "running"
        cell.metadata.papermill["exception"] = False
        self.changed(index)
        self.save()

    def cell_exception(self, cell):
        cell.metadata.papermill["exception"] = True
        cell.metadata.papermill["status"] = "failed"
        self.nb.metadata.papermill["exception"] = True

    def cell_complete(self, cell, index):
        end = now()
        if self.log_output:
            log.info("Ending Cell {:-<43}".format(index + 1))
            sys.stdout.flush()
            sys.stderr.flush()
        pm = cell.metadata.papermill
        pm["end_time"] = end.isoformat()
        if pm.get("start_time"):
            start = datetime.datetime.fromisoformat(pm["start_time"])
            pm["duration"] = (end - start).total_seconds()
        if pm["status"] != "failed":
            pm["status"] = "completed"
        self.changed(index)
        self.save()

    def notebook_complete(self):
        end = now()
        pm = self.nb.metadata.papermill
        pm["end_time"] = end.isoformat()
        if pm.get("start_time"):
            pm["duration"] = (end - self.start_time).total_seconds()
        for cell in self.nb.cells:
            if cell.metadata.papermill["status"] == "failed":
                break
            if cell.metadata.papermill["status"] == "pending":
                cell.metadata.papermill["status"] = "completed"
        self.save(final=True)


class Client(NotebookClient):
    def __init__(self, man, stdout_file, stderr_file, **kw):
        super().__init__(man.nb, raise_on_iopub_timeout=True, **kw)
        self.man = man
        self.stdout_file = stdout_file
        self.stderr_file = stderr_file

    def run(self):
        self.reset_execution_trackers()
        with self.setup_kernel():
            log.info("Executing notebook with kernel: %s" % self.kernel_name)
            for index, cell in enumerate(self.nb.cells):
                try:
                    self.man.cell_start(cell, index)
                    self.execute_cell(cell, index)
                except CellExecutionError:
                    self.man.cell_exception(self.nb.cells[index])
                    break
                finally:
                    self.man.cell_complete(self.nb.cells[index], index)
            info = self.wait_for_reply(self.kc.kernel_info())
            self.nb.metadata["language_info"] = info["content"]["language_info"]
            self.set_widgets_metadata()
            self.stop_kernel()

    def stop_kernel(self):
        """Asks the kernel to shut down and waits for it to exit (SIGTERM, then SIGKILL, only if
        it does not). Left to nbclient, jupyter_client interrupts the kernel (SIGINT) before the
        shutdown request: a kernel still inside a message handler then logs "KeyboardInterrupt
        caught in kernel." after a run that succeeded. Once the kernel has exited, nbclient's
        cleanup finds nothing alive and sends nothing."""
        km = self.km

        async def stop():
            if await ensure_async(km.is_alive()):
                await ensure_async(km.request_shutdown())
                await ensure_async(km.finish_shutdown())

        run_sync(stop)()

    def process_message(self, msg, cell, cell_index):
        # A display update may rewrite the outputs of any earlier cell.
        transient = msg.get("content", {}).get("transient")
        self.man.changed(None if transient and transient.get("display_id") else cell_index)
        output = super().process_message(msg, cell, cell_index)
        self.man.autosave()
        if output is not None:
            self.log_output_message(output)
        return output

    def log_output_message(self, output):
        if output.output_type == "stream":
            content = "".join(output.text)
            sink = self.stdout_file if output.name == "stdout" else self.stderr_file
            if self.man.log_output:
                (log.info if output.name == "stdout" else log.warning)(content)
            if sink:
                sink.write(content)
                sink.flush()
        elif self.man.log_output and "data" in output and "text/plain" in output.data:
            log.info("".join(output.data["text/plain"]))


def raise_for_execution_errors(nb, output_path):
    error = None
    for index, cell in enumerate(nb.cells):
        has_sys_exit = False
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                if output.ename == "SystemExit" and output.evalue in ("", "0"):
                    has_sys_exit = True
                    continue
                error = PapermillExecutionError(
                    index, cell.execution_count, cell.source, output.ename, output.evalue,
                    output.traceback,
                )
                break
        if error is None and not has_sys_exit and cell.get("metadata", {}).get("papermill", {}).get("exception") is True:
            error = PapermillExecutionError(
                index, cell.execution_count, cell.source, "CellExecutionError", "", []
            )
            break
    if error:
        marker = nbformat.v4.new_markdown_cell(ERROR_MESSAGE_TEMPLATE % str(error.exec_count))
        marker.metadata["tags"] = [ERROR_MARKER_TAG]
        anchor = nbformat.v4.new_markdown_cell(ERROR_ANCHOR_MSG)
        anchor.metadata["tags"] = [ERROR_MARKER_TAG]
        nb = nbformat.v4.upgrade(nb) or nb
        nb.cells.insert(error.cell_index, anchor)
        nb.cells.insert(0, marker)
        write_notebook(nb, output_path)
        raise error


@contextmanager
def chdir(path):
    if path is None:
        yield
        return
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="nbclient-engine")
    p.add_argument("notebook_path")
    p.add_argument("output_path")
    p.add_argument("-f", "--parameters_file", action="append", default=[])
    p.add_argument("-k", "--kernel")
    p.add_argument("-l", "--language")
    p.add_argument("--cwd")
    p.add_argument("--start-timeout", "--start_timeout", type=int, default=60)
    p.add_argument("--execution-timeout", type=int)
    p.add_argument("--autosave-cell-every", type=int, default=30)
    p.add_argument("--log-output", action="store_true")
    p.add_argument("--no-progress-bar", action="store_true")
    p.add_argument("--stdout-file")
    p.add_argument("--stderr-file")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    parameters = {}
    for path in args.parameters_file:
        parameters.update(read_parameters(path) or {})
    input_path, output_path = args.notebook_path, args.output_path
    log.info("Input Notebook:  %s" % input_path)
    log.info("Output Notebook: %s" % output_path)
    out_dir = os.path.dirname(os.path.abspath(output_path))
    if not os.path.isdir(out_dir):
        raise FileNotFoundError("output folder %s doesn't exist." % out_dir)
    output_path = os.path.abspath(output_path)
    if args.cwd is not None:
        log.info("Working directory: %s" % args.cwd)
    nb = load_notebook(input_path)
    if parameters:
        nb = parameterize(nb, parameters, args.kernel, args.language)
    nb.metadata.papermill["input_path"] = input_path
    nb.metadata.papermill["output_path"] = args.output_path
    nb.cells = [c for c in nb.cells if ERROR_MARKER_TAG not in c.metadata.get("tags", [])]
    kernel_name = kernel_name_of(nb, args.kernel)
    stdout_file = open(args.stdout_file, "a", encoding="utf-8") if args.stdout_file else None
    stderr_file = open(args.stderr_file, "a", encoding="utf-8") if args.stderr_file else None
    man = Manager(nb, output_path, args.log_output, args.autosave_cell_every)
    with chdir(args.cwd):
        man.notebook_start()
        try:
            Client(
                man,
                stdout_file,
                stderr_file,
                timeout=args.execution_timeout or None,
                startup_timeout=args.start_timeout,
                kernel_name=kernel_name,
                log=log,
            ).run()
        finally:
            man.notebook_complete()
    raise_for_execution_errors(man.nb, output_path)
    write_notebook(man.nb, output_path)


def on_sigterm(signum, frame):
    # Unwind like SIGINT so the kernel is shut down and the notebook finalised.
    raise KeyboardInterrupt()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        main(sys.argv[1:])
    except DeadKernelError:
        traceback.print_exc()
        sys.exit(138)
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
