#!/usr/bin/env bash
# Installs what the demo and the tests need, idempotently:
#   - a Python venv in .cache/venv with Jupyter kernels, nbclient, numpy and scikit-learn
#     (requirements-demo.txt: all the demo needs); with --dev also scipy, moto and torch for the
#     tests and benchmarks (requirements-dev.txt)
#   - Debian's prometheus (tests only: pass --with-prometheus)
#   - Node 24 from the npm registry's `node` package (tests only: pass --with-node24)
#   - Debian's chromium and an emoji font, for the summary screenshots (tests only: --with-chromium)
# Packages come from the machine's configured Python index; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/venv
want_prom=0 want_node24=0 want_dev=0 want_chromium=0
for a in "$@"; do
  case "$a" in
    --dev) want_dev=1 ;;
    --with-prometheus) want_prom=1 ;;
    --with-node24) want_node24=1 ;;
    --with-chromium) want_chromium=1 ;;
  esac
done

log() { printf '[setup] %s\n' "$*" >&2; }

if [ ! -d node_modules ]; then
  log "installing npm dependencies"
  npm ci --no-audit --no-fund >&2
fi

# One stamp per set: a venv made for the tests already holds everything the demo needs.
if [ "$want_dev" = 1 ]; then set_name=dev; else set_name=demo; fi
requirements="requirements-$set_name.txt"
stamp="$venv/.requirements-$set_name.sha"
want_sha=$(cat requirements-demo.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
[ "$set_name" = demo ] && want_sha=$(sha256sum requirements-demo.txt | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_sha" ]; then
  log "creating Python environment in $venv ($requirements)"
  python3 -m venv --system-site-packages "$venv"
  # --retries 0: where the default index is unreachable the local indexes answer at once.
  "$venv/bin/python" -m pip install --disable-pip-version-check --retries 0 -q -r "$requirements" >&2
  "$venv/bin/python" -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (model-retrain)" >/dev/null
  echo "$want_sha" >"$stamp"
fi

if [ "$want_prom" = 1 ] && ! command -v prometheus >/dev/null; then
  log "installing Debian's prometheus"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq prometheus >&2
  # The package starts a system service; tests run their own servers on free ports.
  ($SUDO systemctl stop prometheus prometheus-node-exporter >/dev/null 2>&1 || true)
fi

if [ "$want_node24" = 1 ] && [ ! -x .cache/node24/bin/node ]; then
  log "installing Node 24 into .cache/node24"
  npm install --no-save --no-audit --no-fund --prefix .cache/node24-pkg node@24 >&2
  mkdir -p .cache/node24/bin
  ln -sf "$(pwd)/$(ls -d .cache/node24-pkg/node_modules/node/bin/node)" .cache/node24/bin/node
fi

if [ "$want_chromium" = 1 ] && ! command -v chromium >/dev/null; then
  log "installing Debian's chromium (summary screenshots)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-color-emoji >&2
fi
