// Python's integer division and remainder on int64, shared by the validation files.
#pragma once

#include <cstdint>

namespace convstep {

inline int64_t FloorDiv(int64_t a, int64_t b) {  // Python's a // b
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Python's a % b, without the overflow of a - (a // b) * b at -2^63.
inline int64_t FloorMod(int64_t a, int64_t b) {
  const int64_t r = a % b;
  return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
}

}  // namespace convstep
