// A minimal dense float32 tensor in row-major (C) order, like a contiguous torch.Tensor.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace convstep {

/// Axis order of an input as given: [N, C, L] as Conv1d wants it, or [N, L, C] (words as rows,
/// as text data usually comes) which is permuted with permute(0, 2, 1) first.
enum class InputLayout { kNCL, kNLC };

/// A shape such as {6, 3, 5}.
using Shape = std::vector<int64_t>;

/// std::allocator, except that an element constructed without a value is default-initialised:
/// for float that leaves it unset instead of zero, so resize(n) and FloatBuffer(n) do not write
/// memory that is about to be overwritten (as torch.empty; the forward pass's output).
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() noexcept = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  /// Default-initialises: no value for a float.
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible<U>::value) {
    ::new (static_cast<void*>(p)) U;
  }
  /// Constructs from the arguments, as std::allocator does.
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

/// A tensor's elements. resize(n) and FloatBuffer(n) leave new elements unset: fill them
/// (assign(n, 0.f) for zeros) or overwrite every one before reading.
using FloatBuffer = std::vector<float, DefaultInitAllocator<float>>;

/// Element-wise equality of a tensor's elements and a plain vector (as vector's own ==).
inline bool operator==(const FloatBuffer& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}
inline bool operator==(const std::vector<float>& a, const FloatBuffer& b) {
  return b == a;
}
inline bool operator!=(const FloatBuffer& a, const std::vector<float>& b) {
  return !(a == b);
}
inline bool operator!=(const std::vector<float>& a, const FloatBuffer& b) {
  return !(b == a);
}

/// Dense float32 tensor, contiguous, row-major.
struct Tensor {
  Shape shape;
  FloatBuffer data;

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
  /// A tensor of the given shape whose elements are unset (as torch.empty): for a result whose
  /// every element is written before anything reads it.
  static Tensor Empty(const Shape& shape);
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
