// Session: the convolution on screen. A Recipe is what the user asked for (every control of
// the parameters panel edits one field of it); a Session is a recipe that validated, with its
// tensors, geometry and output. The app always shows the last valid Session.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "convstep/geometry.h"
#include "convstep/io_json.h"
#include "convstep/problem.h"
#include "convstep/result.h"
#include "convstep/spec.h"
#include "convstep/tensor.h"
#include "convstep/values.h"
#include "convstep/walkthrough.h"

namespace convstep::gui {

/// Where the numbers come from.
enum class ValuesFrom {
  kGenerated,     ///< every tensor from `source` and `seed`
  kSeedDocument,  ///< the seed document's printed [6,5,3] input; weights generated
  kSpecFile,      ///< the tensors a spec file gave; missing ones generated
  kSentences,     ///< typed sentences: seeded word vectors (sentences.h); weights generated
};

/// Everything that defines a session.
struct Recipe {
  Conv1dSpec spec = SeedSpec();
  int64_t batch = 6;                       ///< N
  int64_t length = 5;                      ///< L (C is spec.in_channels)
  InputLayout layout = InputLayout::kNLC;  ///< [N, L, C] needs permute(0, 2, 1) first
  ValuesFrom values = ValuesFrom::kGenerated;
  ValueSource source = ValueSource::kTorchRandn;  ///< generator of the generated tensors
  uint64_t seed = 0;                              ///< torch.manual_seed value
  std::optional<Tensor> fixed_input;   ///< given input, in `layout` order (not kGenerated)
  std::optional<Tensor> fixed_weight;  ///< weight from a spec file
  std::optional<Tensor> fixed_bias;    ///< bias from a spec file
  std::string origin;                  ///< where fixed tensors came from (file name), for display
  bool edited = false;  ///< kSpecFile values changed by hand after they came from `origin`
  /// kSentences: one sentence per item; N is their count, L the longest one's token count.
  std::vector<std::string> sentences;
};

/// The input's shape as given: [N, L, C] for NLC, [N, C, L] for NCL.
Shape GivenInputShape(const Recipe& recipe);

/// How a tensor's numbers are printed, decided once per tensor as torch's printer does.
struct NumberStyle {
  bool integers = false;  ///< every value is a whole number ("3." in torch; "3" here)
  float abs_max = 1.f;    ///< largest magnitude (1 for an all-zero tensor): the colour scale
};

/// Decides the NumberStyle of a tensor.
NumberStyle StyleOf(const Tensor& tensor);

/// Up to this many multiply-adds the output is computed with ForwardReference (bit-identical
/// to the walkthrough's sums); above it with ForwardFast.
inline constexpr int64_t kReferenceMacLimit = 32'000'000;

/// A recipe that validated, with everything derived from it.
struct Session {
  Recipe recipe;
  Tensor input_given;     ///< the input as given ([N, L, C] or [N, C, L])
  Conv1dProblem problem;  ///< input permuted to [N, C, L]
  Geometry geometry;
  Tensor output;  ///< [N, O, L_out], computed once (see kReferenceMacLimit)
  NumberStyle input_style, weight_style, output_style;
  /// kSentences: tokens[n][l] label the L axis (padded with "<pad>"); empty otherwise.
  std::vector<std::vector<std::string>> tokens;
};

/// Builds a session, validating in PyTorch's order (construction, then forward). Errors keep
/// the core's parameter name ("stride", "input", ...) or "values" for value-source problems.
/// `limits` is the memory budget; `cancelled`, when given, is asked between the costly stages
/// (a background build that a newer edit superseded stops early with an error). Memory the
/// machine refuses (std::bad_alloc) is an error too ("out_of_memory"), never an abort. A
/// fast-path output is spread over `threads` threads (the same bits for any count). Without
/// `with_output` the output is left empty (convstep-cli computes its own with ForwardFast).
Result<Session> BuildSession(const Recipe& recipe, const Limits& limits = Limits{},
                             const std::function<bool()>& cancelled = {}, int threads = 1,
                             bool with_output = true);

/// BuildSession's cheap checks alone (construction, shapes, the memory budget, the shapes of
/// fixed tensors): no tensor is made. What an edit shows at once when the build itself runs
/// in the background.
Result<Geometry> CheckRecipe(const Recipe& recipe, const Limits& limits = Limits{});

/// A Walkthrough over a session. Cheap; it refers to `session.problem`, which must outlive it.
Walkthrough MakeWalkthrough(const Session& session);

/// A recipe from a parsed spec document (the convstep-cli schema): its "values" source and
/// "seed" make the tensors the document does not give. 2-d input gets a batch of 1.
Result<Recipe> RecipeFromDocument(const SpecDocument& document, const std::string& origin);

/// Value of a padded input cell of batch item n: the input, a zero, or a ghost's source.
float PaddedValue(const Session& session, int64_t n, int64_t in_channel, int64_t padded_pos);

/// Linear index of input[n, c, l] in the [N, C, L] problem input.
inline int64_t InputIndex(const Geometry& g, int64_t n, int64_t c, int64_t l) {
  return (n * g.in_channels + c) * g.length + l;
}
/// Linear index of weight[o, c_local, k].
inline int64_t WeightIndex(const Geometry& g, int64_t o, int64_t c_local, int64_t k) {
  return (o * g.in_per_group + c_local) * g.kernel_size + k;
}
/// Linear index of output[n, o, t].
inline int64_t OutputIndexOf(const Geometry& g, int64_t n, int64_t o, int64_t t) {
  return (n * g.out_channels + o) * g.out_length + t;
}

}  // namespace convstep::gui

namespace convstep::gui {

/// What PyTorch does when the input as given ([N, L, C]) goes into the layer without the
/// permute: the error it raises, or, when L == C, a geometry that runs but mixes up words
/// and channels.
Result<Geometry> WithoutPermute(const Session& session);

}  // namespace convstep::gui
