#include "convstep/io_json.h"

#include "convstep/io_csv.h"
#include "convstep/io_npy.h"
#include "convstep/torch_text.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <optional>
#include <system_error>

namespace convstep {
namespace {

using nlohmann::json;

// "a string", "an integer", ... as a translatable phrase.
Message TypeName(const json& value) {
  if (value.is_number_integer() || value.is_number_unsigned())
    return Message{"json_integer", "an integer", {}};
  if (value.is_number_float()) return Message{"json_fraction", "a number with a fraction", {}};
  if (value.is_string()) return Message{"json_string", "a string", {}};
  if (value.is_boolean()) return Message{"json_boolean", "a boolean", {}};
  if (value.is_object()) return Message{"json_object", "an object", {}};
  if (value.is_array()) return Message{"json_array", "an array", {}};
  return Message{"json_null", "null", {}};  // binary and discarded values never come from parse()
}

// A JSON value as a message quotes it: null, true, 2.5, the string "abc", the list [1,2,...]
// (an excerpt of at most kExcerptBytes).
MessageArg Describe(const json& value) {
  if (value.is_string())
    return Message{"json_string_value", "the string {0}", {JsonExcerpt(value)}};
  if (value.is_array()) return Message{"json_list_value", "the list {0}", {JsonExcerpt(value)}};
  if (value.is_object())
    return Message{"json_object_value", "the object {0}", {JsonExcerpt(value)}};
  return JsonExcerpt(value);
}

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

Error NotWhole(const std::string& key, const json& value) {
  return MakeError(Message{"conv_not_integer",
                           "conv.{0} must be a whole number, but got {1}",
                           {key, Describe(value)}},
                   key,
                   Hint{"conv_not_integer", "write {0} as a number without quotes, e.g. 1", {key}});
}

Result<int64_t> IntField(const json& conv, const char* key, int64_t fallback, bool required) {
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
                               {key, JsonExcerpt(value)}},
                       key,
                       Hint{"conv_whole_range",
                            "use a number from -9223372036854775808 to 9223372036854775807",
                            {}});
    default:
      return NotWhole(key, value);
  }
}

}  // namespace

std::optional<Message> FloatOfJson(const json& value, float* out) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text == "nan" || text == "inf" || text == "-inf") {
      *out = text == "nan"   ? std::numeric_limits<float>::quiet_NaN()
             : text == "inf" ? std::numeric_limits<float>::infinity()
                             : -std::numeric_limits<float>::infinity();
      return std::nullopt;
    }
    return Message{"tensor_string_not_number",
                   "is {0}, not a number (NaN and the infinities are written \"nan\", \"inf\" "
                   "and \"-inf\")",
                   {Describe(value)}};
  }
  if (!value.is_number())
    return Message{"tensor_not_number", "is {0}, not a number", {TypeName(value)}};
  const double number = value.get<double>();
  if (RoundsToFloatInfinity(number))
    return Message{"tensor_too_large",
                   "is {0}, too large for float32 (it would round to infinity; the largest "
                   "float32 is 3.4028235e+38)",
                   {JsonExcerpt(value)}};
  *out = static_cast<float>(number);
  return std::nullopt;
}

Result<Conv1dSpec> ParseConvJson(const json& conv) {
  if (!conv.is_object())
    return MakeError(
        Message{"conv_not_object", "conv must be an object, but got {0}", {TypeName(conv)}}, "conv",
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
    auto value = IntField(conv, field.key, field.fallback, field.required);
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
      auto value = IntField(conv, "padding", 0, false);
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
                               {TypeName(conv.at("bias"))}},
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
                  {TypeName(conv.at("padding_mode"))}},
          "padding_mode",
          Hint{
              "conv_mode_type", "write \"zeros\", \"reflect\", \"replicate\" or \"circular\"", {}});
    const std::string name = conv.at("padding_mode").get<std::string>();
    spec.padding_mode = ParsePaddingMode(name);
    if (spec.padding_mode == PaddingMode::kInvalid) spec.invalid_mode = name;
  }
  return spec;
}

Result<Tensor> TensorFromJson(const json& value, const std::string& name) {
  Tensor tensor;
  // The shape is read along the first element of each level; every other list must match.
  const json* probe = &value;
  while (probe->is_array()) {
    tensor.shape.push_back(static_cast<int64_t>(probe->size()));
    if (probe->empty()) break;
    probe = &(*probe)[0];
  }
  if (tensor.shape.empty() && !value.is_number() && !value.is_string())
    return MakeError(Message{"tensor_not_list",
                             "{0} must be a number or a nested list of numbers, but got {1}",
                             {name, TypeName(value)}},
                     name,
                     Hint{"tensor_tolist",
                          "write it like tensor.tolist() prints it, e.g. [[1.0, 2.0], [3.0, 4.0]]",
                          {}});
  if (tensor.shape.size() > 8)
    return MakeError(
        Message{
            "tensor_dims", "{0} has {1} dimensions", {name, std::to_string(tensor.shape.size())}},
        name, Hint{"tensor_at_most_3", "a Conv1d tensor has at most 3", {}});
  // The first elements alone may promise more than the lists hold (a ragged list is refused
  // below): reserve only what surely fits.
  const int64_t count = ShapeNumel(tensor.shape);
  if (count >= 0 && count <= (int64_t{1} << 20)) tensor.data.reserve(static_cast<size_t>(count));
  std::string error_path;
  std::optional<Message> error_text;
  std::function<bool(const json&, size_t, const std::string&)> walk =
      [&](const json& node, size_t depth, const std::string& path) -> bool {
    if (depth == tensor.shape.size()) {
      float number = 0.f;
      if (auto reason = FloatOfJson(node, &number)) {
        error_path = path;
        error_text = std::move(reason);
        return false;
      }
      tensor.data.push_back(number);
      return true;
    }
    if (!node.is_array()) {
      error_path = path;
      error_text = Message{"tensor_not_sublist",
                           "is {0}, expected a list of {1} elements",
                           {TypeName(node), std::to_string(tensor.shape[depth])}};
      return false;
    }
    if (static_cast<int64_t>(node.size()) != tensor.shape[depth]) {
      error_path = path;
      error_text = Message{"tensor_ragged",
                           "has {0} elements, expected {1} like the first list at this level",
                           {std::to_string(node.size()), std::to_string(tensor.shape[depth])}};
      return false;
    }
    for (size_t i = 0; i < node.size(); ++i) {
      if (!walk(node[i], depth + 1, path + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
  };
  if (!walk(value, 0, name))
    return MakeError(Message{"tensor_at", "{0} {1}", {error_path, *error_text}}, name,
                     Hint{"tensor_same_length",
                          "every list at one level must have the same length and hold only numbers",
                          {}});
  return tensor;
}

json FloatToJson(float value) {
  if (std::isnan(value)) return "nan";  // JSON has no NaN or infinity: strings stand in
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return static_cast<double>(value);
  return std::strtod(std::string(buffer, end).c_str(), nullptr);
}

json TensorToJson(const Tensor& tensor) {
  std::function<json(size_t, size_t&)> build = [&](size_t depth, size_t& index) -> json {
    if (depth == tensor.shape.size()) return FloatToJson(tensor.data[index++]);
    json list = json::array();
    for (int64_t i = 0; i < tensor.shape[depth]; ++i) list.push_back(build(depth + 1, index));
    return list;
  };
  size_t index = 0;
  return build(0, index);
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
    auto bytes = ReadFileBytes(path);
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

Result<SpecDocument> ParseSpecJson(const std::string& text, const std::string& base_dir) {
  auto parsed = ParseJsonText(text);
  if (!parsed) return parsed.error();
  const json root = std::move(parsed).value();
  if (!root.is_object())
    return MakeError(
        Message{"spec_not_object", "the spec must be a JSON object, but got {0}", {TypeName(root)}},
        "json", Hint{"spec_write_object", "write it as {\"conv\": {...}, \"input\": [...]}", {}});
  SpecDocument doc;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    if (key == "conv") {
      auto spec = ParseConvJson(value);
      if (!spec) return spec.error();
      doc.spec = *spec;
      doc.has_conv = true;
    } else if (key == "input_layout") {
      const std::string layout = value.is_string() ? value.get<std::string>() : "";
      if (layout == "NCL") {
        doc.layout = InputLayout::kNCL;
      } else if (layout == "NLC") {
        doc.layout = InputLayout::kNLC;
      } else {
        return MakeError(Message{"spec_layout",
                                 "input_layout must be \"NCL\" or \"NLC\", but got {0}",
                                 {Describe(value)}},
                         "input_layout",
                         Hint{"spec_layout",
                              "\"NCL\" is [batch, channels, length] as Conv1d wants it; \"NLC\" is "
                              "[batch, length, channels] and is permuted first",
                              {}});
      }
    } else if (key == "input" || key == "weight" || key == "bias") {
      Result<Tensor> tensor = Tensor{};
      if (value.is_object()) {
        if (!value.contains("file") || !value["file"].is_string() || value.size() != 1)
          return MakeError(Message{"spec_tensor_object",
                                   "{0} must be a nested list or {\"file\": \"PATH\"}, but got {1}",
                                   {key, Describe(value)}},
                           key,
                           Hint{"spec_tensor_file",
                                "name a .npy, .csv or .txt file, e.g. {\"file\": \"x.npy\"}",
                                {}});
        std::string path = value["file"].get<std::string>();
        if (!path.empty() && path[0] != '/') path = base_dir + "/" + path;
        tensor = LoadTensorFile(path);
      } else {
        tensor = TensorFromJson(value, key);
      }
      if (!tensor) return tensor.error();
      (key == "input" ? doc.input : key == "weight" ? doc.weight : doc.bias) = std::move(*tensor);
    } else if (key == "input_shape") {
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
                                 {Describe(value)}},
                         "input_shape", Hint{"spec_input_shape", "write it like [6, 5, 3]", {}});
      doc.input_shape = sizes;
    } else if (key == "sentences") {
      bool ok = value.is_array() && !value.empty();
      for (const json& sentence : ok ? value : json::array()) {
        ok = ok && sentence.is_string();
        if (ok) doc.sentences.push_back(sentence.get<std::string>());
      }
      if (!ok)
        return MakeError(
            Message{"spec_sentences",
                    "sentences must be a non-empty list of strings, but got {0}",
                    {Describe(value)}},
            "sentences",
            Hint{"spec_sentences", "write it like [\"the cat sat\", \"a dog ran away\"]", {}});
    } else if (key == "values") {
      if (!value.is_string() || !ParseValueSource(value.get<std::string>(), &doc.values))
        return MakeError(
            Message{"spec_values",
                    "values must be \"randn\", \"arange\", \"small_integers\", "
                    "\"ones\" or \"zeros\", but got {0}",
                    {Describe(value)}},
            "values",
            Hint{"spec_values", "it says how tensors that the spec does not give are made", {}});
    } else if (key == "seed") {
      // torch.manual_seed takes -2^63 .. 2^64-1 and keeps a negative seed as its 64-bit
      // two's complement (-1 is 2^64-1); PyTorch says "Overflow when unpacking long" beyond.
      int64_t number = 0;
      if (value.is_number_unsigned()) {
        doc.seed = value.get<uint64_t>();
      } else if (const Whole whole = WholeNumber(value, &number);
                 whole == Whole::kOk || whole == Whole::kWrittenAsFloat) {  // int(3.0), as torch
        doc.seed = static_cast<uint64_t>(number);
        doc.seed_negative = number < 0;
      } else {
        return MakeError(
            Message{"spec_seed_range",
                    "seed must be a whole number from -2^63 to 2^64-1, but got {0}",
                    {Describe(value)}},
            "seed",
            Hint{"spec_seed", "write it like torch.manual_seed takes it, e.g. 0 or 42", {}});
      }
    } else {
      doc.extra[key] = value;
    }
  }
  if (!doc.sentences.empty() && !root.contains("input_layout")) doc.layout = InputLayout::kNLC;
  if (!doc.sentences.empty() && (doc.input || doc.input_shape))
    return MakeError(Message{"spec_sentences_and_input",
                             "the spec gives sentences and also input or input_shape",
                             {}},
                     "sentences",
                     Hint{"spec_sentences_and_input",
                          "the sentences are the input: remove input and input_shape",
                          {}});
  if (doc.input && doc.input_shape)
    return MakeError(
        Message{"spec_input_and_shape", "the spec gives both input and input_shape", {}},
        "input_shape",
        Hint{"spec_input_and_shape",
             "give the values (input) or a shape to generate (input_shape), not both",
             {}});
  return doc;
}

}  // namespace convstep
