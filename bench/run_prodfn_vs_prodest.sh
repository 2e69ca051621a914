#!/bin/sh
# Issue 23's benchmark: ACF (prodest's degree-2 first stage; --poly 3 for the cubic the issue names)
# with the firm bootstrap, gvcpanel beside R prodest 1.0.1 (installed outside the repository; its
# prodestACF, optim BFGS, block bootstrap in a serial loop) on the same panel, in one run:
#   - side by side on a subsample prodest can do: FIRMS_SMALL firms x 10 years, B replications, one
#     thread each (prodest without a cluster is serial);
#   - gvcpanel alone on 10^5 firms x 10 years (10^6 rows): the point estimate, and B replications on
#     THREADS threads.
# The panel is the seeded Cobb-Douglas process of tests/fixtures/prodfn/prodfn_reference.R (exits,
# learning by exporting), vectorised over firms. Prints wall and CPU seconds and the load average
# (the machine may be shared).
#
#   R_LIBS=/path/to/prodest bench/run_prodfn_vs_prodest.sh GVCPANEL [B] [THREADS] [FIRMS_SMALL] [DIR]
set -eu
gvcpanel=${1:?usage: run_prodfn_vs_prodest.sh GVCPANEL [B] [THREADS] [FIRMS_SMALL] [DIR]}
reps=${2:-200}
threads=${3:-2}
small_firms=${4:-2000}
dir=${5:-$(mktemp -d)}
big=$dir/prodfn_1e6.csv
small=$dir/prodfn_small.csv
if [ ! -f "$big" ]; then
  Rscript -e '
    library(data.table); set.seed(7)
    N <- 100000; T <- 10; args <- commandArgs(TRUE)
    k <- rnorm(N, 3, 0.5); omega <- rnorm(N, 0.35, 0.28); w <- rnorm(N, 0, 0.15); e <- numeric(N)
    alive <- rep(TRUE, N); out <- vector("list", T); inv <- numeric(N)
    for (t in 1:T) {
      if (t > 1) {
        k <- log(0.8 * exp(k) + exp(inv)); omega <- 0.1 + 0.7 * omega + 0.15 * e + rnorm(N, 0, 0.2)
        w <- 0.6 * w + rnorm(N, 0, 0.12)
      }
      e <- as.numeric(omega + rnorm(N, 0, 0.3) > 0.5)
      inv <- -1.6 + omega + 0.9 * k
      l <- 0.5 + 1.5 * omega + 0.5 * k - 1.2 * w + rnorm(N, 0, 0.05)
      m <- 0.2 + 1.2 * omega + 0.7 * k
      y <- 1 + 0.6 * l + 0.3 * k + omega + rnorm(N, 0, 0.1)
      a <- which(alive)
      out[[t]] <- data.table(firm = a, year = 2000 + t, y = y[a], l = l[a], k = k[a], m = m[a], inv = inv[a],
                             exporter = e[a])
      alive <- alive & !(omega < -0.1 - 0.05 * (k - 3))
    }
    d <- rbindlist(out); setorder(d, firm, year)
    d[, (3:7) := lapply(.SD, signif, 9), .SDcols = 3:7]
    fwrite(d, args[1]); fwrite(d[firm <= as.integer(args[3])], args[2])' "$big" "$small" "$small_firms"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rows: $(($(wc -l < "$small") - 1)) (subsample), $(($(wc -l < "$big") - 1)) (full)"

# "wall cpu" seconds of a command, its output discarded.
timed() {
  /usr/bin/time -f "%e %U %S" -o "$dir/time" "$@" >/dev/null 2>&1
  awk '{printf "%.2f %.2f", $1, $2 + $3}' "$dir/time"
}
# gvcpanel's ACF call on a file, further options appended (a command /usr/bin/time can run).
cat > "$dir/acf.sh" <<EOS
#!/bin/sh
data=\$1
shift
exec "$gvcpanel" fit --data "\$data" --panel firm,year --model "y ~ l + k" --estimator acf --state k --proxy m \\
  --format json --seed 1 "\$@"
EOS
chmod +x "$dir/acf.sh"
acf() { "$dir/acf.sh" "$@"; }
ours_small=$(timed "$dir/acf.sh" "$small" --bootstrap "$reps" --threads 1)
cat > "$dir/prodest.R" <<'RS'
suppressMessages({library(prodest); library(data.table)})
args <- commandArgs(TRUE)
d <- fread(args[1]); set.seed(1)
t0 <- proc.time()
fit <- prodestACF(d$y, fX = d$l, sX = d$k, pX = d$m, idvar = d$firm, timevar = d$year, R = as.integer(args[2]))
t1 <- proc.time() - t0
cat(sprintf("prodest_call %.2f %.2f\n", t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]]))
cat("prodest estimates", fit@Estimates$pars, "se", fit@Estimates$std.errors, "\n")
RS
theirs_small=$(timed Rscript "$dir/prodest.R" "$small" "$reps")
echo "subsample, ACF + $reps firm-bootstrap replications, 1 thread each (wall, CPU s):"
echo "  gvcpanel $ours_small"
echo "  prodest  $theirs_small   (whole Rscript, incl. loading packages)"
Rscript "$dir/prodest.R" "$small" "$reps" 2>/dev/null | sed 's/^/  /'
acf "$small" --bootstrap "$reps" --threads 1 2>/dev/null |
  Rscript -e 'r <- jsonlite::fromJSON(file("stdin")); cat("  gvcpanel estimates", r$coef$estimate, "se", r$coef$se, "\n")'
echo "full panel (10^6 rows), gvcpanel alone (wall, CPU s):"
echo "  point estimate, poly 2:                 $(timed "$dir/acf.sh" "$big" --threads "$threads")"
echo "  point estimate, poly 3:                 $(timed "$dir/acf.sh" "$big" --threads "$threads" --poly 3)"
echo "  $reps replications, poly 3, $threads threads:   $(timed "$dir/acf.sh" "$big" --threads "$threads" --poly 3 --bootstrap "$reps")"
