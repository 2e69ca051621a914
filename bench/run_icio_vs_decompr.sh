#!/bin/sh
# KWW and WWZ decompositions of a synthetic 76 x 45 ICIO with 5 final-demand categories: gvcpanel
# (bench_icio_decomp, which writes the table) against R decompr 6.4.0 on the same numbers, in the
# same run, both with the same BLAS thread count; prints both timings and the ratios. decompr needs
# several GB and minutes: run rarely.
#
#   bench/run_icio_vs_decompr.sh BUILD_DIR        (BUILD_DIR configured with -DGVCPANEL_BENCH=ON)
#   environment: THREADS (default 2), R_LIBS (where decompr is installed)
set -eu
build=${1:?usage: run_icio_vs_decompr.sh BUILD_DIR}
threads=${THREADS:-2}
table=$(mktemp /tmp/icio_XXXXXX.bin)
trap 'rm -f "$table"' EXIT
cmake --build "$build" --target bench_icio_decomp -j2 >/dev/null
export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads
ours=$("$build/bench/bench_icio_decomp" "$table")
echo "$ours"
theirs=$(Rscript -e '
  suppressMessages(library(decompr))
  G <- 76; N <- 45; K <- 5; GN <- G * N
  all <- matrix(readBin(commandArgs(TRUE)[1], "double", GN * (GN + G * K)), GN)
  x <- all[, 1:GN]; y <- all[, GN + 1:(G * K)]
  k <- sprintf("C%d", 0:(G - 1)); i <- sprintf("S%d", 0:(N - 1))
  t0 <- Sys.time(); kw <- decomp(x = x, y = y, k = k, i = i, method = "kww")
  t1 <- Sys.time(); wz <- decomp(x = x, y = y, k = k, i = i, method = "wwz")
  t2 <- Sys.time()
  cat(sprintf("decompr GN %d kww %.3f s wwz %.3f s peak %.0f MB sum DVA_FIN %.12g sum MDC %.12g\n", GN,
              as.numeric(t1 - t0, units = "secs"), as.numeric(t2 - t1, units = "secs"),
              sum(gc()[, 6]), sum(kw$DVA_FIN), sum(wz$MDC)))' "$table")
echo "$theirs"
echo "$ours $theirs" | awk '{ print "ratio (decompr / gvcpanel): kww " $26/$5 "x, wwz " $29/$8 "x" }'
