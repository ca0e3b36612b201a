#include "fit.h"

#include "convstep/io_json.h"

namespace convstep::cli {

Result<nlohmann::json> FitToOutput(const gui::SpecSession& loaded, const Tensor& output,
                                   const Limits& limits) {
  if (!loaded.has_conv)
    return MakeError("the spec has no \"conv\" object", "conv",
                     "fit needs a layer: add \"conv\": {\"in_channels\": ..., ...}");
  Conv1dProblem problem = loaded.session.problem;
  problem.input = gui::AsGiven(loaded, problem.input);  // a [C, L] input stays unbatched
  Result<WeightFit> fit = FitWeights(problem.spec, problem.input, output, limits);
  if (!fit) return fit.error();
  nlohmann::json spec = {{"conv", ConvToJson(problem.spec)},
                         {"input_layout", "NCL"},
                         {"input", TensorToJson(problem.input)},
                         {"weight", TensorToJson(fit->weight)}};
  nlohmann::json result = {{"weight_shape", fit->weight.shape},
                           {"weight", TensorToJson(fit->weight)}};
  if (problem.spec.bias) {
    result["bias"] = TensorToJson(fit->bias);
    spec["bias"] = TensorToJson(fit->bias);
  }
  result["equations"] = fit->equations;
  result["unknowns"] = fit->unknowns;
  result["square"] = fit->square;
  result["condition_number"] = fit->condition_number;
  result["max_residual"] = fit->max_residual;
  result["rms_residual"] = fit->rms_residual;
  result["spec"] = std::move(spec);
  return result;
}

}  // namespace convstep::cli
