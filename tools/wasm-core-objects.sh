# Sourced by tools/test-wasm-core.sh and tools/bench-wasm.sh: compiles the engine (core/) with
# Emscripten for WebAssembly SIMD128, the portable kernel compiled with -msimd128 being the
# browser's ForwardFast. The text readers and writers (codegen, io_csv, io_json and its
# spec_keys) are left out: emscripten 3.1.6's libc++ has no std::to_chars for floats.
# Before sourcing, set `out` (the output folder; its obj/ keeps the objects between runs).
# Defines: `flags` (append the caller's include folders), `objects` (what compile added),
# `compile SOURCE OBJECT [extra flags]` (skipped when OBJECT is newer), and
# `compile_core`, then `link_wasm OUTPUT [em++ flags]`.
mkdir -p "$out/obj" "$out/include"
ln -sfn /usr/include/nlohmann "$out/include/nlohmann"  # not all of /usr/include: emscripten has its own libc
ln -sfn /usr/include/eigen3/Eigen "$out/include/Eigen"  # core/src/fit.cpp solves with Eigen
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
compile_core() {
  local source name skip=" codegen io_csv io_json spec_keys "
  for source in core/src/*.cpp; do
    name=$(basename "$source" .cpp)
    [[ "$skip" == *" $name "* ]] && continue
    if [ "$name" = forward_fast_kernel ]; then
      compile "$source" "$out/obj/$name.o" -DCONVSTEP_KERNEL_NAMESPACE=portable -DCONVSTEP_KERNEL_PORTABLE
    else
      compile "$source" "$out/obj/$name.o"
    fi
  done
}
link_wasm() {  # OUTPUT [em++ flags]
  local output=$1
  shift
  # Debian keeps the acorn module emscripten's JS optimiser needs in /usr/share/nodejs.
  NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs \
    em++ "${flags[@]}" "${objects[@]}" -o "$output" -sEXIT_RUNTIME=1 -sINITIAL_MEMORY=268435456 "$@"
}
