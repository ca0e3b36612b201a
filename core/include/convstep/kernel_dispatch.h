// Which instruction set ForwardFast's kernels use. One binary holds kernels for AVX-512F,
// AVX2 with FMA and a portable fallback; the best one the CPU supports is chosen once, at the
// first forward pass, unless the environment variable CONVSTEP_KERNEL names another.
//
// The portable kernel rounds each product before adding it, exactly as ForwardReference does
// (bit-identical output). The AVX2 and AVX-512 kernels fuse each product into its sum (one
// rounding per tap, same tap order): their outputs are bit-identical to each other and equal
// to the reference up to float rounding.
#pragma once

#include <string>
#include <vector>

#include "convstep/result.h"

namespace convstep {

/// A set of kernels. kDefault means "the one DefaultKernel() names".
enum class Kernel { kDefault, kPortable, kAvx2, kAvx512 };

/// "portable", "avx2", "avx512" ("default" for kDefault).
const char* KernelName(Kernel kernel);

/// The kernel a name ("portable", "avx2", "avx512") stands for; an error lists the names.
Result<Kernel> ParseKernel(const std::string& name);

/// True when this binary has the kernel and this CPU (and OS) can run it.
bool KernelSupported(Kernel kernel);

/// Every kernel KernelSupported accepts, slowest first (kPortable is always there).
std::vector<Kernel> SupportedKernels();

/// The fastest supported kernel.
Kernel BestKernel();

/// The kernel CONVSTEP_KERNEL names, or an error naming a bad or unsupported value; the best
/// kernel when the variable is unset or empty.
Result<Kernel> KernelFromEnvironment();

/// What ForwardFast uses for kDefault: KernelFromEnvironment(), decided once per process. A
/// bad CONVSTEP_KERNEL is reported once on stderr and the best kernel is used.
Kernel DefaultKernel();

/// Whether the kernel fuses each product into its sum (see the file comment).
bool KernelFusesMultiplyAdd(Kernel kernel);

}  // namespace convstep
