// libFuzzer target: PyTorch's printed-tensor text parser, and printing what it accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "convstep/torch_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto tensor = convstep::ParseTorchTensor(text);
  if (!tensor) return 0;
  if (tensor->numel() > 100000) return 0;
  convstep::TorchPrintOptions full;  // like torch.set_printoptions(profile='full')
  full.threshold = 1 << 30;
  const std::string printed = convstep::FormatTorchTensor(*tensor, full);
  auto again = convstep::ParseTorchTensor(printed);
  if (!again || again->shape != tensor->shape) __builtin_trap();
  return 0;
}
