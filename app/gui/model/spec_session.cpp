#include "model/spec_session.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <utility>

#include "convstep/io_npy.h"
#include "convstep/permute.h"
#include "convstep/values.h"

namespace convstep::gui {
namespace {

// The checks of the document itself, before any tensor: what it must hold to make a session.
Result<bool> CheckDocument(const SpecDocument& doc, bool draw_default_input) {
  if (!doc.sentences.empty() && !doc.has_conv)
    return MakeError("sentences need a \"conv\" object", "conv",
                     "conv.in_channels sets the size of each word vector");
  if (!doc.sentences.empty() && doc.layout != InputLayout::kNLC)
    return MakeError("sentences give [N, L, C] input, so input_layout must be \"NLC\"",
                     "input_layout", "set \"input_layout\": \"NLC\" or leave it out");
  if (!doc.input && !doc.input_shape && doc.sentences.empty() && !draw_default_input)
    return MakeError("the spec has no \"input\" and no \"input_shape\"", "input",
                     "add \"input\" as nested lists like tensor.tolist(), or \"input_shape\" with "
                     "\"seed\" to draw it like torch.randn");
  return true;
}

// An unbatched [C, L] input (given, or drawn from a 2-D input_shape) runs as [1, C, L], but
// PyTorch checks the [C, L] it is given and names that shape in its messages ("at dimension 1
// of input [4, 6]"): check it as given, before the session is built.
Result<bool> CheckUnbatchedInput(const SpecDocument& doc, const Limits& limits) {
  Shape shape;
  if (doc.input) {
    shape = doc.input->shape;
  } else if (doc.input_shape) {
    shape = *doc.input_shape;
  }
  if (shape.size() != 2) return true;
  if (doc.layout == InputLayout::kNLC) std::swap(shape[0], shape[1]);
  if (auto checked = Validate(doc.spec, shape, limits); !checked) return checked.error();
  return true;
}

// A spec that gives every tensor is checked as PyTorch checks the call conv(x): its own error
// for an input of the wrong rank or a weight or bias of the wrong shape.
Result<bool> CheckGivenProblem(const SpecDocument& doc, const Limits& limits) {
  if (doc.input_shape && doc.input_shape->size() != 2 && doc.input_shape->size() != 3) {
    // Drawn as the equivalent Python draws it, then refused by conv1d as PyTorch refuses it.
    auto made = GenerateTensors(doc.spec, *doc.input_shape, doc.layout, doc.values,
                                doc.seed.value_or(0), limits);
    if (!made) return made.error();
    Tensor input = std::move(made->input);
    if (doc.layout == InputLayout::kNLC) {
      auto permuted = PermuteLastTwo(input);
      if (!permuted) return permuted.error();
      input = std::move(permuted).value();
    }
    if (auto checked = Validate(doc.spec, input.shape, limits); !checked) return checked.error();
  }
  if (!doc.input || !doc.weight || (doc.spec.bias && !doc.bias)) {
    if (doc.input && doc.input->dim() != 2 && doc.input->dim() != 3) {
      Tensor input = *doc.input;
      if (doc.layout == InputLayout::kNLC) {
        auto permuted = PermuteLastTwo(input);
        if (!permuted) return permuted.error();
        input = std::move(permuted).value();
      }
      if (auto checked = Validate(doc.spec, input.shape, limits); !checked) return checked.error();
    }
    return CheckUnbatchedInput(doc, limits);
  }
  Conv1dProblem problem;
  problem.spec = doc.spec;
  if (doc.layout == InputLayout::kNLC) {
    auto permuted = PermuteLastTwo(*doc.input);
    if (!permuted) return permuted.error();
    problem.input = std::move(permuted).value();
  } else {
    problem.input = *doc.input;
  }
  problem.weight = *doc.weight;
  if (doc.bias) problem.bias = *doc.bias;
  if (auto checked = ValidateProblem(problem, limits); !checked) return checked.error();
  return true;
}

// A spec without a layer: only its input, given or drawn.
Result<SpecSession> InputOnly(SpecSession opened, const Limits& limits) {
  const SpecDocument& doc = opened.document;
  if (doc.input_shape) {
    auto input = GenerateInput(*doc.input_shape, doc.values, doc.seed.value_or(0), limits);
    if (!input) return input.error();
    opened.input_given = std::move(input).value();
    opened.generated.push_back("input");
  } else {
    opened.input_given = *doc.input;
  }
  if (doc.layout == InputLayout::kNLC)
    if (auto permuted = PermuteLastTwo(opened.input_given); !permuted) return permuted.error();
  return opened;
}

}  // namespace

Result<SpecSession> OpenSpecDocument(const SpecDocument& document, const std::string& origin,
                                     const Limits& limits, bool draw_default_input,
                                     bool with_output) {
  if (auto ok = CheckDocument(document, draw_default_input); !ok) return ok.error();
  SpecSession opened;
  opened.document = document;
  opened.has_conv = document.has_conv;
  if (!document.has_conv) return InputOnly(std::move(opened), limits);
  const SpecDocument& doc = opened.document;
  // Construction errors come first, as in PyTorch, before any complaint about tensors.
  if (auto built = ValidateSpec(doc.spec); !built) return built.error();
  if (auto ok = CheckGivenProblem(doc, limits); !ok) return ok.error();
  auto recipe = RecipeFromDocument(doc, origin);
  if (!recipe) return recipe.error();
  auto session = BuildSession(*recipe, limits, {}, 1, with_output);
  if (!session) return session.error();
  opened.session = std::move(session).value();
  if (doc.bias && !doc.spec.bias) {  // PyTorch: the layer has no bias to copy values into
    Conv1dProblem with_bias = opened.session.problem;
    with_bias.bias = *doc.bias;
    if (auto checked = ValidateProblem(with_bias, limits); !checked) return checked.error();
  }
  opened.input_given = opened.session.input_given;
  opened.unbatched =
      doc.input ? doc.input->dim() == 2 : doc.input_shape && doc.input_shape->size() == 2;
  if (doc.input_shape || !doc.sentences.empty()) opened.generated.push_back("input");
  if (!doc.weight) opened.generated.push_back("weight");
  if (doc.spec.bias && !doc.bias) opened.generated.push_back("bias");
  return opened;
}

Result<SpecSession> LoadSpec(const std::string& text, const std::string& base_dir,
                             const std::string& origin, const Limits& limits, bool with_output) {
  auto parsed = ParseSpecJson(text, base_dir);
  if (!parsed) return parsed.error();
  return OpenSpecDocument(*parsed, origin, limits, false, with_output);
}

Tensor AsGiven(const SpecSession& opened, const Tensor& tensor) {
  if (!opened.unbatched || tensor.dim() != 3) return tensor;
  Tensor squeezed = tensor;
  squeezed.shape.erase(squeezed.shape.begin());
  return squeezed;
}

Geometry GivenGeometry(const SpecSession& opened) {
  Geometry geometry = opened.session.geometry;
  geometry.batched = !opened.unbatched;
  return geometry;
}

Result<std::string> ReadText(const std::string& path) {
  // Bounded: standard input or a file that never ends (/dev/zero) cannot exhaust memory.
  if (path == "-") return ReadStreamBytes(std::cin, "standard input", kMaxTextFileBytes);
  return ReadFileBytes(path, kMaxTextFileBytes);
}

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (path == "-" || slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace convstep::gui
