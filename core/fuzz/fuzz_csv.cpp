// libFuzzer target: the CSV reader, and write/read round trips of what it accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "convstep/io_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto matrix = convstep::ParseCsv(text, "fuzz.csv", 1 << 20);
  if (!matrix) return 0;
  auto again = convstep::ParseCsv(convstep::WriteCsv(*matrix), "again.csv", 1 << 20);
  if (!again || again->shape != matrix->shape || again->data != matrix->data) __builtin_trap();
  return 0;
}
