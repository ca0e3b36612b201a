#include "load.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "convstep/permute.h"
#include "convstep/sentences.h"
#include "convstep/torch_random.h"

namespace convstep::cli {
namespace {

// Input in [N, C, L] order, whatever layout it was given in.
Result<Tensor> ToNcl(const Tensor& given, InputLayout layout) {
  if (layout == InputLayout::kNCL) return given;
  return PermuteLastTwo(given);
}

// Fills the tensors the spec does not give: the input from input_shape, then the weight and
// bias as nn.Conv1d creates them, in the order the equivalent Python draws them.
Result<bool> FillMissing(const SpecDocument& doc, const Limits& limits, LoadedSpec* loaded) {
  const uint64_t seed = doc.seed.value_or(0);
  GeneratedTensors made;
  if (doc.input_shape) {
    if (doc.has_conv) {
      auto generated =
          GenerateTensors(doc.spec, *doc.input_shape, doc.layout, doc.values, seed, limits);
      if (!generated) return generated.error();
      made = std::move(generated).value();
    } else {
      auto input = GenerateInput(*doc.input_shape, doc.values, seed, limits);
      if (!input) return input.error();
      made.input = std::move(input).value();
    }
    loaded->generated.push_back("input");
  } else {
    if (!doc.sentences.empty()) {
      auto batch = EmbedSentences(doc.sentences, doc.spec.in_channels, seed);
      if (!batch) return batch.error();
      made.input = batch->vectors;
      loaded->tokens = batch->tokens;
      loaded->generated.push_back("input");
    } else {
      made.input = *doc.input;
    }
    const bool need_init = doc.has_conv && (!doc.weight || (doc.spec.bias && !doc.bias));
    if (need_init && doc.sentences.empty()) {
      // As the app does: the source makes every tensor in order (input, weight, bias) and the
      // given input replaces the one it drew, so the weights match the app's for this spec.
      auto generated =
          GenerateTensors(doc.spec, made.input.shape, doc.layout, doc.values, seed, limits);
      if (!generated) return generated.error();
      made.weight = generated->weight;
      made.bias = generated->bias;
    } else if (need_init) {
      // torch.manual_seed(seed); x = word vectors; conv = nn.Conv1d(...)
      TorchGenerator generator;
      generator.manual_seed(seed);
      auto init = generator.conv1d_default_init(doc.spec);
      if (!init) return init.error();
      made.weight = init->weight;
      made.bias = init->bias;
    }
  }
  loaded->input_given = made.input;
  if (!doc.has_conv) return true;
  loaded->problem.weight = doc.weight ? *doc.weight : made.weight;
  if (!doc.weight) loaded->generated.push_back("weight");
  if (doc.spec.bias) {
    loaded->problem.bias = doc.bias ? *doc.bias : made.bias;
    if (!doc.bias) loaded->generated.push_back("bias");
  } else if (doc.bias) {
    loaded->problem.bias = *doc.bias;  // reported by ValidateProblem
  }
  return true;
}

}  // namespace

Result<std::string> ReadText(const std::string& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    return MakeError(path + " is a directory, not a file", "file",
                     "give the path of a spec .json file, not of a folder");
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return MakeError("cannot open " + path, "file", "check the path and that the file is readable");
  buffer << file.rdbuf();
  if (file.bad())
    return MakeError("cannot read " + path, "file", "check that the file is readable");
  return buffer.str();
}

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (path == "-" || slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Result<LoadedSpec> LoadSpec(const std::string& text, const std::string& base_dir,
                            const Limits& limits) {
  auto parsed = ParseSpecJson(text, base_dir);
  if (!parsed) return parsed.error();
  LoadedSpec loaded;
  loaded.document = std::move(parsed).value();
  const SpecDocument& doc = loaded.document;
  loaded.has_conv = doc.has_conv;
  if (!doc.sentences.empty() && !doc.has_conv)
    return MakeError("sentences need a \"conv\" object", "conv",
                     "conv.in_channels sets the size of each word vector");
  if (!doc.sentences.empty() && doc.layout != InputLayout::kNLC)
    return MakeError("sentences give [N, L, C] input, so input_layout must be \"NLC\"",
                     "input_layout", "set \"input_layout\": \"NLC\" or leave it out");
  if (!doc.input && !doc.input_shape && doc.sentences.empty())
    return MakeError("the spec has no \"input\" and no \"input_shape\"", "input",
                     "add \"input\" as nested lists like tensor.tolist(), or \"input_shape\" with "
                     "\"seed\" to draw it like torch.randn");
  // Construction errors come first, as in PyTorch, before any complaint about tensors.
  if (doc.has_conv) {
    if (auto built = ValidateSpec(doc.spec); !built) return built.error();
  }
  if (auto filled = FillMissing(doc, limits, &loaded); !filled) return filled.error();
  auto input = ToNcl(loaded.input_given, doc.layout);
  if (!input) return input.error();
  loaded.problem.input = std::move(input).value();
  if (!doc.has_conv) return loaded;
  loaded.problem.spec = doc.spec;
  auto geometry = ValidateProblem(loaded.problem, limits);
  if (!geometry) return geometry.error();
  loaded.geometry = *geometry;
  return loaded;
}

}  // namespace convstep::cli
