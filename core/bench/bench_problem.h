// The benchmark shapes and their problems, shared by the engine's benchmark (bench_forward.cpp)
// and the browser's (tools/bench_wasm_forward.cpp), so both measure the same layers.
#pragma once

#include <cstdint>
#include <vector>

#include "convstep/problem.h"

namespace convstep_bench {

/// One benchmark layer: {N, C, L, O, k, groups, stride}; padding 0, dilation 1, with a bias.
using BenchShape = std::vector<int64_t>;

/// The benchmark layers: three dense ones, grouped, depthwise, and stride 2 dense and depthwise.
const std::vector<BenchShape>& BenchShapes();

/// The layer `shape` with input, weight and bias drawn uniformly from [-1, 1) (mt19937, seed 0).
convstep::Conv1dProblem MakeBenchProblem(const BenchShape& shape);

}  // namespace convstep_bench
