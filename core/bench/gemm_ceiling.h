// The GEMM ceiling of a shape, in its own file: it is compiled for the building machine's CPU
// (-march=native where the compiler has it), so that the ceiling is Eigen's best GEMM there.
#pragma once

#include <cstdint>

namespace convstep_bench {

/// Prepared operands of the GEMM an im2col engine would run for one layer.
class GemmCeiling {
 public:
  /// Random operands for `groups` products [rows, inner] x [inner, columns], `batch` times.
  GemmCeiling(int64_t batch, int64_t groups, int64_t rows, int64_t inner, int64_t columns);
  ~GemmCeiling();
  GemmCeiling(const GemmCeiling&) = delete;
  GemmCeiling& operator=(const GemmCeiling&) = delete;
  /// Runs every product once into the output; returns its first value.
  float Run();

 private:
  struct Operands;
  Operands* operands_;
};

}  // namespace convstep_bench
