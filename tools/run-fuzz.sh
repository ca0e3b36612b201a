#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60).
# New inputs go to build-fuzz/corpus/<target>; the committed seeds in core/fuzz/corpus are
# read-only. A crash leaves its input in build-fuzz/artifacts/ and fails the script.
# Usage: tools/run-fuzz.sh [SECONDS] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(spec_json npy csv torch_text)

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCONVSTEP_FUZZ=ON -DCONVSTEP_NATIVE=OFF -DCONVSTEP_BUILD_APP=OFF \
  -DCONVSTEP_BUILD_TESTS=OFF -DCONVSTEP_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
mkdir -p build-fuzz/artifacts
for target in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$target"
  echo "fuzz_$target: ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1 "build-fuzz/core/fuzz/fuzz_$target" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/artifacts/${target}-" \
    "build-fuzz/corpus/$target" "core/fuzz/corpus/$target" 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ *DONE)|ERROR|SUMMARY" || true
  if ls build-fuzz/artifacts/"${target}"-* >/dev/null 2>&1; then
    echo "fuzz_$target found a failing input: $(ls build-fuzz/artifacts/"${target}"-*)" >&2
    exit 1
  fi
done
echo "fuzzing: ${#targets[@]} targets ran ${seconds}s each, no crash"
