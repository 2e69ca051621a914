#!/bin/sh
# 200 specifications on the 10^6-row panel with firm and year effects: one `gvcpanel batch` against
# the same specifications as separate `gvcpanel fit` calls (a sample of 10 timed and extrapolated to
# 200). Usage: bench/run_batch_vs_fit.sh GVCPANEL [PANEL.csv] [JOBS]
set -eu
program=$1
data=${2:-/root/scratch/bench-data/panel_S.csv}
jobs=${3:-0}
dir=$(mktemp -d)
subsets='""'
for k in $(seq 20 9 190); do subsets="$subsets, \"industry <= $k\""; done
cat > "$dir/bench.toml" <<SPEC
data = "$data"
panel = "firm,year"
[defaults]
interest = ["x1"]
[[model]]
outcome = "y"
terms = "x1"
csw0 = ["x2", "x3", "x4", "x5"]
fixed_effects = "firm + year"
vcov = ["cluster:firm", "hc1"]
subset = [$subsets]
SPEC
n=$("$program" batch "$dir/bench.toml" --out "$dir/out" --dry-run | tail -1 | cut -d' ' -f1)
start=$(date +%s.%N)
"$program" batch "$dir/bench.toml" --out "$dir/out" --jobs "$jobs" > /dev/null 2> "$dir/batch.log" || true
batch=$(echo "$(date +%s.%N) - $start" | bc)
# The first 10 specifications as separate fit calls, from the batch's own listing.
python3 - "$dir" "$data" > "$dir/fits.sh" <<'PY'
import json, shlex, sys
dir, data = sys.argv[1], sys.argv[2]
lines = [json.loads(l) for l in open(dir + "/out/results.jsonl")][:10]
for line in lines:
    r = line["spec"]["request"]
    args = ["fit", "--data", data, "--model", r["formula"], "--panel", r["panel"], "--vcov", r["vcov"],
            "--format", "json", "--out", "/dev/null"]
    if r["subset"]: args += ["--subset", r["subset"]]
    print('"$1" ' + " ".join(shlex.quote(a) for a in args))
PY
start=$(date +%s.%N)
sh "$dir/fits.sh" "$program"
fits10=$(echo "$(date +%s.%N) - $start" | bc)
echo "specifications: $n"
echo "batch (jobs=$jobs): ${batch}s"
echo "10 separate fit calls: ${fits10}s; extrapolated to $n: $(echo "$fits10 * $n / 10" | bc -l | cut -c1-8)s"
echo "ratio (separate fits / batch): $(echo "$fits10 * $n / 10 / $batch" | bc -l | cut -c1-6)"
rm -rf "$dir"
