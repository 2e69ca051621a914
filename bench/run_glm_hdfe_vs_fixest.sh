#!/bin/sh
# Poisson `ycount ~ x1 + x2 + x3 | firm + year` and logit `ybin ~ x1 + x2 + x3 | firm + year`,
# clustered by firm, on the same CSV in one run: the whole process `gvcpanel fit` (read, design,
# IRLS, inference) against the whole `Rscript` doing fread + fepois / feglm(binomial), at equal
# threads. Prints wall seconds, the ratio gvcpanel / fixest, and x1 from both with its relative
# difference.
#
#   bench/run_glm_hdfe_vs_fixest.sh GVCPANEL_BINARY [CSV] [THREADS]
#   R_LIBS must point at the library holding fixest (e.g. R_LIBS=/root/scratch/rlib).
set -eu
gvcpanel=${1:?usage: run_glm_hdfe_vs_fixest.sh GVCPANEL_BINARY [CSV] [THREADS]}
csv=${2:-/root/scratch/bench-data/panel_S.csv}
threads=${3:-2}

now() { date +%s.%N; }
echo "csv: $csv, threads: $threads, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for model in poisson logit; do
  if [ "$model" = poisson ]; then y=ycount; call="fepois(ycount ~ x1 + x2 + x3 | firm + year, data = d, cluster = ~firm, nthreads = $threads)"
  else y=ybin; call="feglm(ybin ~ x1 + x2 + x3 | firm + year, data = d, family = binomial(), cluster = ~firm, nthreads = $threads)"; fi
  t0=$(now)
  ours=$(OPENBLAS_NUM_THREADS=1 "$gvcpanel" fit --data "$csv" --model "$y ~ x1 + x2 + x3 | firm + year" \
         --estimator "$model" --vcov cluster:firm --threads "$threads" --format json 2>/dev/null \
         | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.17g" % next(c["estimate"] for c in r["coef"] if c["name"]=="x1"))')
  t1=$(now)
  theirs=$(Rscript -e "suppressPackageStartupMessages({library(data.table); library(fixest)})
    setFixest_nthreads($threads); setDTthreads($threads)
    d <- fread('$csv', nThread = $threads); m <- $call
    cat(sprintf('%.17g', coef(m)[['x1']]))")
  t2=$(now)
  python3 - "$model" "$t0" "$t1" "$t2" "$ours" "$theirs" <<'PY'
import sys
model, t0, t1, t2, ours, theirs = sys.argv[1], *map(float, sys.argv[2:5]), float(sys.argv[5]), float(sys.argv[6])
g, f = t1 - t0, t2 - t1
print(f"{model:8s} gvcpanel {g:7.2f} s  fixest {f:7.2f} s  ratio {g / f:5.2f}  "
      f"x1 {ours:.12f} vs {theirs:.12f}  rel. diff {abs(ours - theirs) / abs(theirs):.1e}")
PY
done
