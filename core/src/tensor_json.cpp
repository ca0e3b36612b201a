// Tensors as JSON: nested lists like tensor.tolist(), NaN and infinities as strings.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <optional>
#include <system_error>

#include "convstep/io_json.h"
#include "float_chars.h"

namespace convstep {

using nlohmann::json;

std::optional<Message> FloatOfJson(const json& value, float* out, const JsonDocument* source) {
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
                   {DescribeJson(value)}};
  }
  if (!value.is_number())
    return Message{"tensor_not_number", "is {0}, not a number", {JsonTypeName(value)}};
  const double number = value.get<double>();
  if (RoundsToFloatInfinity(number))
    return Message{"tensor_too_large",
                   "is {0}, too large for float32 (it would round to infinity; the largest "
                   "float32 is 3.4028235e+38)",
                   {JsonExcerpt(value, source)}};
  *out = static_cast<float>(number);
  return std::nullopt;
}

Result<Tensor> TensorFromJson(const json& value, const std::string& name,
                              const JsonDocument* source) {
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
                             {name, JsonTypeName(value)}},
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
      if (auto reason = FloatOfJson(node, &number, source)) {
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
                           {JsonTypeName(node), std::to_string(tensor.shape[depth])}};
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
  auto [end, ec] = detail::ShortestChars(buffer, buffer + sizeof buffer, value);
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

}  // namespace convstep
