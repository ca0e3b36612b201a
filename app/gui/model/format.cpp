#include "model/format.h"

#include <cmath>
#include <cstdio>

namespace convstep::gui {

NumberText FormatValue(float value, const NumberStyle& style) {
  NumberText out;
  const float magnitude = std::fabs(value);
  if (!std::isfinite(value)) {
    std::snprintf(out.text, sizeof out.text, "%s",
                  std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf"));
  } else if (magnitude >= 1e5f) {
    std::snprintf(out.text, sizeof out.text, "%.2e", static_cast<double>(value));
  } else if (style.integers) {
    std::snprintf(out.text, sizeof out.text, "%.0f", static_cast<double>(value));
  } else {
    std::snprintf(out.text, sizeof out.text, "%.4f", static_cast<double>(value));
    if (std::string(out.text) == "-0.0000") std::snprintf(out.text, sizeof out.text, "0.0000");
  }
  return out;
}

NumberText FormatPrecise(float value) {
  NumberText out;
  std::snprintf(out.text, sizeof out.text, "%.9g", static_cast<double>(value));
  return out;
}

std::string FormatCount(int64_t count) {
  std::string digits = std::to_string(count < 0 ? -count : count);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return count < 0 ? "-" + out : out;
}

std::string ShapeText(const Shape& shape) {
  return FormatShape(shape);
}

const char* WidestValueText(const NumberStyle& style) {
  if (style.abs_max >= 1e5f) return "-8.88e+88";
  if (style.integers) {
    if (style.abs_max >= 1e4f) return "-88888";
    if (style.abs_max >= 1e3f) return "-8888";
    if (style.abs_max >= 100.f) return "-888";
    return "-88";
  }
  if (style.abs_max >= 1e4f) return "-88888.8888";
  if (style.abs_max >= 1e3f) return "-8888.8888";
  if (style.abs_max >= 100.f) return "-888.8888";
  if (style.abs_max >= 10.f) return "-88.8888";
  return "-8.8888";
}

}  // namespace convstep::gui
