// Turning a spec document into a ready Conv1dProblem: permute NLC input, fill defaults.
#pragma once

#include <string>
#include <vector>

#include "convstep/io_json.h"
#include "convstep/problem.h"
#include "convstep/result.h"

namespace convstep::cli {

/// A spec made ready to run: the problem (input already in [N, C, L]) and its geometry.
struct LoadedSpec {
  SpecDocument document;
  Conv1dProblem problem;
  Geometry geometry;
  bool has_conv = true;  ///< false: the spec only generated an input
  Tensor input_given;    ///< the input in the layout the spec gave (before any permute)
  std::vector<std::vector<std::string>> tokens;  ///< for sentence input: [N][L] tokens
  std::vector<std::string> generated;            ///< which of input, weight, bias were generated
};

/// Reads a whole file, or standard input for "-". Errors name the file.
Result<std::string> ReadText(const std::string& path);

/// Parses and validates a spec: permutes NLC input, checks every tensor against the layer.
/// Tensor files named in the spec are found relative to `base_dir`.
/// `limits` bounds the memory of every tensor made or computed (the default budget is 1 GiB).
Result<LoadedSpec> LoadSpec(const std::string& text, const std::string& base_dir = ".",
                            const Limits& limits = Limits{});

/// The folder of a path ("." for "-" or a bare file name).
std::string FolderOf(const std::string& path);

}  // namespace convstep::cli
