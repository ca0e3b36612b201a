#!/usr/bin/env bash
# The engine's speed in the browser against the desktop, in one run: ForwardFast's GFLOP/s on
# the benchmark shapes (core/bench/bench_forward.cpp), single thread both, built twice from
# tools/bench_wasm_forward.cpp:
#   native  g++ -O3 against BUILD_DIR's libconvstep_core.a (the kernel the CPU gets: AVX-512F,
#           AVX2 + FMA or SSE2; the portable kernel is measured too, for reference)
#   wasm    em++ -O2 -msimd128, core compiled exactly as tools/test-wasm-core.sh compiles it
#           (objects shared in build-wasm-core/obj), run under node
# The two sides alternate for ROUNDS rounds and each keeps its best rate per shape (the machine
# may be shared); the ratio wasm / native is printed per shape, with the lowest and the
# geometric mean. The budget: at least 25% on every shape.
# Each side also measures its multiply-add peak (core/bench/fma_peak.cpp: fused multiply-adds in
# the native kernel's registers; for WebAssembly SIMD128, which has no fused multiply-add, a
# multiply, then an add, in 128 bits), and each rate is printed as a share of its own side's
# peak: how near the hardware each side runs, and the ceiling that the peaks' ratio sets for
# wasm / native.
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
# WebAssembly: test-wasm-core.sh's flags and objects, without the tests.
# shellcheck source=tools/wasm-core-objects.sh
source tools/wasm-core-objects.sh
flags+=(-Icore/bench)
compile_core
compile tools/bench_wasm_forward.cpp "$out/obj/bench_wasm_forward.o"
compile core/bench/fma_peak.cpp "$out/obj/fma_peak.o"
compile core/bench/bench_problem.cpp "$out/obj/bench_problem.o"
link_wasm "$out/bench_wasm.js"

# Native: the same driver against the desktop build's engine.
g++ -std=c++17 -O3 -Icore/include -Icore/bench tools/bench_wasm_forward.cpp \
  core/bench/fma_peak.cpp core/bench/bench_problem.cpp "$lib" -pthread -o "$out/bench_native"

results=$out/bench_wasm_rates.txt  # every measurement, kept for a look afterwards
: >"$results"
for round in $(seq "$rounds"); do
  echo "round $round of $rounds: native, then wasm ($min_time s per repetition)" >&2
  "$out/bench_native" --min-time "$min_time" --all-kernels | sed 's/^/native /' >>"$results"
  node --no-experimental-fetch "$out/bench_wasm.js" --min-time "$min_time" |
    sed 's/^/wasm /' >>"$results"
done
default_kernel=$("$out/bench_native" --default-kernel)

awk -v native_kernel="$default_kernel" '
  $2 == "peak" { side = $1 "/" $3; if ($4 > peak[side]) peak[side] = $4; next }
  { key = $4 " " $5 " " $6 " " $7 " " $8 " " $9 " " $10; side = $1 "/" $3
    if (!(key in seen)) { seen[key] = 1; order[++shapes] = key }
    if ($11 > best[side, key]) best[side, key] = $11 }
  END {
    np = peak["native/" native_kernel]; wp = peak["wasm/portable"]
    printf "%-28s %14s %14s %14s %8s %10s %10s\n", "N C L O k groups stride", \
           "native " native_kernel, "native portable", "wasm simd128", "wasm/native", \
           "native/pk", "wasm/pk"
    lowest = 1e9; logsum = 0
    for (i = 1; i <= shapes; ++i) {
      key = order[i]; n = best["native/" native_kernel, key]; w = best["wasm/portable", key]
      p = best["native/portable", key]; ratio = n > 0 ? w / n : 0
      printf "%-28s %14.1f %14.1f %14.1f %7.1f%% %9.1f%% %9.1f%%\n", key, n, p, w, 100 * ratio, \
             100 * n / np, 100 * w / wp
      if (ratio < lowest) lowest = ratio; logsum += log(ratio > 0 ? ratio : 1e-9)
    }
    printf "multiply-add peak, GFLOP/s: native %s %.1f, wasm simd128 %.1f: the peaks ratio wasm / native is %.1f%%\n", \
           native_kernel, np, wp, 100 * wp / np
    printf "wasm / native GFLOP/s: lowest %.1f%%, geometric mean %.1f%% (budget: at least 25%% on every shape: %s)\n", \
           100 * lowest, 100 * exp(logsum / shapes), (lowest >= 0.25 ? "met" : "NOT met")
  }' "$results"
