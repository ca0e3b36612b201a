// `convstep-cli fit`: the weights of a layer recovered from an input and the output it gave.
#pragma once

#include <nlohmann/json.hpp>

#include "convstep/fit.h"
#include "model/spec_session.h"

namespace convstep::cli {

/// The result document of `convstep-cli fit`: `weight_shape`, `weight`, `bias` (when the layer
/// has one), `equations`, `unknowns`, `square`, `condition_number`, `max_residual`,
/// `rms_residual`, and `spec`: the layer, the input (in [N, C, L]) and the fitted tensors,
/// which `convstep-cli forward` runs as it is. Errors as FitWeights gives them, and a spec
/// without a "conv" object.
Result<nlohmann::json> FitToOutput(const gui::SpecSession& loaded, const Tensor& output,
                                   const Limits& limits);

}  // namespace convstep::cli
