#!/usr/bin/env bash
# Builds the engine's forward passes (core/) and their tests with Emscripten for WebAssembly
# SIMD128 and runs them under node: the portable kernel, compiled with -msimd128, is the
# browser's ForwardFast. The text readers and writers (codegen, io_csv, io_json) are left out:
# emscripten 3.1.6's libc++ has no std::to_chars for floats.
# Needs Debian's emscripten, node, nlohmann-json3-dev and googletest (libgtest-dev's sources).
# Usage: tools/test-wasm-core.sh [OUT_DIR] [-- gtest arguments]   (default OUT_DIR build-wasm-core)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build-wasm-core}
shift || true
[ "${1:-}" = "--" ] && shift
mkdir -p "$out/obj" "$out/include"
ln -sfn /usr/include/nlohmann "$out/include/nlohmann"  # not all of /usr/include: emscripten has its own libc
ln -sfn /usr/include/eigen3/Eigen "$out/include/Eigen"  # core/src/fit.cpp solves with Eigen
gtest=/usr/src/googletest/googletest
flags=(-std=c++17 -O2 -msimd128 -ffp-contract=off -pthread -Wall -Wextra -Wno-unused-command-line-argument
       -Icore/include -Icore/src -I"$out/include" -I"$gtest/include" -I"$gtest")
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
for source in core/tests/test_{forward,forward_fast,kernel_dispatch,walkthrough,validate}.cpp; do
  compile "$source" "$out/obj/$(basename "$source" .cpp).o" \
    -DCONVSTEP_GOLDEN_DIR="\"$(pwd)/core/tests/golden\""
done
compile "$gtest/src/gtest-all.cc" "$out/obj/gtest-all.o"
compile "$gtest/src/gtest_main.cc" "$out/obj/gtest_main.o"
# Debian keeps the acorn module emscripten's JS optimiser needs in /usr/share/nodejs.
export NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs
em++ "${flags[@]}" "${objects[@]}" -o "$out/convstep_core_tests.js" \
  -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sPTHREAD_POOL_SIZE=8 \
  -sINITIAL_MEMORY=268435456
# Emscripten 3.1.6 takes a global fetch (node 18 and later) for a browser: turn it off.
node --no-experimental-fetch "$out/convstep_core_tests.js" "$@"
