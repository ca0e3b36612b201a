#include "load.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "convstep/permute.h"

namespace convstep::cli {

Result<std::string> ReadText(const std::string& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
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

Result<LoadedSpec> LoadSpec(const std::string& text, const std::string& base_dir) {
  auto parsed = ParseSpecJson(text, base_dir);
  if (!parsed) return parsed.error();
  LoadedSpec loaded;
  loaded.document = std::move(parsed).value();
  const SpecDocument& doc = loaded.document;
  if (!doc.has_conv)
    return MakeError("the spec has no \"conv\" object", "conv",
                     "add \"conv\": {\"in_channels\": 3, \"out_channels\": 8, \"kernel_size\": 2}");
  if (!doc.input)
    return MakeError("the spec has no \"input\"", "input",
                     "add \"input\" as nested lists, like tensor.tolist() prints it");
  Conv1dProblem& problem = loaded.problem;
  problem.spec = doc.spec;
  if (doc.layout == InputLayout::kNLC) {
    auto permuted = PermuteLastTwo(*doc.input);
    if (!permuted) return permuted.error();
    problem.input = std::move(permuted).value();
  } else {
    problem.input = *doc.input;
  }
  // Construction errors come first, as in PyTorch, before any complaint about tensors.
  if (auto built = ValidateSpec(problem.spec); !built) return built.error();
  if (!doc.weight)
    return MakeError("the spec has no \"weight\"", "weight",
                     "add \"weight\" of shape [out_channels, in_channels/groups, kernel_size]");
  problem.weight = *doc.weight;
  if (problem.spec.bias) {
    if (!doc.bias)
      return MakeError("the spec has no \"bias\" but conv.bias is true", "bias",
                       "add \"bias\" with out_channels values, or set \"bias\": false");
    problem.bias = *doc.bias;
  } else if (doc.bias) {
    problem.bias = *doc.bias;  // reported by ValidateProblem
  }
  auto geometry = ValidateProblem(problem);
  if (!geometry) return geometry.error();
  loaded.geometry = *geometry;
  return loaded;
}

}  // namespace convstep::cli
