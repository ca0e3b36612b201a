// libFuzzer target: the CSV reader, and write/read round trips of what it accepts.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "convstep/io_csv.h"
#include "convstep/tensor.h"

// Equal values, NaN counting as equal to NaN (CSV reads and writes "nan").
static bool SameValues(const convstep::FloatBuffer& a, const convstep::FloatBuffer& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto matrix = convstep::ParseCsv(text, "fuzz.csv", 1 << 20);
  if (!matrix) return 0;
  auto again = convstep::ParseCsv(convstep::WriteCsv(*matrix), "again.csv", 1 << 20);
  if (!again || again->shape != matrix->shape || !SameValues(again->data, matrix->data))
    __builtin_trap();
  return 0;
}
