// The machine's multiply-add peak on one core, measured with a tight loop of independent
// multiply-adds in the registers of one instruction set (no memory traffic).
#pragma once

#include <cstdint>

#include "convstep/kernel_dispatch.h"

namespace convstep_bench {

/// Floating point operations per call of MultiplyAddLoop (two per lane and multiply-add).
double MultiplyAddLoopFlops(convstep::Kernel kernel, int64_t rounds);

/// `rounds` rounds of 12 independent multiply-add chains in the kernel's registers (fused for
/// avx2 and avx512; a multiply then an add for portable). The kernel must be supported.
/// Returns a value that depends on every chain, so that nothing is optimised away.
float MultiplyAddLoop(convstep::Kernel kernel, int64_t rounds);

}  // namespace convstep_bench
