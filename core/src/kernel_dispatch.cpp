// Picks ForwardFast's kernels for the running CPU (see convstep/kernel_dispatch.h).
#include "convstep/kernel_dispatch.h"

#include <cstdlib>
#include <iostream>

#include "kernel_table.h"

namespace convstep {

const char* KernelName(Kernel kernel) {
  switch (kernel) {
    case Kernel::kDefault:
      return "default";
    case Kernel::kPortable:
      return "portable";
    case Kernel::kAvx2:
      return "avx2";
    case Kernel::kAvx512:
      return "avx512";
  }
  return "unknown";
}

Result<Kernel> ParseKernel(const std::string& name) {
  for (Kernel kernel : {Kernel::kPortable, Kernel::kAvx2, Kernel::kAvx512})
    if (name == KernelName(kernel)) return kernel;
  return MakeError("unknown kernel '" + name + "'", "kernel", "use portable, avx2 or avx512");
}

bool KernelSupported(Kernel kernel) {
  switch (kernel) {
    case Kernel::kDefault:
    case Kernel::kPortable:
      return true;
#if defined(CONVSTEP_KERNELS_X86)
    // GCC's checks include the operating system's support for the wider registers (XCR0).
    case Kernel::kAvx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Kernel::kAvx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") &&
             __builtin_cpu_supports("fma");
#else
    case Kernel::kAvx2:
    case Kernel::kAvx512:
      return false;
#endif
  }
  return false;
}

std::vector<Kernel> SupportedKernels() {
  std::vector<Kernel> kernels;
  for (Kernel kernel : {Kernel::kPortable, Kernel::kAvx2, Kernel::kAvx512})
    if (KernelSupported(kernel)) kernels.push_back(kernel);
  return kernels;
}

Kernel BestKernel() {
  return SupportedKernels().back();
}

Result<Kernel> KernelFromEnvironment() {
  const char* value = std::getenv("CONVSTEP_KERNEL");
  if (value == nullptr || *value == '\0') return BestKernel();
  auto kernel = ParseKernel(value);
  if (!kernel)
    return MakeError("CONVSTEP_KERNEL='" + std::string(value) + "' is not a kernel",
                     "CONVSTEP_KERNEL", "use portable, avx2 or avx512, or unset it");
  if (!KernelSupported(*kernel)) {
    std::string names;
    for (Kernel supported : SupportedKernels())
      names += std::string(names.empty() ? "" : ", ") + KernelName(supported);
    return MakeError("CONVSTEP_KERNEL='" + std::string(value) + "' cannot run on this CPU",
                     "CONVSTEP_KERNEL", "this CPU runs " + names);
  }
  return kernel;
}

Kernel DefaultKernel() {
  static const Kernel chosen = [] {
    auto kernel = KernelFromEnvironment();
    if (kernel) return *kernel;
    const Kernel best = BestKernel();
    std::cerr << "warning: " << kernel.error().OneLine() << "; using " << KernelName(best) << "\n";
    return best;
  }();
  return chosen;
}

bool KernelFusesMultiplyAdd(Kernel kernel) {
  return kernels::TableFor(kernel).fused;
}

namespace kernels {

const KernelTable& TableFor(Kernel kernel) {
  // A kernel this CPU cannot run would stop the program (an illegal instruction): the default.
  if (kernel == Kernel::kDefault || !KernelSupported(kernel)) kernel = DefaultKernel();
  switch (kernel) {
#if defined(CONVSTEP_KERNELS_X86)
    case Kernel::kAvx512:
      return avx512::Table();
    case Kernel::kAvx2:
      return avx2::Table();
#endif
    default:
      return portable::Table();
  }
}

}  // namespace kernels
}  // namespace convstep
