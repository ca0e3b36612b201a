// The JSON spec/session schema shared by convstep-cli, the app's --spec and saved sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convstep/json_text.h"
#include "convstep/problem.h"
#include "convstep/result.h"
#include "convstep/tensor.h"
#include "convstep/values.h"

namespace convstep {

/// A parsed spec document. Tensors that the file does not give are absent (empty optional);
/// filling them (from a seed, as nn.Conv1d would) is the caller's choice.
struct SpecDocument {
  bool has_conv = false;  ///< the "conv" object was present
  Conv1dSpec spec;        ///< valid when has_conv
  InputLayout layout = InputLayout::kNCL;
  std::optional<Tensor> input;       ///< as written, in `layout` order
  std::optional<Shape> input_shape;  ///< "input_shape", for generated input (in `layout` order)
  std::optional<Tensor> weight;
  std::optional<Tensor> bias;
  /// "fit_weights_to": an output the layer gave for this input; the weight (and bias) are
  /// recovered from it by least squares (fit.h) instead of being given or drawn.
  std::optional<Tensor> fit_output;
  std::vector<std::string> sentences;  ///< "sentences": text input, one sentence per item
  std::optional<uint64_t>
      seed;  ///< "seed": torch.manual_seed value, as torch keeps it (-1 is 2^64-1)
  bool seed_negative = false;  ///< the seed was written negative (print it as int64, as given)
  ValueSource values = ValueSource::kTorchRandn;  ///< "values": how missing tensors are made
  /// "title", "source", "session" and "view": what saved sessions and presets add, kept as
  /// written; any other unknown top-level key is refused.
  nlohmann::json extra;
};

/// Parses spec JSON text. Malformed JSON, repeated keys, wrong types, ragged lists and unknown
/// keys (top-level or in conv; a typo's nearest key is suggested) give an Error naming the
/// place (line/column or key path) and what would be right.
/// "input", "weight", "bias" and "fit_weights_to" may also be {"file": "PATH"} naming a .npy, .csv
/// or .txt (PyTorch's printed text) file; relative paths are taken from `base_dir`.
Result<SpecDocument> ParseSpecJson(const std::string& text, const std::string& base_dir = ".");

/// Loads a tensor file by its extension: .npy (float32/float64), .csv (a matrix, rows as
/// written), .txt (what print(tensor) printed). Errors name the file and the reason.
Result<Tensor> LoadTensorFile(const std::string& path);

/// Parses the "conv" object alone; with `source`, the document it comes from, messages quote an
/// integer written beyond 64 bits with its digits.
Result<Conv1dSpec> ParseConvJson(const nlohmann::json& conv, const JsonDocument* source = nullptr);

/// Reads a nested list of numbers (like tensor.tolist()) into a tensor; `name` is used in
/// errors ("input[2][1] has 4 elements, expected 3"); with `source`, the document it comes from,
/// messages quote an integer written beyond 64 bits with its digits.
Result<Tensor> TensorFromJson(const nlohmann::json& value, const std::string& name,
                              const JsonDocument* source = nullptr);

/// A tensor as nested lists, like tensor.tolist(); each float printed in its shortest form
/// that reads back to the same float32 (write it with DumpJson, json_text.h).
nlohmann::json TensorToJson(const Tensor& tensor);

/// A float32 as a JSON number in its shortest round-trip form; NaN, +Inf and -Inf, which
/// JSON lacks, as the strings "nan", "inf" and "-inf" (which TensorFromJson reads back).
nlohmann::json FloatToJson(float value);

/// One element of a tensor: a JSON number (refused when it would round to infinity in
/// float32) or one of the strings "nan", "inf", "-inf". Returns why not, or nothing on success;
/// `source` as for TensorFromJson.
std::optional<Message> FloatOfJson(const nlohmann::json& value, float* out,
                                   const JsonDocument* source = nullptr);

/// The "conv" object of a spec, with every key.
nlohmann::json ConvToJson(const Conv1dSpec& spec);

}  // namespace convstep
