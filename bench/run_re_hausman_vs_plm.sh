#!/bin/sh
# Random effects (Swamy-Arora) and the Hausman test on a 10^6-row panel, gvcpanel against R plm
# 2.6-2 in the same run, on the same CSV: `gvcpanel fit --estimator re` and `gvcpanel test hausman`
# (which fits within and re) against plm(model = "random") and phtest(within, random). Prints
# wall-clock seconds (including reading the CSV) and the ratio. plm takes about a minute: run rarely.
#
#   bench/run_re_hausman_vs_plm.sh BUILD_DIR
#   environment: CSV (default /root/scratch/bench-data/panel_S.csv, columns firm, year, x1..x5, y)
set -eu
build=${1:?usage: run_re_hausman_vs_plm.sh BUILD_DIR}
csv=${CSV:-/root/scratch/bench-data/panel_S.csv}
model='y ~ x1 + x2 + x3 + x4 + x5'
cat "$csv" >/dev/null  # both start from the page cache

now() { date +%s.%N; }
t0=$(now)
"$build/gvcpanel" fit --data "$csv" --model "$model" --estimator re --panel firm,year --threads 2 \
  --format json >/tmp/gvcpanel_bench_re.json
t1=$(now)
"$build/gvcpanel" test hausman --data "$csv" --model "$model" --panel firm,year --format json \
  >/tmp/gvcpanel_bench_hausman.json
t2=$(now)
plm=$(Rscript -e '
  suppressMessages({library(plm); library(data.table)})
  setDTthreads(2)
  t0 <- Sys.time()
  d <- pdata.frame(as.data.frame(fread(commandArgs(TRUE)[1], select = c("firm", "year", "x1", "x2", "x3", "x4", "x5", "y"))),
                   index = c("firm", "year"))
  f <- y ~ x1 + x2 + x3 + x4 + x5
  re <- plm(f, d, model = "random")
  t1 <- Sys.time()
  fe <- plm(f, d, model = "within")
  h <- phtest(fe, re)
  t2 <- Sys.time()
  cat(as.numeric(t1 - t0, units = "secs"), as.numeric(t2 - t1, units = "secs") + as.numeric(t1 - t0, units = "secs"),
      coef(re)[["x1"]], h$statistic, "\n")' "$csv")
echo "$t0 $t1 $t2 $plm" | awk '{
  re = $2 - $1; haus = $3 - $2;
  printf "random effects: gvcpanel %.2f s, plm %.2f s (read + fit), ratio plm/gvcpanel %.1f\n", re, $4, $4 / re;
  printf "hausman (re + within fits + test): gvcpanel %.2f s, plm %.2f s, ratio %.1f\n", haus, $5, $5 / haus;
  printf "plm: coef x1 %.10g, hausman %.10g\n", $6, $7 }'
grep -o '"name": "x1", "estimate": [^,]*' /tmp/gvcpanel_bench_re.json || true
grep -o '"stat": [^,]*' /tmp/gvcpanel_bench_hausman.json | head -1
