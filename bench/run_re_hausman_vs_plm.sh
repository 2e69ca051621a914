#!/bin/sh
# Random effects (Swamy-Arora) and the Hausman test on the 10^6-row panel, gvcpanel (bench_re_hausman)
# against R plm 2.6-2 in the same run, on the same CSV, each timing its read, its RE fit and its
# within fit + Hausman test. plm takes about 45 s: run rarely.
#
#   bench/run_re_hausman_vs_plm.sh BUILD_DIR        (BUILD_DIR configured with -DGVCPANEL_BENCH=ON)
#   environment: CSV (default /root/scratch/bench-data/panel_S.csv: firm, year, x1..x5, y)
set -eu
build=${1:?usage: run_re_hausman_vs_plm.sh BUILD_DIR}
csv=${CSV:-/root/scratch/bench-data/panel_S.csv}
cmake --build "$build" --target bench_re_hausman -j2 >/dev/null
cat "$csv" >/dev/null  # both start from the page cache
"$build/bench/bench_re_hausman" "$csv"
Rscript -e '
  suppressMessages({library(plm); library(data.table)}); setDTthreads(2)
  t0 <- Sys.time()
  d <- pdata.frame(as.data.frame(fread(commandArgs(TRUE)[1], select = c("firm","year","x1","x2","x3","x4","x5","y"))),
                   index = c("firm","year"))
  t1 <- Sys.time()
  f <- y ~ x1 + x2 + x3 + x4 + x5
  re <- plm(f, d, model = "random"); t2 <- Sys.time()
  fe <- plm(f, d, model = "within"); h <- phtest(fe, re); t3 <- Sys.time()
  cat(sprintf("plm rows %d read+pdata %.3f s re %.3f s within+phtest %.3f s coef_x1 %.10g hausman %.10g\n",
              nrow(d), as.numeric(t1 - t0, units = "secs"), as.numeric(t2 - t1, units = "secs"),
              as.numeric(t3 - t2, units = "secs"), coef(re)[["x1"]], h$statistic))' "$csv"
