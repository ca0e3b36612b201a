#include "convstep/problem.h"

namespace convstep {
namespace {

Result<bool> CheckData(const Tensor& tensor, const char* name) {
  if (ShapeNumel(tensor.shape) != static_cast<int64_t>(tensor.data.size()))
    return MakeError(std::string(name) + " has shape " + FormatShape(tensor.shape) + " but holds " +
                         std::to_string(tensor.data.size()) + " values",
                     name, "give exactly one value per element of the shape");
  return true;
}

}  // namespace

Result<Geometry> ValidateProblem(const Conv1dProblem& problem, const Limits& limits) {
  auto geometry = Validate(problem.spec, problem.input.shape, limits);
  if (!geometry) return geometry;
  const Shape weight = geometry->WeightShape();
  if (problem.weight.shape != weight)
    return MakeError("weight has shape " + FormatShape(problem.weight.shape) + " but " +
                         SpecPython(problem.spec) + " needs " + FormatShape(weight),
                     "weight",
                     "the weight is [out_channels, in_channels/groups, kernel_size]; give one of "
                     "shape " + FormatShape(weight) + " or leave it out to draw it");
  if (problem.spec.bias && problem.bias.shape != Shape{problem.spec.out_channels})
    return MakeError("bias has shape " + FormatShape(problem.bias.shape) + " but " +
                         SpecPython(problem.spec) + " needs [" +
                         std::to_string(problem.spec.out_channels) + "]",
                     "bias", "the bias has one value per output channel");
  if (!problem.spec.bias && !problem.bias.shape.empty())
    return MakeError("a bias was given but the layer has bias=False", "bias",
                     "set bias to true, or remove the bias values");
  if (auto input = CheckData(problem.input, "input"); !input) return input.error();
  if (auto weights = CheckData(problem.weight, "weight"); !weights) return weights.error();
  if (problem.spec.bias) {
    if (auto bias = CheckData(problem.bias, "bias"); !bias) return bias.error();
  }
  return geometry;
}

}  // namespace convstep
