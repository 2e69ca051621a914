#!/bin/sh
# Logit and Poisson on 10^6 rows x 10 regressors: gvcpanel's estimators::mle (Newton and Ceres
# L-BFGS) and R's glm (IRLS) on the same simulated CSV, in the same run; prints seconds and the
# ratios glm / gvcpanel-Newton in wall and CPU time (the CPU time is the fairer figure on a
# loaded machine). The CSV read is not timed on either side.
#
#   bench/run_mle_vs_glm.sh BUILD_DIR        (BUILD_DIR configured with -DGVCPANEL_BENCH=ON)
#   environment: CSV (default /tmp/gvcpanel_bench_mle.csv), ROWS (default 1000000), THREADS (2)
set -eu
build=${1:?usage: run_mle_vs_glm.sh BUILD_DIR}
csv=${CSV:-/tmp/gvcpanel_bench_mle.csv}
rows=${ROWS:-1000000}
threads=${THREADS:-2}

cmake --build "$build" --target bench_mle_glm -j2 >/dev/null
[ -f "$csv" ] && [ "$(($(wc -l < "$csv") - 1))" -ne "$rows" ] && rm "$csv"
gv=$(OPENBLAS_NUM_THREADS=$threads "$build/bench/bench_mle_glm" "$csv" "$rows" "$threads")
glm=$(OPENBLAS_NUM_THREADS=$threads Rscript -e '
  d <- read.csv("'"$csv"'")
  f <- reformulate(paste0("x", 1:10), "y")
  for (m in c("logit", "poisson")) {
    d$y <- if (m == "logit") d$y_bin else d$y_cnt
    fam <- if (m == "logit") binomial() else poisson()
    t <- system.time(g <- glm(f, family = fam, data = d))
    cat(sprintf("model=%s optimizer=glm seconds=%.3f cpu=%.3f iterations=%d converged=%d loglik=%.10f x1=%.10f\n",
                m, t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], g$iter, g$converged, as.numeric(logLik(g)), coef(g)[["x1"]]))
  }')

echo "rows: $rows, regressors: 10 + intercept, threads: $threads, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n%s\n' "$gv" "$glm" | column -t
for m in logit poisson; do
  for what in seconds cpu; do
    newton=$(echo "$gv" | grep "model=$m optimizer=newton" | sed "s/.*$what=\([^ ]*\).*/\1/")
    r=$(echo "$glm" | grep "model=$m " | sed "s/.*$what=\([^ ]*\).*/\1/")
    echo "$m ($what): glm / gvcpanel (Newton) = $(echo "scale=2; $r / $newton" | bc)"
  done
done
