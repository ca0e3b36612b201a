// Number and shape text as the user reads it: values to 4 decimals like torch prints them,
// counts with thousands separators, shapes like "[6, 5, 3]".
#pragma once

#include <cstdint>
#include <string>

#include "convstep/tensor.h"
#include "model/session.h"

namespace convstep::gui {

/// A short formatted number, held by value (no allocation in draw loops).
struct NumberText {
  char text[32];
  const char* c_str() const { return text; }
};

/// A value as a cell shows it: "-1.5697" (4 decimals), "3" for integer tensors, and
/// scientific notation for magnitudes of 10^5 and more.
NumberText FormatValue(float value, const NumberStyle& style);

/// A value with more digits, for tooltips: "-1.569700002670288".
NumberText FormatPrecise(float value);

/// 1152 -> "1,152".
std::string FormatCount(int64_t count);

/// {6, 5, 3} -> "[6, 5, 3]".
std::string ShapeText(const Shape& shape);

/// The widest text FormatValue gives for values up to `style.abs_max` (sizes the cells).
const char* WidestValueText(const NumberStyle& style);

}  // namespace convstep::gui
