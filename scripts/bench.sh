#!/usr/bin/env bash
# npm run bench [-- NAME…]: compiles the benches and runs them; one JSON line per case on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev --with-prometheus >&2
export PATH="$PWD/.cache/venv/bin:$PATH"
[ -f dist/index.js ] || npm run -s bundle >&2
npx tsc -p tsconfig.json --noEmit false --outDir build >&2
exec node build/bench/run.js "$@"
