"""Prints, as JSON, the cell the built-in engine injects for each parameters file given
(.json as the action writes it for the engine, .yaml read as papermill reads it)."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "src", "train", "python"))

import nbclient_engine  # noqa: E402

print(json.dumps([nbclient_engine.codify(nbclient_engine.read_parameters(p)) for p in sys.argv[1:]]))
