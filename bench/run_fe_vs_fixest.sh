#!/bin/sh
# Issue 4's check: the whole process `gvcpanel fit` (read the CSV + estimate) against an Rscript
# doing fread + feols, both at the same threads, in the same run, on one benchmark panel made by
# ../shared/bench/gen_panel.R. Prints wall seconds, peak resident memory and x1 side by side, and
# the ratio of times. fixest is not a Debian package: point R_LIBS at a private library where it
# was built from its public source (never part of this repository).
#
#   bench/run_fe_vs_fixest.sh GVCPANEL CSV [THREADS] [REPEATS]
#   e.g. R_LIBS=$HOME/rlib bench/run_fe_vs_fixest.sh build/gvcpanel /data/panel_S.csv 2 3
set -eu
gvcpanel=${1:?usage: run_fe_vs_fixest.sh GVCPANEL CSV [THREADS] [REPEATS]}
csv=${2:?usage: run_fe_vs_fixest.sh GVCPANEL CSV [THREADS] [REPEATS]}
threads=${3:-2}
repeats=${4:-3}
cat "$csv" >/dev/null  # both start from the page cache

# "seconds peak_mb x1" of one timed command; x1 is read from what the command prints.
measure() {
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out.time" "$@" >"$out" 2>/dev/null
  x1=$(sed -n 's/^x1=//p' "$out")
  [ -n "$x1" ] || x1=$(python3 -c "import json,sys; r=json.load(open('$out')); print(repr([c['estimate'] for c in r['coef'] if c['name']=='x1'][0]))")
  set -- $(cat "$out.time")
  echo "$1 $(($2 / 1024)) $x1"
  rm -f "$out" "$out.time"
}

run_task() {  # name, gvcpanel formula, fixest formula
  for i in $(seq "$repeats"); do
    g=$(measure "$gvcpanel" fit --data "$csv" --model "$2" --vcov cluster:firm --threads "$threads" --format json)
    r=$(measure Rscript -e "suppressPackageStartupMessages({library(data.table); library(fixest)})
      setDTthreads($threads); setFixest_nthreads($threads)
      d <- fread('$csv', nThread = $threads)
      m <- feols($3, data = d, cluster = ~firm, nthreads = $threads)
      cat(sprintf('x1=%.17g\n', coef(m)[['x1']]))")
    set -- "$1" "$2" "$3" $g $r
    ratio=$(python3 -c "print(f'{$4/$7:.2f}')")
    diff=$(python3 -c "print(f'{abs($6-$9)/abs($9):.1e}')")
    printf '%-10s %3s | gvcpanel %7ss %6s MB | fread+feols %7ss %6s MB | time ratio %5s | x1 rel.diff %s\n' \
      "$1" "$i" "$4" "$5" "$7" "$8" "$ratio" "$diff"
  done
}

echo "file: $csv, threads: $threads, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run_task "2 FE" "y ~ x1 + x2 + x3 + x4 + x5 | firm + year" "y ~ x1 + x2 + x3 + x4 + x5 | firm + year"
run_task "3 FE" "y ~ x1 + x2 + x3 + x4 + x5 | firm + year + industry^year" \
  "y ~ x1 + x2 + x3 + x4 + x5 | firm + year + industry^year"
