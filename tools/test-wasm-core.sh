#!/usr/bin/env bash
# Builds the engine's forward passes (core/) and their tests with Emscripten for WebAssembly
# SIMD128 (tools/wasm-core-objects.sh) and runs them under node.
# Needs Debian's emscripten, node, nlohmann-json3-dev and googletest (libgtest-dev's sources).
# Usage: tools/test-wasm-core.sh [OUT_DIR] [-- gtest arguments]   (default OUT_DIR build-wasm-core)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build-wasm-core}
shift || true
[ "${1:-}" = "--" ] && shift
# shellcheck source=tools/wasm-core-objects.sh
source tools/wasm-core-objects.sh
gtest=/usr/src/googletest/googletest
flags+=(-I"$gtest/include" -I"$gtest")
compile_core
for source in core/tests/test_{forward,forward_fast,kernel_dispatch,walkthrough,validate}.cpp; do
  compile "$source" "$out/obj/$(basename "$source" .cpp).o" \
    -DCONVSTEP_GOLDEN_DIR="\"$(pwd)/core/tests/golden\""
done
compile "$gtest/src/gtest-all.cc" "$out/obj/gtest-all.o"
compile "$gtest/src/gtest_main.cc" "$out/obj/gtest_main.o"
link_wasm "$out/convstep_core_tests.js" -sNODERAWFS=1 -sPTHREAD_POOL_SIZE=8
# Emscripten 3.1.6 takes a global fetch (node 18 and later) for a browser: turn it off.
node --no-experimental-fetch "$out/convstep_core_tests.js" "$@"
