#!/usr/bin/env bash
# Set-up and entry point: installs the Debian packages that are missing, configures and builds
# (incrementally) what was asked for, then runs it:
#   ./build.sh demo     builds the program only, runs the main job on the embedded default (the simulated cluster panel)
#   ./build.sh test     builds everything (the test binaries are most of it), runs the whole test suite
#   ./build.sh build    only install and build everything
# A second call installs nothing and rebuilds nothing that is up to date.
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake g++ make pkg-config libarmadillo-dev libopenblas-dev libceres-dev
          libboost-program-options-dev libgtest-dev libgmock-dev libfast-float-dev libreadstat-dev
          libtomlplusplus-dev nlohmann-json3-dev libcairo2-dev libzip-dev libexpat1-dev libxlsxwriter-dev)
# Only the tests need these: LibreOffice renders the Word and RTF tables, pdftotext reads them back.
[ "${1:-build}" = test ] && packages+=(libreoffice-writer-nogui poppler-utils)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "build.sh: installing ${missing[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${GVCPANEL_BUILD_DIR:-build}
werror=OFF; [ "${CI:-}" = "true" ] && werror=ON
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DGVCPANEL_WERROR="$werror" >/dev/null
fi
targets=(); [ "${1:-build}" = demo ] && targets=(--target gvcpanel)
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}" -- --no-print-directory -s

case "${1:-build}" in
  demo) shift; exec "$build_dir/gvcpanel" demo "$@" ;;
  test) shift; cd "$build_dir" && exec ctest --output-on-failure -j"$(nproc)" "$@" ;;
  build) ;;
  *) echo "usage: ./build.sh demo|test|build" >&2; exit 2 ;;
esac
