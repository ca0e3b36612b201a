#include "convstep/io_json.h"

#include "convstep/io_csv.h"
#include "convstep/io_npy.h"
#include "convstep/torch_text.h"
#include "spec_keys.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <optional>
#include <system_error>
#include <vector>

namespace convstep {
namespace {

using nlohmann::json;

// Reads a JSON number as a whole int64. A whole value written with a point or an exponent
// (3.0, 2E0, 1e2) is kWrittenAsFloat: *out holds it, and the caller decides, as PyTorch does
// (nn.Conv1d(1, 1, 3.0) and torch.randn(2.0) raise TypeError; torch.manual_seed(3.0) works).
enum class Whole { kOk, kWrittenAsFloat, kNotNumber, kFraction, kTooLarge };
Whole WholeNumber(const json& value, int64_t* out) {
  if (value.is_number_unsigned()) {
    if (value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return Whole::kTooLarge;
    *out = static_cast<int64_t>(value.get<uint64_t>());
    return Whole::kOk;
  }
  if (value.is_number_integer()) {
    *out = value.get<int64_t>();
    return Whole::kOk;
  }
  if (!value.is_number_float()) return Whole::kNotNumber;
  const double number = value.get<double>();
  if (!std::isfinite(number) || std::fabs(number) >= 0x1p63) return Whole::kTooLarge;
  if (number != std::floor(number)) return Whole::kFraction;
  *out = static_cast<int64_t>(number);
  return Whole::kWrittenAsFloat;
}

// The refusal of a whole number written as 3.0: PyTorch takes only Python ints there.
Error WrittenAsFloat(const std::string& name, const std::string& parameter, const json& value,
                     int64_t number) {
  return MakeError(Message{"written_as_float",
                           "{0} is {1}, written with a decimal point or an exponent, which "
                           "PyTorch refuses for sizes (TypeError)",
                           {name, JsonExcerpt(value)}},
                   parameter,
                   Hint{"write_integer", "write it as the integer {0}", {std::to_string(number)}});
}

Error NotWhole(const std::string& key, const json& value, const JsonDocument* source) {
  return MakeError(Message{"conv_not_integer",
                           "conv.{0} must be a whole number, but got {1}",
                           {key, DescribeJson(value, source)}},
                   key,
                   Hint{"conv_not_integer", "write {0} as a number without quotes, e.g. 1", {key}});
}

Result<int64_t> IntField(const json& conv, const char* key, int64_t fallback, bool required,
                         const JsonDocument* source) {
  if (!conv.contains(key)) {
    if (required)
      return MakeError(
          Message{"conv_missing", "conv.{0} is missing", {key}}, key,
          Hint{"conv_missing", "nn.Conv1d needs {0}; add it as a whole number", {key}});
    return fallback;
  }
  const json& value = conv.at(key);
  int64_t number = 0;
  switch (WholeNumber(value, &number)) {
    case Whole::kOk:
      return number;
    case Whole::kWrittenAsFloat:
      return WrittenAsFloat(std::string("conv.") + key, key, value, number);
    case Whole::kTooLarge:
      return MakeError(Message{"conv_too_large",
                               "conv.{0} is {1}, beyond the 64-bit integers PyTorch takes",
                               {key, JsonExcerpt(value, source)}},
                       key,
                       Hint{"conv_whole_range",
                            "use a number from -9223372036854775808 to 9223372036854775807",
                            {}});
    default:
      return NotWhole(key, value, source);
  }
}

}  // namespace

Result<Conv1dSpec> ParseConvJson(const json& conv, const JsonDocument* source) {
  if (!conv.is_object())
    return MakeError(
        Message{"conv_not_object", "conv must be an object, but got {0}", {JsonTypeName(conv)}},
        "conv",
        Hint{"conv_write_object",
             "write conv as {\"in_channels\": 3, \"out_channels\": 8, \"kernel_size\": 2}",
             {}});
  static const char* kKeys[] = {"in_channels", "out_channels", "kernel_size",
                                "stride",      "padding",      "dilation",
                                "groups",      "bias",         "padding_mode"};
  for (auto it = conv.begin(); it != conv.end(); ++it) {
    bool known = false;
    for (const char* key : kKeys) known = known || it.key() == key;
    if (!known)
      return MakeError(
          Message{"conv_unknown_key", "conv has an unknown key {0}", {JsonExcerpt(json(it.key()))}},
          Excerpt(it.key()),
          Hint{"conv_keys",
               "the keys are in_channels, out_channels, kernel_size, stride, padding, "
               "dilation, groups, bias, padding_mode",
               {}});
  }
  Conv1dSpec spec;
  struct Field {
    const char* key;
    int64_t* target;
    int64_t fallback;
    bool required;
  };
  const Field fields[] = {
      {"in_channels", &spec.in_channels, 0, true}, {"out_channels", &spec.out_channels, 0, true},
      {"kernel_size", &spec.kernel_size, 0, true}, {"stride", &spec.stride, 1, false},
      {"dilation", &spec.dilation, 1, false},      {"groups", &spec.groups, 1, false}};
  for (const Field& field : fields) {
    auto value = IntField(conv, field.key, field.fallback, field.required, source);
    if (!value) return value.error();
    *field.target = *value;
  }
  spec.padding_kind = PaddingKind::kExplicit;
  spec.padding = 0;
  if (conv.contains("padding")) {
    const json& padding = conv.at("padding");
    if (padding.is_string()) {
      const std::string text = padding.get<std::string>();
      if (text == "same") {
        spec.padding_kind = PaddingKind::kSame;
      } else if (text == "valid") {
        spec.padding_kind = PaddingKind::kValid;
      } else {
        spec.padding_kind = PaddingKind::kInvalid;  // reported by validation, in PyTorch's order
        spec.invalid_padding = text;
      }
    } else {
      auto value = IntField(conv, "padding", 0, false, source);
      if (!value && value.error().message_key != "conv_not_integer") return value.error();
      if (!value)
        return MakeError(
            Message{"conv_padding_kind",
                    "{0}, or the string \"same\" or \"valid\"",
                    {MessageOf(value.error())}},
            "padding",
            Hint{
                "conv_padding_kind", "write padding as a whole number, \"same\" or \"valid\"", {}});
      spec.padding = *value;
    }
  }
  spec.bias = true;
  if (conv.contains("bias")) {
    if (!conv.at("bias").is_boolean())
      return MakeError(Message{"conv_bias_type",
                               "conv.bias must be true or false, but got {0}",
                               {JsonTypeName(conv.at("bias"))}},
                       "bias",
                       Hint{"conv_bias_type", "write bias as true or false, without quotes", {}});
    spec.bias = conv.at("bias").get<bool>();
  }
  spec.padding_mode = PaddingMode::kZeros;
  if (conv.contains("padding_mode")) {
    if (!conv.at("padding_mode").is_string())
      return MakeError(
          Message{"conv_mode_type",
                  "conv.padding_mode must be a string, but got {0}",
                  {JsonTypeName(conv.at("padding_mode"))}},
          "padding_mode",
          Hint{
              "conv_mode_type", "write \"zeros\", \"reflect\", \"replicate\" or \"circular\"", {}});
    const std::string name = conv.at("padding_mode").get<std::string>();
    spec.padding_mode = ParsePaddingMode(name);
    if (spec.padding_mode == PaddingMode::kInvalid) spec.invalid_mode = name;
  }
  return spec;
}

json ConvToJson(const Conv1dSpec& spec) {
  json conv = {{"in_channels", spec.in_channels},
               {"out_channels", spec.out_channels},
               {"kernel_size", spec.kernel_size},
               {"stride", spec.stride},
               {"dilation", spec.dilation},
               {"groups", spec.groups},
               {"bias", spec.bias}};
  switch (spec.padding_kind) {
    case PaddingKind::kSame:
      conv["padding"] = "same";
      break;
    case PaddingKind::kValid:
      conv["padding"] = "valid";
      break;
    case PaddingKind::kInvalid:
      conv["padding"] = spec.invalid_padding;
      break;
    case PaddingKind::kExplicit:
      conv["padding"] = spec.padding;
      break;
  }
  conv["padding_mode"] = spec.padding_mode == PaddingMode::kInvalid
                             ? spec.invalid_mode
                             : PaddingModeName(spec.padding_mode);
  return conv;
}

Result<Tensor> LoadTensorFile(const std::string& path) {
  auto ends_with = [&](const std::string& suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".npy")) return ReadNpyFile(path);
  if (ends_with(".csv")) return ReadCsvFile(path, CsvOrientation::kRowsAreChannels);
  if (ends_with(".txt")) {
    auto bytes = ReadFileBytes(path, kMaxTextFileBytes);
    if (!bytes) return bytes.error();
    auto tensor = ParseTorchTensor(*bytes);
    if (!tensor) {
      Error error = tensor.error();
      SetMessage(error, Message{"in_file", "{0}: {1}", {path, MessageOf(error)}});
      error.parameter = "file";
      return error;
    }
    return tensor;
  }
  return MakeError(
      Message{"unknown_file_type", "{0}: unknown file type", {path}}, "file",
      Hint{"file_types",
           "use .npy (numpy.save), .csv (one row per line) or .txt (print(tensor) text)",
           {}});
}

namespace {

// "input_layout": "NCL" or "NLC".
Result<bool> ReadLayout(const json& value, const JsonDocument& source, SpecDocument& doc) {
  const std::string layout = value.is_string() ? value.get<std::string>() : "";
  if (layout == "NCL") {
    doc.layout = InputLayout::kNCL;
  } else if (layout == "NLC") {
    doc.layout = InputLayout::kNLC;
  } else {
    return MakeError(Message{"spec_layout",
                             "input_layout must be \"NCL\" or \"NLC\", but got {0}",
                             {DescribeJson(value, &source)}},
                     "input_layout",
                     Hint{"spec_layout",
                          "\"NCL\" is [batch, channels, length] as Conv1d wants it; \"NLC\" is "
                          "[batch, length, channels] and is permuted first",
                          {}});
  }
  return true;
}

// "input", "weight", "bias" and "fit_weights_to": a nested list or {"file": "PATH"}.
Result<bool> ReadTensorKey(const std::string& key, const json& value, const std::string& base_dir,
                           const JsonDocument& source, SpecDocument& doc) {
  Result<Tensor> tensor = Tensor{};
  if (value.is_object()) {
    if (!value.contains("file") || !value["file"].is_string() || value.size() != 1)
      return MakeError(Message{"spec_tensor_object",
                               "{0} must be a nested list or {\"file\": \"PATH\"}, but got {1}",
                               {key, DescribeJson(value, &source)}},
                       key,
                       Hint{"spec_tensor_file",
                            "name a .npy, .csv or .txt file, e.g. {\"file\": \"x.npy\"}",
                            {}});
    std::string path = value["file"].get<std::string>();
    if (!path.empty() && path[0] != '/') path = base_dir + "/" + path;
    tensor = LoadTensorFile(path);
  } else {
    tensor = TensorFromJson(value, key, &source);
  }
  if (!tensor) return tensor.error();
  std::optional<Tensor>& slot = key == "input"            ? doc.input
                                : key == "weight"         ? doc.weight
                                : key == "fit_weights_to" ? doc.fit_output
                                                          : doc.bias;
  slot = std::move(*tensor);
  return true;
}

// "input_shape": whole numbers >= 0.
Result<bool> ReadInputShape(const json& value, const JsonDocument& source, SpecDocument& doc) {
  Shape sizes;
  bool ok = value.is_array() && !value.empty();
  for (const json& size : ok ? value : json::array()) {
    int64_t number = -1;
    const Whole whole = WholeNumber(size, &number);
    if (ok && whole == Whole::kWrittenAsFloat && number >= 0)
      return WrittenAsFloat("input_shape[" + std::to_string(sizes.size()) + "]", "input_shape",
                            size, number);
    ok = ok && whole == Whole::kOk && number >= 0;
    if (ok) sizes.push_back(number);
  }
  if (!ok)
    return MakeError(Message{"spec_input_shape",
                             "input_shape must be a list of whole numbers >= 0, but got {0}",
                             {DescribeJson(value, &source)}},
                     "input_shape", Hint{"spec_input_shape", "write it like [6, 5, 3]", {}});
  doc.input_shape = sizes;
  return true;
}

// "sentences": a non-empty list of strings.
Result<bool> ReadSentences(const json& value, const JsonDocument& source, SpecDocument& doc) {
  bool ok = value.is_array() && !value.empty();
  for (const json& sentence : ok ? value : json::array()) {
    ok = ok && sentence.is_string();
    if (ok) doc.sentences.push_back(sentence.get<std::string>());
  }
  if (!ok)
    return MakeError(
        Message{"spec_sentences",
                "sentences must be a non-empty list of strings, but got {0}",
                {DescribeJson(value, &source)}},
        "sentences",
        Hint{"spec_sentences", "write it like [\"the cat sat\", \"a dog ran away\"]", {}});
  return true;
}

// "values": the source of the tensors the spec does not give.
Result<bool> ReadValues(const json& value, const JsonDocument& source, SpecDocument& doc) {
  if (!value.is_string() || !ParseValueSource(value.get<std::string>(), &doc.values))
    return MakeError(
        Message{"spec_values",
                "values must be \"randn\", \"arange\", \"small_integers\", "
                "\"ones\" or \"zeros\", but got {0}",
                {DescribeJson(value, &source)}},
        "values",
        Hint{"spec_values", "it says how tensors that the spec does not give are made", {}});
  return true;
}

// "seed": what torch.manual_seed takes.
Result<bool> ReadSeed(const json& value, const JsonDocument& source, SpecDocument& doc) {
  // torch.manual_seed(seed) runs int(seed) (a fraction is cut toward zero: 3.5 is 3, -1.5 is
  // -1, 1e19 is 10000000000000000000), takes -2^63 .. 2^64-1 and keeps a negative seed as its
  // 64-bit two's complement (-1 is 2^64-1); PyTorch says "Overflow when unpacking long" beyond.
  if (value.is_number_unsigned()) {
    doc.seed = value.get<uint64_t>();
    return true;
  }
  if (value.is_number_integer()) {
    const int64_t number = value.get<int64_t>();
    doc.seed = static_cast<uint64_t>(number);
    doc.seed_negative = number < 0;
    return true;
  }
  const double whole = value.is_number_float() ? std::trunc(value.get<double>()) : 0.0;
  // -9223372036854775809 parses to the double -2^63, but torch gets the int and refuses it.
  if (value.is_number_float() && !source.IntegerBeyond64Bits(value) && whole >= -0x1p63 &&
      whole < 0x1p64) {
    doc.seed_negative = whole < 0;
    doc.seed = doc.seed_negative ? static_cast<uint64_t>(static_cast<int64_t>(whole))
                                 : static_cast<uint64_t>(whole);
    return true;
  }
  return MakeError(Message{"spec_seed_range",
                           "seed must be a whole number from -2^63 to 2^64-1, but got {0}",
                           {DescribeJson(value, &source)}},
                   "seed",
                   Hint{"spec_seed", "write it like torch.manual_seed takes it, e.g. 0 or 42", {}});
}

// One top-level key; the session's keys are kept in doc.extra, any other key is refused.
Result<bool> ReadSpecKey(const std::string& key, const json& value, const std::string& base_dir,
                         const JsonDocument& source, SpecDocument& doc) {
  if (key == "conv") {
    auto spec = ParseConvJson(value, &source);
    if (!spec) return spec.error();
    doc.spec = *spec;
    doc.has_conv = true;
    return true;
  }
  if (key == "input_layout") return ReadLayout(value, source, doc);
  if (key == "input" || key == "weight" || key == "bias" || key == "fit_weights_to")
    return ReadTensorKey(key, value, base_dir, source, doc);
  if (key == "input_shape") return ReadInputShape(value, source, doc);
  if (key == "sentences") return ReadSentences(value, source, doc);
  if (key == "values") return ReadValues(value, source, doc);
  if (key == "seed") return ReadSeed(value, source, doc);
  if (detail::IsSessionKey(key)) {
    doc.extra[key] = value;
    return true;
  }
  return detail::UnknownSpecKey(key);
}

}  // namespace

Result<SpecDocument> ParseSpecJson(const std::string& text, const std::string& base_dir) {
  auto parsed = ParseJsonDocument(text);
  if (!parsed) return parsed.error();
  const JsonDocument& source = *parsed;
  const json& root = source.root();
  if (!root.is_object())
    return MakeError(
        Message{
            "spec_not_object", "the spec must be a JSON object, but got {0}", {JsonTypeName(root)}},
        "json", Hint{"spec_write_object", "write it as {\"conv\": {...}, \"input\": [...]}", {}});
  SpecDocument doc;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (auto read = ReadSpecKey(it.key(), it.value(), base_dir, source, doc); !read)
      return read.error();
  }
  if (auto together = detail::CheckSpecKeysTogether(root, doc); !together) return together.error();
  return doc;
}

}  // namespace convstep
