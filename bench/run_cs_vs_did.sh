#!/bin/sh
# Callaway-Sant'Anna, doubly robust with two covariates, on a staggered panel of 10 periods and 8
# cohorts: gvcpanel (fit --estimator cs) against R did 2.1.2 (att_gt, bstrap = FALSE) in the same
# run on a subsample both can do, at equal threads (did runs on one; gvcpanel on one, then two),
# then gvcpanel alone at full size (10^6 units, 10^7 rows) against the memory floor (the six data
# columns in doubles). Each side: the estimation call alone (gvcpanel --timing, did's att_gt after
# fread) and the whole process with its peak memory (/usr/bin/time).
#
#   bench/run_cs_vs_did.sh BUILD_DIR   (BUILD_DIR configured with -DGVCPANEL_BENCH=ON; R_LIBS with did)
#   environment: DIR (default /tmp/cs-bench), UNITS (full size, default 1000000), SUB (default 20000)
set -eu
build=${1:?usage: run_cs_vs_did.sh BUILD_DIR}
dir=${DIR:-/tmp/cs-bench}
units=${UNITS:-1000000}
sub=${SUB:-20000}
mkdir -p "$dir"
cmake --build "$build" --target gvcpanel bench_make_staggered -j2 >/dev/null
[ -f "$dir/sub.csv" ] || "$build/bench/bench_make_staggered" "$dir/sub.csv" "$sub"
[ -f "$dir/full.csv" ] || "$build/bench/bench_make_staggered" "$dir/full.csv" "$units"

run_gvcpanel() {  # CSV THREADS LABEL
    cat "$1" >/dev/null
    /usr/bin/time -f "$3 whole process %e s, peak memory %M kB" "$build/gvcpanel" fit --data "$1" \
        --model "y ~ x1 + x2" --estimator cs --cohort cohort --panel id,year --threads "$2" --timing \
        --format json --out "$dir/cs.json" 2>&1 | sed "s/^timing:/$3 timing:/"
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sys.argv[2], 'ATT(2005,2007)', [c['estimate'] for c in r['coef'] if c['name']=='ATT(2005,2007)'][0])" "$dir/cs.json" "$3"
}

echo "== subsample: $sub units x 10 periods"
run_gvcpanel "$dir/sub.csv" 1 "gvcpanel 1 thread"
run_gvcpanel "$dir/sub.csv" 2 "gvcpanel 2 threads"
cat "$dir/sub.csv" >/dev/null
/usr/bin/time -f "did whole process %e s, peak memory %M kB" Rscript -e '
  suppressMessages({library(did); library(data.table)}); setDTthreads(1)
  d <- as.data.frame(fread(commandArgs(TRUE)[1]))
  t0 <- Sys.time()
  m <- att_gt(yname = "y", tname = "year", idname = "id", gname = "cohort", xformla = ~ x1 + x2, data = d,
              est_method = "dr", bstrap = FALSE, cband = FALSE)
  t1 <- Sys.time()
  cat(sprintf("did att_gt alone %.3f s; ATT(2005,2007) %.10g\n", as.numeric(t1 - t0, units = "secs"),
              m$att[m$group == 2005 & m$t == 2007]))' "$dir/sub.csv"

echo "== full size: $units units x 10 periods"
rows=$((units * 10))
echo "memory floor: $rows rows x 6 columns x 8 bytes = $((rows * 48 / 1024)) kB"
run_gvcpanel "$dir/full.csv" 2 "gvcpanel 2 threads"
