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
  problem.weight = RandomTensor({spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size}, rng);
  if (spec.bias) problem.bias = RandomTensor({spec.out_channels}, rng);
  return problem;
}

}  // namespace convstep::testing
