// Helpers shared by the core tests: random problems and file reading.
#pragma once

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "convstep/problem.h"

namespace convstep::testing {

/// Reads a file under the golden directory.
inline std::string ReadGolden(const std::string& name) {
  std::ifstream file(std::string(CONVSTEP_GOLDEN_DIR) + "/" + name);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

/// Fills a tensor of the given shape with uniform values in [-1, 1).
inline Tensor RandomTensor(const Shape& shape, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  Tensor tensor = Tensor::Zeros(shape);
  for (float& value : tensor.data) value = dist(rng);
  return tensor;
}

/// A problem with random tensors for a spec and an input shape (weight and bias from spec).
inline Conv1dProblem RandomProblem(const Conv1dSpec& spec, const Shape& input_shape,
                                   std::mt19937& rng) {
  Conv1dProblem problem;
  problem.spec = spec;
  problem.input = RandomTensor(input_shape, rng);
  problem.weight =
      RandomTensor({spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size}, rng);
  if (spec.bias) problem.bias = RandomTensor({spec.out_channels}, rng);
  return problem;
}

/// Bounds of RandomConfiguration's draws; each size is drawn uniformly in 1 .. its maximum.
struct RandomConfigurationRanges {
  int pick_max = 1000;        ///< the raw draws are uniform in 0 .. pick_max
  int max_groups = 3;         ///< groups in 1 .. max_groups
  int max_in_per_group = 3;   ///< in_channels = groups * (1 .. max_in_per_group)
  int max_out_per_group = 3;  ///< out_channels = groups * (1 .. max_out_per_group)
  int max_kernel = 5;         ///< kernel_size in 1 .. max_kernel
  int max_stride = 3;         ///< stride in 1 .. max_stride ('same' forces 1)
  int max_dilation = 3;       ///< dilation in 1 .. max_dilation
  int min_padding = 0;        ///< numeric padding in min_padding .. max_padding, or same / valid
  int max_padding = 3;
  int max_length = 20;       ///< L in 1 .. max_length
  int unbatched_one_in = 4;  ///< one input in this many is unbatched [C, L]
};

/// A random Conv1d configuration (any padding mode, bias or not, numeric / 'same' / 'valid'
/// padding, batched or unbatched) with random tensors. It may be invalid for PyTorch (e.g.
/// the kernel longer than the padded input); callers skip those with ValidateProblem.
inline Conv1dProblem RandomConfiguration(const RandomConfigurationRanges& ranges,
                                         std::mt19937& rng) {
  std::uniform_int_distribution<int> pick(0, ranges.pick_max);
  Conv1dSpec spec;
  spec.groups = 1 + pick(rng) % ranges.max_groups;
  spec.in_channels = spec.groups * (1 + pick(rng) % ranges.max_in_per_group);
  spec.out_channels = spec.groups * (1 + pick(rng) % ranges.max_out_per_group);
  spec.kernel_size = 1 + pick(rng) % ranges.max_kernel;
  spec.stride = 1 + pick(rng) % ranges.max_stride;
  spec.dilation = 1 + pick(rng) % ranges.max_dilation;
  spec.bias = pick(rng) % 2;
  spec.padding_mode = static_cast<PaddingMode>(pick(rng) % 4);
  const int numeric_paddings = ranges.max_padding - ranges.min_padding + 1;
  const int padding_choice = pick(rng) % (numeric_paddings + 2);
  if (padding_choice == numeric_paddings) {
    spec.padding_kind = PaddingKind::kSame;
    spec.stride = 1;
  } else if (padding_choice == numeric_paddings + 1) {
    spec.padding_kind = PaddingKind::kValid;
  } else {
    spec.padding = ranges.min_padding + padding_choice;  // negative crops (non-zero modes)
  }
  const int64_t length = 1 + pick(rng) % ranges.max_length;
  const Shape shape = pick(rng) % ranges.unbatched_one_in == 0
                          ? Shape{spec.in_channels, length}
                          : Shape{1 + pick(rng) % 3, spec.in_channels, length};
  return RandomProblem(spec, shape, rng);
}

}  // namespace convstep::testing
