#!/bin/sh
# System GMM (two-step, collapsed instruments, Windmeijer errors, time dummies) on simulated dynamic
# panels of FIRMS x 10 years, the whole process `gvcpanel fit` against R plm::pgmm (read + fit) in the
# same run, with peak memory from /usr/bin/time. pgmm on 200,000 firms takes many minutes: run rarely.
#
#   bench/run_sysgmm_vs_pgmm.sh GVCPANEL [FIRMS...]     (default FIRMS: 20000 200000)
#   environment: DATA (default /root/scratch/bench-data), THREADS (default 2), SKIP_PGMM=1 to time gvcpanel only
# Data: y_it = 0.5 y_i,t-1 + x_it + a_i + e_it, x_it = 0.5 x_i,t-1 + 0.5 a_i + u_it (50 burn-in
# periods), written once per size as DATA/dyn_<FIRMS>.csv by R with a fixed seed.
set -eu
gvcpanel=${1:?usage: run_sysgmm_vs_pgmm.sh GVCPANEL [FIRMS...]}
shift
data=${DATA:-/root/scratch/bench-data}
threads=${THREADS:-2}
sizes=${*:-20000 200000}
mkdir -p "$data"
for firms in $sizes; do
  csv="$data/dyn_$firms.csv"
  if [ ! -f "$csv" ]; then
    Rscript -e '
      suppressMessages(library(data.table)); set.seed(777L)
      n <- as.integer(commandArgs(TRUE)[1]); years <- 10L; burn <- 50L
      a <- rnorm(n); y <- numeric(n); x <- a + rnorm(n)
      out_y <- matrix(0, n, years); out_x <- matrix(0, n, years)
      for (t in seq_len(burn + years)) {
        x <- 0.5 * x + 0.5 * a + rnorm(n); y <- 0.5 * y + x + a + rnorm(n)
        if (t > burn) { out_y[, t - burn] <- y; out_x[, t - burn] <- x }
      }
      fwrite(data.table(firm = rep(seq_len(n), each = years), year = rep(2001L:(2000L + years), n),
                        y = round(as.vector(t(out_y)), 6), x = round(as.vector(t(out_x)), 6)), commandArgs(TRUE)[2])' \
      "$firms" "$csv"
  fi
  cat "$csv" >/dev/null  # both start from the page cache
  echo "== $firms firms x 10 years, $threads threads"
  /usr/bin/time -f "gvcpanel wall %e s, peak %M KB" "$gvcpanel" fit --data "$csv" --panel firm,year \
    --model "y ~ l(y, 1) + x + i(year)" --estimator sys-gmm --gmm "y:2-99" --gmm "x:2-99" --collapse --two-step \
    --vcov robust --threads "$threads" --format json 2>&1 >/tmp/sysgmm_$$.json | tail -1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); c={x['name']:x for x in r['coef']}; print('gvcpanel l(y,1) %.10g se %.6g  x %.10g' % (c['l(y,1)']['estimate'], c['l(y,1)']['se'], c['x']['estimate']))" /tmp/sysgmm_$$.json
  rm -f /tmp/sysgmm_$$.json
  [ "${SKIP_PGMM:-0}" = 1 ] && continue
  /usr/bin/time -f "pgmm wall %e s, peak %M KB" Rscript -e '
    suppressMessages({library(plm); library(data.table)}); setDTthreads(as.integer(commandArgs(TRUE)[2]))
    t0 <- Sys.time()
    d <- pdata.frame(as.data.frame(fread(commandArgs(TRUE)[1])), index = c("firm", "year")); t1 <- Sys.time()
    m <- pgmm(y ~ lag(y, 1) + x | lag(y, 2:99) + lag(x, 2:99), data = d, effect = "twoways", model = "twosteps",
              transformation = "ld", collapse = TRUE); t2 <- Sys.time()
    se <- sqrt(diag(vcovHC(m))); t3 <- Sys.time()
    b <- coef(m)
    cat(sprintf("pgmm read %.2f s fit %.2f s vcovHC %.2f s  lag(y,1) %.10g se %.6g  x %.10g\n",
                as.numeric(t1 - t0, units = "secs"), as.numeric(t2 - t1, units = "secs"),
                as.numeric(t3 - t2, units = "secs"), b[["lag(y, 1)"]], se[["lag(y, 1)"]], b[["x"]]))' \
    "$csv" "$threads" 2>&1 | tail -2
done
