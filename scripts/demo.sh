#!/usr/bin/env bash
# npm run demo: the whole loop three times on the example model, with the action's CLI.
#   1. healthy metrics, nothing published yet  → cold start: train, publish version 1
#   2. drifted metrics (confidence sinks)      → retrain on fresh data, publish version 2, move the alias
#   3. healthy metrics again                   → skip: nothing is trained
#   4. a performance-only policy, drift but accuracy holds → skip (check mode)
#   5. the same policy, accuracy dropped 0.90 → 0.83       → retrain (check mode)
# Everything it writes stays in .demo/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.cache/venv/bin:$PATH"
[ -f dist/cli/index.js ] || npm run -s bundle

rm -rf .demo && mkdir -p .demo
example=examples/reviews/model-retrain.yml
# Each run sees a different production: the demo swaps the metrics file and the training data.
stage() { # stage NAME METRICS DRIFT
  sed -e "s#examples/reviews/metrics/[a-z]*\.csv#examples/reviews/metrics/$2.csv#" \
      -e "s#drift: [a-z]*#drift: $3#" "$example" >".demo/$1.yml"
  # Three runs within a minute: lift the 6h cooldown that normally stops retrain storms.
  printf 'trigger:\n  cooldown: 0\n' >>".demo/$1.yml"
}
stage healthy healthy false
stage drifted drifted true

run() { # run TITLE CONFIG
  printf '\n\033[1m━━ %s\033[0m\n' "$1"
  # The demo's registry is a folder of the checkout, thrown away on purpose (also inside Actions).
  MODEL_RETRAIN_THROWAWAY_REGISTRY=true GITHUB_RUN_ID="demo-$2-$(date +%s%N)" node dist/cli/index.js \
    --config ".demo/$2.yml" --event schedule --report-dir .demo/reports
}
run "Run 1: healthy production, no model published yet (cold start)" healthy
run "Run 2: production confidence has sunk (drifted traffic)" drifted
run "Run 3: healthy again" healthy

# A performance-only policy (examples/reviews/model-retrain-performance.yml): the gate checks the
# prediction log joined with its late labels; drift is reported, accuracy decides. Check mode only.
perf=examples/reviews/model-retrain-performance.yml
# The same registry as runs 1–3 (its champion is the model whose log this is); no cooldown.
{ cat "$perf"; printf 'trigger:\n  cooldown: 0\n'; } >.demo/perf-healthy.yml
sed -e 's#predictions/healthy/#predictions/dropped/#g' .demo/perf-healthy.yml >.demo/perf-dropped.yml
check() { # check TITLE CONFIG
  printf '\n\033[1m━━ %s\033[0m\n' "$1"
  GITHUB_RUN_ID="demo-$2-$(date +%s%N)" node dist/cli/index.js --mode check \
    --config ".demo/$2.yml" --event schedule --report-dir .demo/reports || true
}
check "Run 4: confidence drifted, accuracy holds (decide_on: performance) → no retrain" perf-healthy
check "Run 5: accuracy dropped from 0.90 to 0.83 on the last day → retrain" perf-dropped

printf '\n\033[1m━━ Where things are\033[0m\n'
echo "registry:  $PWD/.demo/registry/$(ls .demo/registry)"
echo "  versions: $(ls .demo/registry/*/versions | tr '\n' ' ')"
echo "  alias:    $(cat .demo/registry/*/aliases/production.json | tr -d '\n' | cut -c1-160)"
echo "reports:   $PWD/.demo/reports (run-report-*.json, summary-*.md)"
