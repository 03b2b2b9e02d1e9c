#!/usr/bin/env bash
# Slurm array job: one `liqsim backtest --shard $SLURM_ARRAY_TASK_ID/N` per task over a shared
# volume, all shards reading one tape cache there (the first to finish the replay stores it;
# the others load it), then one `compare` of the merged shards (docs/history.md).
#
#   SCENARIO=scenarios/bv.yaml SHARDS=8 SHARED=/shared/liqsim deploy/slurm-backtest.sh
#
# submits the array and, after it, the compare job; the merged table goes to
# $SHARED/compare.csv. Run on a login node; LIQSIM (default: liqsim on PATH) must be the
# same build on every node (the tape cache key includes the executable's SHA-256).
#SBATCH --job-name=liqsim-backtest
set -euo pipefail
: "${SCENARIO:?set SCENARIO to the scenario file (on the shared volume)}"
: "${SHARDS:?set SHARDS to the number of shards}"
: "${SHARED:?set SHARED to a directory every node sees}"
LIQSIM=${LIQSIM:-liqsim}
SBATCH=${SBATCH:-sbatch}
mkdir -p "$SHARED/results" "$SHARED/tapes" "$SHARED/logs"

# One task: called by Slurm with SLURM_ARRAY_TASK_ID set.
if [[ "${1:-}" == "--task" ]]; then
  exec "$LIQSIM" backtest "$SCENARIO" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" \
    --out "$SHARED/results" --tape-cache "$SHARED/tapes" --jobs "${SLURM_CPUS_PER_TASK:-1}" --quiet
fi
# The final step: merge the shards' result directories into one table.
if [[ "${1:-}" == "--compare" ]]; then
  name=$(sed -n 's/^name: *//p' "$SCENARIO" | head -1)
  exec "$LIQSIM" compare "$SHARED/results/$name" --all --format csv > "$SHARED/compare.csv"
fi

self=$(readlink -f "$0")
array=$("$SBATCH" --parsable --array="0-$((SHARDS - 1))" --output="$SHARED/logs/shard-%a.log" \
  --export=ALL,SCENARIO="$SCENARIO",SHARDS="$SHARDS",SHARED="$SHARED",LIQSIM="$LIQSIM" "$self" --task)
"$SBATCH" --parsable --dependency="afterok:${array%%;*}" --output="$SHARED/logs/compare.log" \
  --export=ALL,SCENARIO="$SCENARIO",SHARDS="$SHARDS",SHARED="$SHARED",LIQSIM="$LIQSIM" "$self" --compare
