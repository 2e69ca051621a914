#!/bin/sh
# Issue 20's performance check: the wild cluster bootstrap on 10^6 rows (100,000 firms x 10 years,
# 50 clusters with the firms nested in them), firm and year effects, B = 99,999 Rademacher draws
# (WCR, with the interval by test inversion). Prints, in one run at equal threads: gvcpanel's fit
# alone and the bootstrap alone (the `fit --timing` estimate time with --boottest minus without),
# and fwildclusterboot's boottest() after feols (engine "R", the firm effects projected out with
# fe = "firm", the years as dummies), with the ratio of the bootstrap times and both p-values and
# intervals. fwildclusterboot and fixest are not Debian packages: point R_LIBS at a private library
# where they were built from their public sources (never part of this repository).
#
#   R_LIBS=/work/rlib bench/run_boottest_vs_fwildclusterboot.sh GVCPANEL [THREADS] [REPS]
set -eu
gvcpanel=${1:?usage: run_boottest_vs_fwildclusterboot.sh GVCPANEL [THREADS] [REPS]}
threads=${2:-2}
reps=${3:-99999}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
csv="$dir/panel.csv"
Rscript -e "suppressPackageStartupMessages(library(data.table)); set.seed(20)
  firms <- 100000L; years <- 10L; n <- firms * years
  firm <- rep(seq_len(firms), each = years); year <- rep(seq_len(years), times = firms)
  cluster <- (firm - 1L) %% 50L + 1L
  a <- rnorm(firms)[firm]; shock <- rnorm(50)[cluster]
  x1 <- 0.5 * a + 0.3 * rnorm(50)[cluster] + rnorm(n); x2 <- rnorm(n)
  y <- a + 0.1 * year + 0.02 * x1 - 0.5 * x2 + shock * (1 + 0.2 * x1) + rnorm(n)
  fwrite(data.table(firm, year, cluster, x1, x2, y), '$csv')"
echo "10^6 rows, 50 clusters, firm and year effects, B = $reps, threads: $threads, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

model="y ~ x1 + x2 | firm + year"
estimate_seconds() {  # the "estimate" seconds of `fit --timing`, then the boottest line (if any)
  "$gvcpanel" fit --data "$csv" --model "$model" --vcov cluster:cluster --threads "$threads" --timing \
    --format json "$@" 2>"$dir/err" >"$dir/out"
  sed -n 's/.*estimate \([0-9.]*\) s.*/\1/p' "$dir/err"
}
fit=$(estimate_seconds)
with=$(estimate_seconds --boottest x1 --boot-reps "$reps")
ours=$(python3 -c "
import json; t = [t for t in json.load(open('$dir/out'))['tests'] if t['name'] == 'boottest:x1'][0]
print(f\"p {t['p']:.5f} ci [{t['ci_low']:.6f}, {t['ci_high']:.6f}] reps {t['reps']}\")")
boot=$(python3 -c "print(f'{$with - $fit:.3f}')")

peer=$(Rscript -e "suppressPackageStartupMessages({library(data.table); library(fixest); library(fwildclusterboot)})
  setDTthreads($threads); setFixest_nthreads($threads)
  d <- fread('$csv', nThread = $threads)
  t0 <- Sys.time(); m <- feols($model, data = d, cluster = ~cluster); t1 <- Sys.time()
  dqrng::dqset.seed(1); set.seed(1)
  b <- suppressMessages(suppressWarnings(boottest(m, param = 'x1', clustid = 'cluster', B = $reps, fe = 'firm',
                                                   engine = 'R', nthreads = $threads)))
  t2 <- Sys.time()
  cat(sprintf('%.3f %.3f p %.5f ci [%.6f, %.6f]\n', as.numeric(t1 - t0, units = 'secs'),
              as.numeric(t2 - t1, units = 'secs'), b\$p_val, b\$conf_int[1], b\$conf_int[2]))" 2>/dev/null | tail -1)
set -- $peer
ratio=$(python3 -c "print(f'{$2 / max($boot, 1e-3):.1f}')")
printf 'gvcpanel  fit %7ss | bootstrap %7ss | %s\n' "$fit" "$boot" "$ours"
printf 'fixest    fit %7ss | fwildclusterboot %7ss | %s %s %s %s %s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7"
echo "bootstrap time ratio fwildclusterboot / gvcpanel: $ratio"
