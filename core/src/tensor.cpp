#include "convstep/tensor.h"

#include <cmath>
#include <limits>

namespace convstep {

int64_t ShapeNumel(const Shape& shape) {
  int64_t total = 1;
  for (int64_t size : shape) {
    if (size < 0) return -1;
    if (size != 0 && total > std::numeric_limits<int64_t>::max() / size) return -1;
    total *= size;
  }
  return total;
}

int64_t Tensor::numel() const {
  return ShapeNumel(shape);
}

Tensor Tensor::Zeros(const Shape& shape) {
  Tensor tensor;
  tensor.shape = shape;
  tensor.data.assign(static_cast<size_t>(ShapeNumel(shape)), 0.f);
  return tensor;
}

Tensor Tensor::Empty(const Shape& shape) {
  Tensor tensor;
  tensor.shape = shape;
  tensor.data.resize(static_cast<size_t>(ShapeNumel(shape)));
  return tensor;
}

bool RoundsToFloatInfinity(double value) {
  return std::isfinite(value) && std::fabs(value) >= 0x1.ffffffp127;  // FLT_MAX + half an ulp
}

std::string FormatShape(const Shape& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::string FormatTorchSize(const Shape& shape) {
  return "torch.Size(" + FormatShape(shape) + ")";
}

}  // namespace convstep
