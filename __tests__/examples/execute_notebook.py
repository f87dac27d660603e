"""Executes a notebook the way the notebook contract says an engine does.

Usage: execute_notebook.py NOTEBOOK EXECUTED PARAMS_JSON
Inserts a code cell tagged `injected-parameters` right after the cell tagged `parameters`
(papermill's placement), runs every cell with nbclient in the notebook's kernelspec, and
writes the executed notebook (also when a cell fails, then exits 1).
"""

import json
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(src: str, dst: str, params_json: str) -> int:
    nb = nbformat.read(src, as_version=4)
    params = json.loads(params_json)
    source = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next(
        (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), 0
    )
    nb.cells.insert(at, cell)
    client = NotebookClient(nb, timeout=300, kernel_name=nb.metadata["kernelspec"]["name"])
    try:
        client.execute()
    except CellExecutionError as e:
        nbformat.write(nb, dst)
        print(str(e)[-3000:], file=sys.stderr)
        return 1
    nbformat.write(nb, dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
