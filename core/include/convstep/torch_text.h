// PyTorch's printed tensor text: print(tensor) reproduced exactly, and parsed back.
#pragma once

#include <string>

#include "convstep/result.h"
#include "convstep/tensor.h"

namespace convstep {

/// Options of torch.set_printoptions that the formatter follows (PyTorch's defaults).
struct TorchPrintOptions {
  int precision = 4;
  int threshold = 1000;  ///< more elements than this are summarized with "..."
  int edgeitems = 3;
  int linewidth = 80;
};

/// Exactly what print(tensor) prints for a float32 tensor in PyTorch 1.13 (no grad_fn suffix):
/// "tensor([[-1.5697,  1.6189]])", with torch's widths, line breaks, scientific mode and
/// summarization.
std::string FormatTorchTensor(const Tensor& tensor, const TorchPrintOptions& options = {});

/// Parses the text print(tensor) produced: "tensor([...])" (or a bare nested list), with or
/// without ", grad_fn=<...>", "requires_grad=True", "dtype=torch.float32" suffixes and
/// "torch.Size([...])" lines. Summarized text ("...") and ragged or non-numeric lists give an
/// Error naming the line, the column and the reason.
Result<Tensor> ParseTorchTensor(const std::string& text);

}  // namespace convstep
