#!/bin/sh
# 200 specifications on the 10^6-row panel with firm and year effects: one `gvcpanel batch` against
# the same specifications as separate `gvcpanel fit` calls (a sample of 10 timed and extrapolated to
# 200), and against fixest's multiple estimation (one feols call with csw0 per sample, both
# covariances from summary(); fread included) when R_LIBS holds fixest (never part of this
# repository). Usage: [R_LIBS=...] bench/run_batch_vs_fit.sh GVCPANEL [PANEL.csv] [JOBS]
set -eu
program=$1
data=${2:-/root/scratch/bench-data/panel_S.csv}
jobs=${3:-0}
threads=$([ "$jobs" -gt 0 ] && echo "$jobs" || nproc)
dir=$(mktemp -d)
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
subsets='""'
limits=""
for k in $(seq 20 9 190); do subsets="$subsets, \"industry <= $k\""; limits="$limits, $k"; done
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
batch_x1=$(python3 - "$dir" <<'PY'
import json, sys
for text in open(sys.argv[1] + "/out/results.jsonl"):
    line = json.loads(text)
    request = line["spec"]["request"]
    if request["subset"] == "" and request["formula"] == "y ~ x1 | firm + year" and "coef" in line:
        print("%.17g" % next(c["estimate"] for c in line["coef"] if c["name"] == "x1"))
        break
PY
)
echo "batch, all rows, y ~ x1 | firm + year: x1 = $batch_x1"
if Rscript -e 'suppressPackageStartupMessages(library(fixest))' > /dev/null 2>&1; then
  # The same 200: per sample one feols with csw0 (fixest demeans each variable once per sample),
  # then the firm-clustered and HC1 covariances of each of its 5 fits; singletons dropped as gvcpanel does.
  start=$(date +%s.%N)
  Rscript -e "suppressPackageStartupMessages({library(data.table); library(fixest)})
    setFixest_nthreads($threads); setDTthreads($threads)
    d <- fread('$data', nThread = $threads)
    for (k in c(Inf$limits)) {
      m <- feols(y ~ x1 + csw0(x2, x3, x4, x5) | firm + year, data = d, subset = d\$industry <= k,
                 fixef.rm = 'singleton', nthreads = $threads)
      for (i in seq_along(m)) { a <- summary(m[[i]], cluster = ~firm); b <- summary(m[[i]], vcov = 'hetero') }
      if (is.infinite(k)) first <- coef(m[[1]])[['x1']]
    }
    cat(sprintf('fixest, all rows, y ~ x1 | firm + year: x1 = %.17g\n', first))"
  fixest=$(echo "$(date +%s.%N) - $start" | bc)
  echo "fixest multiple estimation (fread + 20 feols calls x 5 fits x 2 covariances, threads=$threads): ${fixest}s"
  echo "ratio (batch / fixest): $(echo "$batch / $fixest" | bc -l | cut -c1-6)"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$dir"
