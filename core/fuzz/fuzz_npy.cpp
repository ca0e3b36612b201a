// libFuzzer target: the .npy reader, and write/read round trips of what it accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "convstep/io_npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  auto tensor = convstep::ReadNpy(bytes, "fuzz.npy", 1 << 20);
  if (!tensor) return 0;
  auto again = convstep::ReadNpy(convstep::WriteNpy(*tensor), "again.npy", 1 << 20);
  if (!again || again->shape != tensor->shape) __builtin_trap();
  return 0;
}
