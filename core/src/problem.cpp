#include "convstep/problem.h"

namespace convstep {
namespace {

Result<bool> CheckData(const Tensor& tensor, const char* name) {
  if (ShapeNumel(tensor.shape) != static_cast<int64_t>(tensor.data.size()))
    return MakeError(
        Message{"shape_holds",
                "{0} has shape {1} but holds {2} values",
                {name, FormatShape(tensor.shape), std::to_string(tensor.data.size())}},
        name, Hint{"one_value_per_element", "give exactly one value per element of the shape", {}});
  return true;
}

}  // namespace

Result<Geometry> ValidateProblem(const Conv1dProblem& problem, const Limits& limits) {
  auto geometry = Validate(problem.spec, problem.input.shape, limits);
  if (!geometry) return geometry;
  const Shape weight = geometry->WeightShape();
  if (problem.weight.shape != weight)
    return MakeError(
        Message{"weight_shape",
                "weight has shape {0} but {1} needs {2}",
                {FormatShape(problem.weight.shape), SpecPython(problem.spec), FormatShape(weight)}},
        "weight",
        Hint{"weight_shape",
             "the weight is [out_channels, in_channels/groups, kernel_size]; give one "
             "of shape {0} or leave it out to draw it",
             {FormatShape(weight)}});
  if (problem.spec.bias && problem.bias.shape != Shape{problem.spec.out_channels})
    return MakeError(Message{"bias_shape",
                             "bias has shape {0} but {1} needs [{2}]",
                             {FormatShape(problem.bias.shape), SpecPython(problem.spec),
                              std::to_string(problem.spec.out_channels)}},
                     "bias",
                     Hint{"bias_per_channel", "the bias has one value per output channel", {}});
  if (!problem.spec.bias && !problem.bias.shape.empty())
    return MakeError(Message{"bias_unwanted", "a bias was given but the layer has bias=False", {}},
                     "bias",
                     Hint{"bias_unwanted", "set bias to true, or remove the bias values", {}});
  if (auto input = CheckData(problem.input, "input"); !input) return input.error();
  if (auto weights = CheckData(problem.weight, "weight"); !weights) return weights.error();
  if (problem.spec.bias) {
    if (auto bias = CheckData(problem.bias, "bias"); !bias) return bias.error();
  }
  return geometry;
}

}  // namespace convstep
