#include "model/session.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <utility>

#include "convstep/fit.h"
#include "convstep/forward.h"
#include "convstep/permute.h"
#include "convstep/sentences.h"
#include "model/sentences_input.h"

namespace convstep::gui {

Shape GivenInputShape(const Recipe& recipe) {
  const int64_t channels = recipe.spec.in_channels;
  if (recipe.layout == InputLayout::kNLC) return {recipe.batch, recipe.length, channels};
  return {recipe.batch, channels, recipe.length};
}

NumberStyle StyleOf(const Tensor& tensor) {
  NumberStyle style;
  style.integers = true;
  float abs_max = 0.f;
  for (float value : tensor.data) {
    abs_max = std::max(abs_max, std::fabs(value));
    if (style.integers && value != std::floor(value)) style.integers = false;
  }
  style.abs_max = abs_max > 0.f && std::isfinite(abs_max) ? abs_max : 1.f;
  return style;
}

namespace {

// The name of the axis of a given-layout shape that differs from the fixed tensor's.
std::string DifferingControl(const Recipe& recipe, const Shape& fixed) {
  const Shape wanted = GivenInputShape(recipe);
  if (fixed.size() != 3) return "values";
  if (fixed[0] != wanted[0]) return "batch";
  const int length_axis = recipe.layout == InputLayout::kNLC ? 1 : 2;
  if (fixed[static_cast<size_t>(length_axis)] != wanted[static_cast<size_t>(length_axis)])
    return "length";
  return "in_channels";
}

Result<bool> CheckFixedShape(const Recipe& recipe, const Tensor& tensor, const Shape& wanted,
                             const char* name) {
  if (tensor.shape == wanted) return true;
  const MessageArg from = recipe.origin.empty()
                              ? MessageArg(Message{"loaded_values", "the loaded values", {}})
                              : MessageArg(recipe.origin);
  std::string control = "values";
  if (std::string(name) == "input") control = DifferingControl(recipe, tensor.shape);
  return MakeError(Message{"fixed_shape",
                           "the {0} values from {1} are {2}, but this layer needs {3}",
                           {name, from, FormatShape(tensor.shape), FormatShape(wanted)}},
                   control,
                   Hint{"fixed_shape",
                        "fixed values cannot change shape: undo this change, or choose generated "
                        "values under 'Values from' to change the shape",
                        {}});
}

// nn.Conv1d(...) construction first (it fails before any tensor exists), then the sizes N and
// L, then the layer on an [N, C, L] input: the checks every recipe passes, whatever its values.
Result<Geometry> CheckLayer(const Recipe& recipe, const Limits& limits) {
  if (auto built = ValidateSpec(recipe.spec); !built) return built.error();
  if (recipe.batch < 0 || recipe.length < 0)
    return MakeError(
        Message{"sizes_negative", "sizes must not be negative", {}},
        recipe.batch < 0 ? "batch" : "length",
        Hint{"sizes_negative", "N and L count sentences and words: use 0 or more", {}});
  return Validate(recipe.spec, {recipe.batch, recipe.spec.in_channels, recipe.length}, limits);
}

}  // namespace

Result<Geometry> CheckRecipe(const Recipe& recipe, const Limits& limits) {
  auto geometry = CheckLayer(recipe, limits);
  if (!geometry) return geometry.error();
  if (recipe.values == ValuesFrom::kSentences) return geometry;
  if (recipe.values != ValuesFrom::kGenerated && recipe.fixed_input)
    if (auto ok = CheckFixedShape(recipe, *recipe.fixed_input, GivenInputShape(recipe), "input");
        !ok)
      return ok.error();
  if (recipe.values == ValuesFrom::kSpecFile) {
    if (recipe.fixed_weight)
      if (auto ok =
              CheckFixedShape(recipe, *recipe.fixed_weight, geometry->WeightShape(), "weight");
          !ok)
        return ok.error();
    if (recipe.spec.bias && recipe.fixed_bias)
      if (auto ok = CheckFixedShape(recipe, *recipe.fixed_bias, {recipe.spec.out_channels}, "bias");
          !ok)
        return ok.error();
  }
  return geometry;
}

namespace {

Result<Session> BuildSessionWithin(const Recipe& recipe, const Limits& limits,
                                   const std::function<bool()>& cancelled, int threads,
                                   bool with_output) {
  const auto superseded = [&] { return cancelled && cancelled(); };
  const auto superseded_error = [] {
    return MakeError(Message{"superseded", "superseded by a newer edit", {}}, "values",
                     Hint{"superseded", "nothing to do: the newer edit runs", {}});
  };
  auto geometry = CheckLayer(recipe, limits);
  if (!geometry) return geometry.error();
  const Shape given_shape = GivenInputShape(recipe);

  Session session;
  session.recipe = recipe;
  GeneratedTensors generated;
  const bool sentences = recipe.values == ValuesFrom::kSentences;
  if (sentences) {  // typed sentences: their word vectors, then the weights (sentences_input.h)
    auto made = SentenceTensors(recipe, &session.tokens);
    if (!made) return made.error();
    generated = std::move(made).value();
  }
  const bool need_generated =
      !sentences && (recipe.values == ValuesFrom::kGenerated || !recipe.fixed_input ||
                     !recipe.fixed_weight || (recipe.spec.bias && !recipe.fixed_bias));
  if (need_generated) {
    auto made = GenerateTensors(recipe.spec, given_shape, recipe.layout, recipe.source, recipe.seed,
                                limits);
    if (!made) {
      Error error = made.error();
      if (error.parameter != "input") error.parameter = "values";
      return error;
    }
    generated = std::move(made).value();
  }
  const Shape weight_shape = geometry->WeightShape();
  if (recipe.values != ValuesFrom::kGenerated && recipe.fixed_input) {
    if (auto ok = CheckFixedShape(recipe, *recipe.fixed_input, given_shape, "input"); !ok)
      return ok.error();
    session.input_given = *recipe.fixed_input;
  } else {
    session.input_given = std::move(generated.input);
  }
  const bool use_fixed_weights = recipe.values == ValuesFrom::kSpecFile;
  if (use_fixed_weights && recipe.fixed_weight) {
    if (auto ok = CheckFixedShape(recipe, *recipe.fixed_weight, weight_shape, "weight"); !ok)
      return ok.error();
    session.problem.weight = *recipe.fixed_weight;
  } else {
    session.problem.weight = std::move(generated.weight);
  }
  if (recipe.spec.bias) {
    if (use_fixed_weights && recipe.fixed_bias) {
      if (auto ok = CheckFixedShape(recipe, *recipe.fixed_bias, {recipe.spec.out_channels}, "bias");
          !ok)
        return ok.error();
      session.problem.bias = *recipe.fixed_bias;
    } else {
      session.problem.bias = std::move(generated.bias);
    }
  }
  session.problem.spec = recipe.spec;
  if (recipe.layout == InputLayout::kNLC) {
    auto permuted = PermuteLastTwo(session.input_given);
    if (!permuted) return permuted.error();
    session.problem.input = std::move(permuted).value();
  } else {
    session.problem.input = session.input_given;
  }
  auto checked = ValidateProblem(session.problem, limits);
  if (!checked) return checked.error();
  if (superseded()) return superseded_error();
  session.geometry = *checked;
  // Small problems use the reference pass: the same loop order and float rounding as the
  // walkthrough, so the output panel and the dot product show the very same number. Large
  // ones use the fast GEMM path (equal up to float rounding).
  if (!with_output) {
    session.input_style = StyleOf(session.input_given);
    session.weight_style = StyleOf(session.problem.weight);
    return session;
  }
  if (session.geometry.MacCount() <= kReferenceMacLimit) {
    session.output = ForwardReference(session.problem, session.geometry);
  } else {
    ThreadPool pool(threads);
    FastOptions options;
    options.pool = &pool;
    session.output = ForwardFast(session.problem, session.geometry, options);
  }
  session.input_style = StyleOf(session.input_given);
  session.weight_style = StyleOf(session.problem.weight);
  session.output_style = StyleOf(session.output);
  return session;
}

}  // namespace

Result<Session> BuildSession(const Recipe& recipe, const Limits& limits,
                             const std::function<bool()>& cancelled, int threads,
                             bool with_output) {
  // Memory the budget allows may still be refused by the machine: an error, never an abort.
  try {
    return BuildSessionWithin(recipe, limits, cancelled, threads, with_output);
  } catch (const std::bad_alloc&) {
    return OutOfMemoryError(Message{"budget_config", "this configuration's tensors", {}}, limits);
  }
}

Walkthrough MakeWalkthrough(const Session& session) {
  return Walkthrough(session.problem, session.geometry);
}

namespace {

// A spec's "fit_weights_to": the weight (and bias) that map the recipe's given input to
// `output`, recovered by least squares, become the recipe's fixed weights.
Result<bool> FitRecipeWeights(Recipe& recipe, Tensor output) {
  if (!recipe.fixed_input)
    return MakeError(
        Message{"spec_fit_needs_input", "fit_weights_to needs the input's values", {}},
        "fit_weights_to",
        Hint{"spec_fit_needs_input", "give \"input\" as the values the layer ran on", {}});
  Result<Tensor> input = recipe.layout == InputLayout::kNLC ? PermuteLastTwo(*recipe.fixed_input)
                                                            : Result<Tensor>(*recipe.fixed_input);
  if (!input) return input.error();
  if (output.dim() == 2) output.shape.insert(output.shape.begin(), 1);  // [O, L_out] as a batch
  Result<WeightFit> fit = FitWeights(recipe.spec, *input, output);
  if (!fit) return fit.error();
  recipe.fixed_weight = fit->weight;
  if (recipe.spec.bias) recipe.fixed_bias = fit->bias;
  recipe.values = ValuesFrom::kSpecFile;
  return true;
}

}  // namespace

Result<Recipe> RecipeFromDocument(const SpecDocument& doc, const std::string& origin) {
  if (!doc.has_conv)
    return MakeError(
        Message{"spec_no_conv", "the spec has no \"conv\" object", {}}, "conv",
        Hint{"spec_no_conv",
             "add \"conv\": {\"in_channels\": 3, \"out_channels\": 8, \"kernel_size\": 2}",
             {}});
  Recipe recipe;
  recipe.spec = doc.spec;
  recipe.layout = doc.layout;
  recipe.origin = origin;
  recipe.seed = doc.seed.value_or(0);
  recipe.source = doc.values;
  if (!doc.sentences.empty()) {  // "sentences": N and L follow them (sentences_input.h)
    recipe.values = ValuesFrom::kSentences;
    recipe.sentences = doc.sentences;
    recipe.layout = InputLayout::kNLC;
    recipe.batch = static_cast<int64_t>(doc.sentences.size());
    recipe.length = 0;
    for (const std::string& sentence : doc.sentences)
      recipe.length =
          std::max<int64_t>(recipe.length, static_cast<int64_t>(Tokenize(sentence).size()));
    return recipe;
  }
  Shape shape;
  if (doc.input) {
    Tensor input = *doc.input;
    if (input.dim() == 2) input.shape.insert(input.shape.begin(), 1);  // [C, L] -> [1, C, L]
    shape = input.shape;
    recipe.fixed_input = std::move(input);
    recipe.values = ValuesFrom::kSpecFile;
  } else if (doc.input_shape) {
    shape = *doc.input_shape;
    if (shape.size() == 2) shape.insert(shape.begin(), 1);
  } else {
    shape = doc.layout == InputLayout::kNLC ? Shape{1, 8, doc.spec.in_channels}
                                            : Shape{1, doc.spec.in_channels, 8};
  }
  if (shape.size() != 3)
    return MakeError(Message{"spec_input_dims",
                             "the input must be [N, C, L] or [C, L], but got {0}",
                             {FormatShape(shape)}},
                     "input", Hint{"spec_input_dims", "give a 2-d or 3-d input", {}});
  // The file's channel axis must agree with in_channels: the app edits them as one control.
  const int64_t channels = doc.layout == InputLayout::kNLC ? shape[2] : shape[1];
  if (channels != doc.spec.in_channels) {
    const Shape ncl = doc.layout == InputLayout::kNLC ? Shape{shape[0], shape[2], shape[1]} : shape;
    auto checked = Validate(doc.spec, ncl);
    if (!checked) return checked.error();
  }
  recipe.batch = shape[0];
  recipe.length = doc.layout == InputLayout::kNLC ? shape[1] : shape[2];
  if (doc.fit_output) {
    auto fitted = FitRecipeWeights(recipe, *doc.fit_output);
    if (!fitted) return fitted.error();
  }
  if (doc.weight) {
    recipe.fixed_weight = *doc.weight;
    recipe.values = ValuesFrom::kSpecFile;
  }
  if (doc.bias) {
    recipe.fixed_bias = *doc.bias;
    recipe.values = ValuesFrom::kSpecFile;
  }
  return recipe;
}

float PaddedValue(const Session& session, int64_t n, int64_t in_channel, int64_t padded_pos) {
  const Geometry& g = session.geometry;
  const PaddedCell cell = SourceOf(g, padded_pos);
  if (cell.kind == CellKind::kZeroPad) return 0.f;
  return session.problem.input.data[static_cast<size_t>(InputIndex(g, n, in_channel, cell.source))];
}

}  // namespace convstep::gui

namespace convstep::gui {

Result<Geometry> WithoutPermute(const Session& session) {
  return Validate(session.recipe.spec, session.input_given.shape);
}

}  // namespace convstep::gui
