#include "model/tensor_strides.h"

#include "model/format.h"

namespace convstep::gui {

std::vector<int64_t> ContiguousStrides(const Shape& shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  int64_t step = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    strides[i] = step;
    step *= shape[i] > 0 ? shape[i] : 1;  // torch keeps strides >= 1 for empty axes
  }
  return strides;
}

std::vector<int64_t> PermutedStrides(const Shape& shape, const std::vector<int>& order) {
  const std::vector<int64_t> given = ContiguousStrides(shape);
  std::vector<int64_t> strides;
  strides.reserve(order.size());
  for (int axis : order) strides.push_back(given[static_cast<size_t>(axis)]);
  return strides;
}

bool IsContiguous(const Shape& shape, const std::vector<int64_t>& strides) {
  for (int64_t size : shape)
    if (size == 0) return true;
  int64_t expected = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    if (shape[i] == 1) continue;
    if (strides[i] != expected) return false;
    expected *= shape[i];
  }
  return true;
}

std::string StridesText(const std::vector<int64_t>& strides) {
  std::string text = "(";
  for (size_t i = 0; i < strides.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(strides[i]);
  }
  return text + (strides.size() == 1 ? ",)" : ")");
}

std::string PermuteStridesSentence(const I18n& i18n, const Shape& nlc_shape, bool short_form) {
  if (nlc_shape.size() != 3) return "";
  const Shape fresh_shape = {nlc_shape[0], nlc_shape[2], nlc_shape[1]};
  const std::vector<int64_t> view = PermutedStrides(nlc_shape, {0, 2, 1});
  const std::vector<int64_t> fresh = ContiguousStrides(fresh_shape);
  const auto python_bool = [](bool value) { return std::string(value ? "True" : "False"); };
  return TrFormat(
      i18n, short_form ? "permute.strides_short" : "permute.strides",
      {StridesText(view), python_bool(IsContiguous(fresh_shape, view)), ShapeText(fresh_shape),
       StridesText(fresh), python_bool(IsContiguous(fresh_shape, fresh))});
}

}  // namespace convstep::gui
