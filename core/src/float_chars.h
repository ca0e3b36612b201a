// Shortest round-trip text of a float or double: std::to_chars on every platform that has it.
// Emscripten 3.1.6's libc++ has no floating-point to_chars, so the browser build prints with
// snprintf("%.*g") at increasing precision until the text reads back as the same value (the
// shortest such text; the choice between fixed and exponent form may differ from to_chars).
#pragma once

#include <charconv>

#ifdef __EMSCRIPTEN__
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>
#endif

namespace convstep::detail {

#ifndef __EMSCRIPTEN__
/// std::to_chars(first, last, value): the shortest text that reads back as `value`.
template <typename Real>
std::to_chars_result ShortestChars(char* first, char* last, Real value) {
  return std::to_chars(first, last, value);
}
#else
/// The shortest "%.*g" text that reads back as `value` (float: strtof, double: strtod).
template <typename Real>
std::to_chars_result ShortestChars(char* first, char* last, Real value) {
  constexpr int kMaxDigits = sizeof(Real) == sizeof(float) ? 9 : 17;
  char text[64];
  int length = 0;
  for (int digits = 1; digits <= kMaxDigits; ++digits) {
    length = std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(value));
    const Real back = sizeof(Real) == sizeof(float) ? static_cast<Real>(std::strtof(text, nullptr))
                                                    : static_cast<Real>(std::strtod(text, nullptr));
    if (back == value || value != value) break;
  }
  if (length < 0 || length > last - first) return {last, std::errc::value_too_large};
  std::memcpy(first, text, static_cast<size_t>(length));
  return {first + length, std::errc()};
}
#endif

}  // namespace convstep::detail
