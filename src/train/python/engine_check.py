"""Preflight of the interpreter that will run the notebook (model-retrain-action).

Prints one JSON object: the interpreter, the modules it lacks among those given, and whether
the kernel named with --kernel can be found by jupyter_client (as nbclient will look it up).
Imports nothing that could be missing before it has checked for it.
"""
import argparse
import importlib.util
import json
import sys


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
    if args.kernel and importlib.util.find_spec("jupyter_client") is not None:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

        try:
            spec = KernelSpecManager().get_kernel_spec(args.kernel)
            result["kernel"] = {"name": args.kernel, "found": True, "argv0": spec.argv[0] if spec.argv else None}
        except NoSuchKernel:
            names = sorted(KernelSpecManager().find_kernel_specs())
            result["kernel"] = {"name": args.kernel, "found": False, "available": names}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
