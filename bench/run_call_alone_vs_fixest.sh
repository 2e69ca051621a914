#!/bin/sh
# The goal of issues 4 and 10: the estimation call alone, without reading the CSV, against fixest's
# (feols, fepois, feglm binomial) at equal threads, on the same file in one run. gvcpanel's time is
# what `fit --timing` reports as "estimate" (sample, design, fit, inference); fixest's is the
# Sys.time() around its call after fread. Also the whole process and peak memory of both.
#
#   bench/run_call_alone_vs_fixest.sh GVCPANEL CSV [THREADS]
#   R_LIBS must point at the library holding fixest (e.g. R_LIBS=/root/scratch/rlib).
set -eu
gvcpanel=${1:?usage: run_call_alone_vs_fixest.sh GVCPANEL CSV [THREADS]}
csv=${2:?usage: run_call_alone_vs_fixest.sh GVCPANEL CSV [THREADS]}
threads=${3:-2}
cat "$csv" >/dev/null  # both start from the page cache
echo "file: $csv, threads: $threads, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

run() {  # name, gvcpanel options, fixest call
  err=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$err.time" "$gvcpanel" fit --data "$csv" $2 --vcov cluster:firm \
    --threads "$threads" --format json --timing >/dev/null 2>"$err"
  ours=$(sed -n 's/^timing: .*estimate \([0-9.e-]*\) s$/\1/p' "$err")
  set -- "$1" "$2" "$3" $(cat "$err.time")
  theirs=$(/usr/bin/time -f "%e %M" -o "$err.rtime" Rscript -e "
    suppressPackageStartupMessages({library(data.table); library(fixest)})
    setDTthreads($threads); setFixest_nthreads($threads)
    d <- fread('$csv', nThread = $threads)
    t0 <- Sys.time(); m <- $3; cat(as.numeric(Sys.time() - t0, units = 'secs'))" 2>/dev/null)
  set -- "$@" $(cat "$err.rtime")
  python3 -c "print(f'{\"$1\":8s} call alone: gvcpanel {$ours:6.2f} s  fixest {$theirs:6.2f} s  ratio {$ours/$theirs:5.2f} | whole: {$4:6.2f} s vs {$6:6.2f} s | peak MB: {$5//1024} vs {$7//1024}')"
  rm -f "$err" "$err.time" "$err.rtime"
}

run "ols 2FE" "--model y~x1+x2+x3+x4+x5|firm+year" \
  "feols(y ~ x1 + x2 + x3 + x4 + x5 | firm + year, data = d, cluster = ~firm, nthreads = $threads)"
run "ols 3FE" "--model y~x1+x2+x3+x4+x5|firm+year+industry^year" \
  "feols(y ~ x1 + x2 + x3 + x4 + x5 | firm + year + industry^year, data = d, cluster = ~firm, nthreads = $threads)"
run poisson "--estimator poisson --model ycount~x1+x2+x3|firm+year" \
  "fepois(ycount ~ x1 + x2 + x3 | firm + year, data = d, cluster = ~firm, nthreads = $threads)"
run logit "--estimator logit --model ybin~x1+x2+x3|firm+year" \
  "feglm(ybin ~ x1 + x2 + x3 | firm + year, data = d, family = binomial(), cluster = ~firm, nthreads = $threads)"
