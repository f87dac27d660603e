#!/usr/bin/env bash
# npm test: the whole suite on a fresh machine. Installs what it needs (Python test environment,
# Debian's prometheus, Node 24, Debian's chromium), type-checks, rebuilds the bundle the end-to-end tests execute,
# and runs every test against real components. Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev --with-prometheus --with-node24 --with-chromium
export PATH="$PWD/.cache/venv/bin:$PATH"

echo "▶ type check"; npx tsc --noEmit
echo "▶ lint"; npx eslint --max-warnings=0 . && npx prettier --check . >/dev/null
echo "▶ bundle"; npm run -s bundle
if [ -n "${CI:-}" ] && [ -e .git ] && [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ is stale: run \`npm run bundle\` and commit dist/" >&2
  exit 1
fi
node scripts/gen-readme.mjs --check

echo "▶ tests"
mkdir -p .cache
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(".cache/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' || true
exit $status
