// A minimal dense float32 tensor in row-major (C) order, like a contiguous torch.Tensor.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convstep {

/// Axis order of an input as given: [N, C, L] as Conv1d wants it, or [N, L, C] (words as rows,
/// as text data usually comes) which is permuted with permute(0, 2, 1) first.
enum class InputLayout { kNCL, kNLC };

/// A shape such as {6, 3, 5}.
using Shape = std::vector<int64_t>;

/// Dense float32 tensor, contiguous, row-major.
struct Tensor {
  Shape shape;
  std::vector<float> data;

  /// Number of elements (product of the shape; 1 for a 0-d tensor).
  int64_t numel() const;
  /// Number of dimensions.
  int64_t dim() const { return static_cast<int64_t>(shape.size()); }
  /// Element of a 3-d tensor at [a, b, c].
  float at(int64_t a, int64_t b, int64_t c) const {
    return data[static_cast<size_t>((a * shape[1] + b) * shape[2] + c)];
  }
  /// Mutable element of a 3-d tensor at [a, b, c].
  float& at(int64_t a, int64_t b, int64_t c) {
    return data[static_cast<size_t>((a * shape[1] + b) * shape[2] + c)];
  }
  /// A zero tensor of the given shape.
  static Tensor Zeros(const Shape& shape);
};

/// Product of a shape's sizes, or -1 when it overflows or a size is negative.
int64_t ShapeNumel(const Shape& shape);
/// True when a finite double is too large for float32, i.e. rounds to +-infinity there
/// (|value| >= 2^128 - 2^103). FLT_MAX itself (3.4028235e38) and anything that rounds to it fit.
bool RoundsToFloatInfinity(double value);
/// "[6, 3, 5]" as PyTorch prints sizes in error messages.
std::string FormatShape(const Shape& shape);
/// "torch.Size([6, 3, 5])" as PyTorch prints tensor.shape.
std::string FormatTorchSize(const Shape& shape);

}  // namespace convstep
