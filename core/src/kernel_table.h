// The instruction-set-specific half of ForwardFast: the register tiles. forward_fast_kernel.cpp
// is compiled once per instruction set into its own namespace (core/CMakeLists.txt), and
// ForwardFast picks one table at run time (kernel_dispatch.cpp). The tables differ only in
// speed and in whether a tap's product is fused into its sum; every table adds the taps in
// the reference's order, so two fused tables give bit-identical outputs.
#pragma once

#include <cstdint>

#include "convstep/kernel_dispatch.h"

namespace convstep::kernels {

/// The most output channels a tile of any kernel holds.
inline constexpr int kMaxTileRows = 8;

/// Every tile of one row block (1 .. the table's `rows` output channels) over `width` output
/// positions: y[r][j] = start + sum over taps of weight[tap][r] * origin[offsets[tap] + j], plus
/// bias[r] after the last tap, where start is zero, or with `resume` the partial sum y[r][j]
/// already holds (a sum over earlier taps, continued in the same order: the same bits as one
/// pass). `weight` is packed [tap][rows]; `bias` may be null. Tiles read whole tile widths from
/// `origin`; outputs past `width` are neither read nor written.
using RowBlockFunction = void (*)(const float* origin, const int64_t* offsets, int64_t taps,
                                  const float* weight, const float* bias, float* y,
                                  int64_t y_stride, int64_t width, bool resume);

/// One instruction set's kernels.
struct KernelTable {
  const char* name;    ///< "avx512", "avx2", "portable"
  int rows;            ///< output channels per tile and per packed weight block
  int64_t tile_width;  ///< output positions per tile (packets per row x lanes)
  bool fused;          ///< true: each tap is one fused multiply-add (one rounding)
  /// true: ForwardFast copies a group's input channels into strips of up to a quarter of the
  /// L2 cache (most layers' groups then fit in one channel block), not three quarters of L1.
  bool strip_in_l2;
  RowBlockFunction row_block[kMaxTileRows];  ///< [rows - 1] for 1 .. `rows`, then null
  /// The same tiles reading origin[offsets[tap] + 2 * j] (stride 2 from one unsplit padded
  /// row, de-interleaved in registers); all null in a kernel without them.
  RowBlockFunction step2_row_block[kMaxTileRows];
};

// One table per compiled instruction set (see core/CMakeLists.txt).
namespace portable {
const KernelTable& Table();
}
#if defined(CONVSTEP_KERNELS_X86)
namespace avx2 {
const KernelTable& Table();
}
namespace avx512 {
const KernelTable& Table();
}
#endif

/// The table of a kernel; DefaultKernel()'s for kDefault and for a kernel this CPU cannot run.
const KernelTable& TableFor(Kernel kernel);

}  // namespace convstep::kernels
