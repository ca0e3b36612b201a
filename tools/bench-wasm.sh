#!/usr/bin/env bash
# The engine's speed in the browser against the desktop, in one run: ForwardFast's GFLOP/s on
# the benchmark shapes (core/bench/bench_forward.cpp), single thread both, built twice from
# tools/bench_wasm_forward.cpp:
#   native  g++ -O2 against BUILD_DIR's libconvstep_core.a (the kernel the CPU gets: AVX-512F,
#           AVX2 + FMA or SSE2; the portable kernel is measured too, for reference)
#   wasm    em++ -O2 -msimd128, core compiled exactly as tools/test-wasm-core.sh compiles it
#           (objects shared in build-wasm-core/obj), run under node
# The two sides alternate for ROUNDS rounds and each keeps its best rate per shape (the machine
# may be shared); the ratio wasm / native is printed per shape, with the lowest and the
# geometric mean. The budget: at least 25% on every shape.
# Usage: tools/bench-wasm.sh [BUILD_DIR] [ROUNDS] [MIN_TIME_SECONDS]   (default build 2 0.3)
# Needs BUILD_DIR's convstep_core built (make bench-wasm does it), Debian's emscripten and node.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${2:-2}
min_time=${3:-0.3}
out=build-wasm-core
lib=$build/core/libconvstep_core.a
if [ ! -f "$lib" ]; then
  echo "bench-wasm: no $lib: run 'cmake --build $build --target convstep_core' (make bench-wasm does)" >&2
  exit 1
fi
mkdir -p "$out/obj" "$out/include"
ln -sfn /usr/include/nlohmann "$out/include/nlohmann"
ln -sfn /usr/include/eigen3/Eigen "$out/include/Eigen"  # core/src/fit.cpp solves with Eigen

# Native: the same driver against the desktop build's engine.
g++ -std=c++17 -O2 -Icore/include tools/bench_wasm_forward.cpp "$lib" -pthread \
  -o "$out/bench_native"

# WebAssembly: test-wasm-core.sh's flags and objects, without the tests.
flags=(-std=c++17 -O2 -msimd128 -ffp-contract=off -pthread -Wall -Wextra -Wno-unused-command-line-argument
       -Icore/include -Icore/src -I"$out/include")
objects=()
compile() {  # SOURCE OBJECT [extra flags]
  local source=$1 object=$2
  shift 2
  if [ ! -f "$object" ] || [ "$source" -nt "$object" ]; then
    em++ "${flags[@]}" "$@" -c "$source" -o "$object"
  fi
  objects+=("$object")
}
skip=" codegen io_csv io_json "
for source in core/src/*.cpp; do
  name=$(basename "$source" .cpp)
  [[ "$skip" == *" $name "* ]] && continue
  if [ "$name" = forward_fast_kernel ]; then
    compile "$source" "$out/obj/$name.o" -DCONVSTEP_KERNEL_NAMESPACE=portable -DCONVSTEP_KERNEL_PORTABLE
  else
    compile "$source" "$out/obj/$name.o"
  fi
done
compile tools/bench_wasm_forward.cpp "$out/obj/bench_wasm_forward.o"
export NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs
em++ "${flags[@]}" "${objects[@]}" -o "$out/bench_wasm.js" -sEXIT_RUNTIME=1 \
  -sINITIAL_MEMORY=268435456

results=$out/bench_wasm_rates.txt  # every measurement, kept for a look afterwards
: >"$results"
for round in $(seq "$rounds"); do
  echo "round $round of $rounds: native, then wasm ($min_time s per repetition)" >&2
  "$out/bench_native" --min-time "$min_time" --all-kernels | sed 's/^rate /native /' >>"$results"
  node --no-experimental-fetch "$out/bench_wasm.js" --min-time "$min_time" |
    sed 's/^rate /wasm /' >>"$results"
done
default_kernel=$("$out/bench_native" --default-kernel)

awk -v native_kernel="$default_kernel" '
  { key = $3 " " $4 " " $5 " " $6 " " $7 " " $8 " " $9; side = $1 "/" $2
    if (!(key in seen)) { seen[key] = 1; order[++shapes] = key }
    if ($10 > best[side, key]) best[side, key] = $10 }
  END {
    printf "%-28s %14s %14s %14s %8s\n", "N C L O k groups stride", \
           "native " native_kernel, "native portable", "wasm simd128", "wasm/native"
    lowest = 1e9; logsum = 0
    for (i = 1; i <= shapes; ++i) {
      key = order[i]; n = best["native/" native_kernel, key]; w = best["wasm/portable", key]
      p = best["native/portable", key]; ratio = n > 0 ? w / n : 0
      printf "%-28s %14.1f %14.1f %14.1f %7.1f%%\n", key, n, p, w, 100 * ratio
      if (ratio < lowest) lowest = ratio; logsum += log(ratio > 0 ? ratio : 1e-9)
    }
    printf "wasm / native GFLOP/s: lowest %.1f%%, geometric mean %.1f%% (budget: at least 25%% on every shape: %s)\n", \
           100 * lowest, 100 * exp(logsum / shapes), (lowest >= 0.25 ? "met" : "NOT met")
  }' "$results"
