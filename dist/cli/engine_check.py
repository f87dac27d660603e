"""Preflight of the interpreter that will run the notebook (model-retrain-action).

Prints one JSON object: the interpreter, the modules it lacks among those given, and whether
the kernel named with --kernel can be found by jupyter_client (as nbclient will look it up).
Imports nothing that could be missing before it has checked for it.
"""
import argparse
import importlib.util
import json
import os
import sys


def find_kernel(name):
    """Whether jupyter_client would find kernel `name`: a kernel.json in a folder of that name
    on the Jupyter path, or python3 from ipykernel itself. Reads the folders instead of
    importing jupyter_client, which costs several times more than the rest of this check."""
    from jupyter_core.paths import jupyter_path

    available = set()
    for folder in jupyter_path("kernels"):
        if os.path.isdir(folder):
            for entry in os.listdir(folder):
                if os.path.isfile(os.path.join(folder, entry, "kernel.json")):
                    available.add(entry.lower())
    if importlib.util.find_spec("ipykernel") is not None:
        available.add("python3")
    return name.lower() in available, sorted(available)


def main(argv):
    p = argparse.ArgumentParser(prog="engine-check")
    p.add_argument("--modules", default="")
    p.add_argument("--kernel")
    args = p.parse_args(argv)
    modules = [m for m in args.modules.split(",") if m]
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    result = {
        "executable": sys.executable,
        "version": "%d.%d.%d" % sys.version_info[:3],
        "missing": missing,
        "kernel": None,
    }
    if args.kernel and importlib.util.find_spec("jupyter_core") is not None:
        found, available = find_kernel(args.kernel)
        result["kernel"] = {"name": args.kernel, "found": found, "available": available}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
