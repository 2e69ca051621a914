#!/bin/sh
# Reads one 10^7-row, 10-column CSV (about 1 GB, written by bench_make_csv under /tmp) with
# gvcpanel's read_csv and with R data.table::fread, both at 2 threads, in the same run, and prints
# seconds and peak resident memory side by side. Heavy: run it rarely.
#
#   bench/run_csv_vs_fread.sh BUILD_DIR        (BUILD_DIR configured with -DGVCPANEL_BENCH=ON)
#   environment: CSV (default /tmp/gvcpanel_bench_csv.csv), ROWS (default 10000000)
set -eu
build=${1:?usage: run_csv_vs_fread.sh BUILD_DIR}
csv=${CSV:-/tmp/gvcpanel_bench_csv.csv}
rows=${ROWS:-10000000}
threads=2

cmake --build "$build" --target bench_make_csv bench_csv_read -j2 >/dev/null
[ -f "$csv" ] || "$build/bench/bench_make_csv" "$csv" "$rows"
cat "$csv" >/dev/null  # both readers start from the page cache

gv=$("$build/bench/bench_csv_read" "$csv" "$threads")
fread=$(Rscript -e '
  suppressMessages(library(data.table))
  setDTthreads('"$threads"')
  base <- as.numeric(sub("VmHWM:\\s+(\\d+) kB", "\\1", grep("^VmHWM", readLines("/proc/self/status"), value = TRUE))) / 1024
  seconds <- system.time(d <- fread("'"$csv"'", nThread = '"$threads"'))[["elapsed"]]
  peak <- as.numeric(sub("VmHWM:\\s+(\\d+) kB", "\\1", grep("^VmHWM", readLines("/proc/self/status"), value = TRUE))) / 1024
  columns <- as.numeric(object.size(d)) / 2^20
  cat(sprintf("rows=%d cols=%d seconds=%.3f peak_rss_mb=%.1f columns_mb=%.1f ratio=%.3f rss_before_read_mb=%.1f\n",
              nrow(d), ncol(d), seconds, peak, columns, peak / columns, base))')

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
echo "file: $csv ($(du -m "$csv" | cut -f1) MB), threads: $threads, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %10s %14s %12s %10s\n' reader rows seconds peak_rss_mb columns_mb ratio
for reader in gvcpanel fread; do
  if [ "$reader" = gvcpanel ]; then line=$gv; else line=$fread; fi
  printf '%-10s %10s %10s %14s %12s %10s\n' "$reader" "$(field "$line" rows)" "$(field "$line" seconds)" \
    "$(field "$line" peak_rss_mb)" "$(field "$line" columns_mb)" "$(field "$line" ratio)"
done
echo "footprint before the read (included in the peaks): gvcpanel $(field "$gv" rss_before_read_mb) MB, R $(field "$fread" rss_before_read_mb) MB"
