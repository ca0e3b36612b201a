#include "state/fit_window.h"

#include <limits>

#include "convstep/permute.h"
#include "convstep/torch_text.h"
#include "state/background.h"
#include "state/tensor_import.h"

namespace convstep::gui {
namespace {

// The input as given (in the session's layout) for the window's choice.
Result<Tensor> GivenInput(const AppState& app, const FitWindowState& fit) {
  if (fit.input_from == FitSource::kSession) return app.session->input_given;
  auto parsed = ParsePastedTensor(fit.input_text);
  if (!parsed) {
    Error error = parsed.error();
    error.parameter = "input";
    return error;
  }
  return parsed;
}

Result<Tensor> FitOutput(const AppState& app, const FitWindowState& fit) {
  if (fit.output_from == FitSource::kSession) return app.session->output;
  auto parsed = ParsePastedTensor(fit.output_text);
  if (!parsed) {
    Error error = parsed.error();
    error.parameter = "output";
    return error;
  }
  return parsed;
}

}  // namespace

bool RunWeightFit(const AppState& app, FitWindowState& fit) {
  fit.result.reset();
  fit.fitted_input.reset();
  fit.error.reset();
  fit.applied = false;
  auto given = GivenInput(app, fit);
  if (!given) {
    fit.error = given.error();
    return false;
  }
  auto output = FitOutput(app, fit);
  if (!output) {
    fit.error = output.error();
    return false;
  }
  Result<Tensor> input = app.session->recipe.layout == InputLayout::kNLC ? PermuteLastTwo(*given)
                                                                         : Result<Tensor>(*given);
  if (!input) {
    fit.error = input.error();
    return false;
  }
  auto result = FitWeights(app.session->recipe.spec, *input, *output, SessionLimits(app));
  if (!result) {
    fit.error = result.error();
    return false;
  }
  fit.result = std::move(result).value();
  fit.fitted_input = std::move(given).value();
  fit.result_session = app.session;
  return true;
}

bool ApplyWeightFit(AppState& app, FitWindowState& fit) {
  if (!fit.result || !fit.fitted_input || fit.result_session != app.session) {
    fit.error =
        MakeError(Message{"fit_stale", "there is no fit for the current session", {}}, "weight",
                  Hint{"fit_stale", "press Fit first: the layer or its values changed", {}});
    return false;
  }
  const ImportTarget target = app.session->recipe.layout == InputLayout::kNLC
                                  ? ImportTarget::kInputNLC
                                  : ImportTarget::kInputNCL;
  auto recipe = RecipeWithTensor(*app.session, *fit.fitted_input, target, "fit");
  if (!recipe) {
    fit.error = recipe.error();
    return false;
  }
  Recipe fitted = std::move(recipe).value();
  fitted.fixed_weight = fit.result->weight;
  if (fitted.spec.bias) fitted.fixed_bias = fit.result->bias;
  fitted.edited = true;
  auto built = BuildSession(fitted, SessionLimits(app));
  if (!built) {
    fit.error = built.error();
    return false;
  }
  PushUndo(app);
  ShowSession(app, std::move(built).value(), Keep::kPosition);
  fit.result.reset();  // the session changed: a new fit belongs to the new one
  fit.error.reset();
  fit.applied = true;
  return true;
}

bool LoadFitTensorFile(FitWindowState& fit, bool into_output) {
  auto tensor = ReadTensorFile(fit.file_path);
  if (!tensor) {
    fit.error = tensor.error();
    return false;
  }
  // Every number, to float precision: the text is what the fit reads back.
  TorchPrintOptions options;
  options.precision = 9;
  options.threshold = std::numeric_limits<int>::max();
  (into_output ? fit.output_text : fit.input_text) = FormatTorchTensor(*tensor, options);
  (into_output ? fit.output_from : fit.input_from) = FitSource::kPasted;
  fit.error.reset();
  return true;
}

}  // namespace convstep::gui
