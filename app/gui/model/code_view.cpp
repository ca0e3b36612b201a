#include "model/code_view.h"

#include "convstep/codegen_equivalents.h"
#include "convstep/torch_text.h"
#include "convstep/values.h"

namespace convstep::gui {
namespace {

bool SameTensor(const Tensor& a, const Tensor& b) {
  return a.shape == b.shape && a.data == b.data;
}

bool Draws(ValueSource source) {
  return source == ValueSource::kTorchRandn || source == ValueSource::kSmallIntegers;
}

}  // namespace

CodeSpec CodeSpecFor(const Session& session) {
  const Recipe& recipe = session.recipe;
  CodeSpec code;
  code.has_conv = true;
  code.spec = recipe.spec;
  code.layout = recipe.layout;
  code.values = recipe.source;
  code.seed = recipe.seed;
  code.input_shape = session.input_given.shape;
  if (recipe.values == ValuesFrom::kSentences) {
    code.sentences = recipe.sentences;
    code.input_drawn = false;
    return code;
  }
  auto generated =
      GenerateTensors(recipe.spec, code.input_shape, recipe.layout, recipe.source, recipe.seed);
  if (!generated) {  // nothing can be generated: write every tensor out
    code.input_drawn = false;
    code.input = session.input_given;
    code.weight = session.problem.weight;
    if (recipe.spec.bias) code.bias = session.problem.bias;
    return code;
  }
  const bool input_same = SameTensor(generated->input, session.input_given);
  const bool weight_same = SameTensor(generated->weight, session.problem.weight);
  const bool bias_same = !recipe.spec.bias || SameTensor(generated->bias, session.problem.bias);
  if (!input_same) code.input = session.input_given;
  if (!weight_same) code.weight = session.problem.weight;
  if (!bias_same) code.bias = session.problem.bias;
  // The input's draw stays when it is the input, or when a generated weight or bias is drawn
  // after it (the generator's state must be where the app's was).
  code.input_drawn =
      input_same || (Draws(recipe.source) && (weight_same || (recipe.spec.bias && bias_same)));
  return code;
}

int64_t LiteralValueCount(const CodeSpec& code) {
  int64_t count = 0;
  if (code.input) count += code.input->numel();
  if (code.weight) count += code.weight->numel();
  if (code.bias) count += code.bias->numel();
  return count;
}

std::string SessionPython(const Session& session) {
  const CodeSpec code = CodeSpecFor(session);
  const int64_t literals = LiteralValueCount(code);
  if (literals > kMaxLiteralValues)
    return "# The values of this session were typed, edited or loaded, and there are " +
           std::to_string(literals) +
           " of them: too many to write out here.\n# Save the session as JSON and run "
           "`convstep-cli code SESSION.json` to get the full program.\n";
  return PythonCode(code);
}

std::string EquivalentFormsPython(const Session& session) {
  if (LiteralValueCount(CodeSpecFor(session)) > kMaxLiteralValues) return "";
  const Conv1dSpec& spec = session.recipe.spec;
  const Geometry& g = session.geometry;
  std::string py = "\n" + Conv2dPython(spec, g);
  if (spec.groups == 1) py += "\n" + ImageConv2dPython(spec, g, g.in_channels);
  return py + "\n" + MatmulPython(spec, g);
}

std::string PrintedExpression(const Session& session, PrintedTensor which, int64_t n) {
  const bool nlc = session.recipe.layout == InputLayout::kNLC;
  switch (which) {
    case PrintedTensor::kInputGiven:
      return "x";
    case PrintedTensor::kInputPermuted:
      return nlc ? "x.permute(0, 2, 1)" : "x";
    case PrintedTensor::kWeight:
      return "conv.weight";
    case PrintedTensor::kBias:
      return "conv.bias";
    case PrintedTensor::kOutput:
      return "y";
    case PrintedTensor::kOutputItem:
      return "y[" + std::to_string(n) + "]";
  }
  return "y";
}

std::string AddTorchSuffix(const std::string& printed, const std::string& suffix) {
  constexpr size_t kIndent = 7;  // len("tensor(")
  constexpr size_t kLineWidth = 80;
  const size_t newline = printed.rfind('\n');
  // torch: len(s) - s.rfind("\n") + 1, where rfind gives -1 when there is no newline.
  const size_t last_line =
      newline == std::string::npos ? printed.size() + 2 : printed.size() - newline + 1;
  if (last_line + suffix.size() + 2 > kLineWidth)
    return printed + ",\n" + std::string(kIndent, ' ') + suffix + ")";
  return printed + ", " + suffix + ")";
}

std::string TorchPrint(const Session& session, PrintedTensor which, int64_t n) {
  auto without_paren = [](std::string text) {
    if (!text.empty() && text.back() == ')') text.pop_back();
    return text;
  };
  switch (which) {
    case PrintedTensor::kInputGiven:
      return FormatTorchTensor(session.input_given);
    case PrintedTensor::kInputPermuted:
      return FormatTorchTensor(session.problem.input);
    case PrintedTensor::kWeight:
      return "Parameter containing:\n" +
             AddTorchSuffix(without_paren(FormatTorchTensor(session.problem.weight)),
                            "requires_grad=True");
    case PrintedTensor::kBias:
      if (!session.recipe.spec.bias) return {};
      return "Parameter containing:\n" +
             AddTorchSuffix(without_paren(FormatTorchTensor(session.problem.bias)),
                            "requires_grad=True");
    case PrintedTensor::kOutput:
      return AddTorchSuffix(without_paren(FormatTorchTensor(session.output)),
                            "grad_fn=<ConvolutionBackward0>");
    case PrintedTensor::kOutputItem: {
      const Geometry& g = session.geometry;
      if (n < 0 || n >= g.batch) return {};
      Tensor item;
      item.shape = {g.out_channels, g.out_length};
      const auto begin = session.output.data.begin() + n * g.out_channels * g.out_length;
      item.data.assign(begin, begin + g.out_channels * g.out_length);
      return AddTorchSuffix(without_paren(FormatTorchTensor(item)), "grad_fn=<SelectBackward0>");
    }
  }
  return {};
}

}  // namespace convstep::gui
