#!/bin/sh
# Issue 22's benchmark: Hansen's panel threshold regression on 10^6 rows (62,500 firms x 16 years,
# firm effects, 5 regressors, q with ~850,000 distinct values), made here by R (data.table) from a
# fixed seed. Times, side by side in one run:
#   - gvcpanel's exact search (--grid all) for one and two thresholds, and one threshold with
#     Hansen's bootstrap (300 replications);
#   - a grid-search loop of `gvcpanel fit` calls (one within fit per candidate, the regime columns as
#     I(x1 * (q <= g)) terms), timed on 10 candidates and extrapolated to the exact search's count;
#   - the brute-force R implementation of tests/fixtures/threshold (lm.fit per candidate) against
#     gvcpanel on a 32,000-row subsample with a 100-point grid (no R package does panel thresholds).
# Prints wall and CPU (user + system) seconds; the load average is printed too, as the machine may
# be shared.
#
#   bench/run_threshold.sh GVCPANEL [THREADS] [DIR]
set -eu
gvcpanel=${1:?usage: run_threshold.sh GVCPANEL [THREADS] [DIR]}
threads=${2:-2}
dir=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
csv=$dir/threshold_1e6.csv
small=$dir/threshold_small.csv
if [ ! -f "$csv" ]; then
  Rscript -e '
    library(data.table); set.seed(1)
    firms <- 62500; years <- 16; n <- firms * years
    d <- data.table(firm = rep(1:firms, each = years), year = rep(1:years, firms))
    mu <- rnorm(firms)[d$firm]
    d[, q := round(rnorm(n), 6)]
    for (j in 1:5) d[, paste0("x", j) := round(rnorm(n) + 0.3 * mu, 6)]
    d[, y := round(mu + ifelse(q <= 0.5, 1, 1.3) * x1 + 0.5 * x2 - 0.2 * x3 + 0.1 * x4 + 0.3 * x5 + rnorm(n), 6)]
    fwrite(d, commandArgs(TRUE)[1]); fwrite(d[firm <= 2000], commandArgs(TRUE)[2])' "$csv" "$small"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
model="y ~ x1 + x2 + x3 + x4 + x5 | firm"

# "wall cpu" seconds of a command, its output discarded.
timed() {
  /usr/bin/time -f "%e %U %S" -o "$dir/time" "$@" >/dev/null 2>&1
  awk '{printf "%.2f %.2f", $1, $2 + $3}' "$dir/time"
}

row() { printf "%-48s %10s %10s\n" "$1" "$2" "$3"; }
row "case" "wall s" "cpu s"
for args in "--thresholds 1" "--thresholds 2" "--thresholds 1 --bootstrap 300"; do
  set -- $(timed "$gvcpanel" fit --data "$csv" --model "$model" --estimator threshold --threshold-var q \
    --regime x1 --grid all --threads "$threads" $args)
  row "gvcpanel exact search $args" "$1" "$2"
done
candidates=$("$gvcpanel" fit --data "$csv" --model "$model" --estimator threshold --threshold-var q --regime x1 \
  --threads "$threads" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["threshold_candidates"])')
start=$(date +%s.%N)
for g in -2 -1.5 -1 -0.5 0 0.25 0.5 1 1.5 2; do
  "$gvcpanel" fit --data "$csv" --threads "$threads" --format json \
    --model "y ~ I(x1 * (q <= $g)) + I(x1 * (q > $g)) + x2 + x3 + x4 + x5 | firm" >/dev/null
done
per_fit=$(echo "($(date +%s.%N) - $start) / 10" | bc -l)
row "loop of fit calls, per candidate" "$(printf %.2f "$per_fit")" ""
row "loop of fit calls, all $candidates candidates" "$(printf %.0f "$(echo "$per_fit * $candidates" | bc -l)")" "(extrapolated)"

set -- $(timed "$gvcpanel" fit --data "$small" --model "$model" --estimator threshold --threshold-var q \
  --regime x1 --grid 100 --trim 0.05 --threads "$threads")
row "subsample 32,000 rows, grid 100: gvcpanel" "$1" "$2"
cat >"$dir/brute.R" <<'REOF'
args <- commandArgs(TRUE); d <- read.csv(args[1])
tw <- function(v) v - ave(v, d$firm)
X <- sapply(d[, c("x2", "x3", "x4", "x5")], tw); yt <- tw(d$y)
values <- sort(unique(d$q)); below <- sapply(values, function(g) sum(d$q <= g)); n <- nrow(d)
keep <- below >= ceiling(0.05 * n) & n - below >= ceiling(0.05 * n); gamma <- values[keep]
gamma <- gamma[unique(floor((0:99) * (length(gamma) - 1) / 99 + 0.5)) + 1]
ssr <- sapply(gamma, function(g) sum(lm.fit(cbind(X, tw(d$x1 * (d$q <= g)), tw(d$x1 * (d$q > g))), yt)$residuals^2))
cat(gamma[which.min(ssr)], "\n")
REOF
set -- $(timed Rscript "$dir/brute.R" "$small")
row "subsample 32,000 rows, grid 100: R brute force" "$1" "$2"
