// TorchGenerator: PyTorch 1.13's CPU random generator and the sampling kernels behind
// torch.manual_seed, torch.rand, torch.randn, torch.randint, Tensor.uniform_ and nn.Conv1d's
// default initialisation, reproduced bit for bit, so that ConvStep shows the numbers that
//
//   torch.manual_seed(s); x = torch.randn(*input_shape); conv = nn.Conv1d(...)
//
// prints. Every fact below was checked against torch 1.13.1 (Debian's python3-torch, run with
// /usr/bin/python3) on millions of values; tools/gen_golden_random.py writes the golden data
// that core/tests/test_torch_random.cpp compares with.
//
// The generator (at::mt19937, CPUGeneratorImpl)
//  - MT19937 seeded with the standard init_genrand on the LOW 32 BITS of the seed:
//    state[0] = seed & 0xffffffff. torch.manual_seed accepts 0 .. 2^64-1 (and negative seeds,
//    which it reinterprets as uint64: -1 is 2^64-1); 2^64 raises "Overflow when unpacking
//    long". So seeds s and s + 2^32 give the same numbers; torch.initial_seed() still
//    returns the full 64-bit value.
//  - random() is one 32-bit output; random64() is (first << 32) | second.
//  - manual_seed also forgets the cached normal sample (see randn below).
//  - torch.Generator() starts from seed 67280421310721; the global default generator starts
//    from a nondeterministic seed, so only code that calls manual_seed is reproducible.
//
// Uniform samples (at::uniform_real_distribution, transformation::uniform_real)
//  - float: x = (random() & 0xFFFFFF) * 2^-24, in float; result x * (to - from) + from.
//  - double: x = (random64() & (2^53 - 1)) * 2^-53; result likewise in double.
//  - Tensor.uniform_(from, to) casts from and to to float first. In the AVX2 build the
//    compiler FUSES x * (to - from) + from into one fused multiply-add (one rounding); the
//    textbook "u*(2b) - b" with two roundings differs by one unit in the last place for
//    about 46% of values (of 3 million). Without AVX2 it is the two-rounding form.
//
// torch.randn (normal_kernel), float32, contiguous
//  - numel >= 16: fill the whole tensor with float uniforms; transform each block of 16 in
//    place: for j < 8, u1 = 1 - d[j], u2 = d[j+8], r = sqrt(-2 ln u1), theta = 2 pi u2,
//    d[j] = r cos theta, d[j+8] = r sin theta. If numel % 16 != 0, draw 16 FRESH uniforms
//    into the last 16 elements and transform them again (numel + 16 draws in all).
//    With AVX2 (what torch 1.13 picks on x86-64 with AVX2, also on AVX-512 CPUs) ln, sin
//    and cos are NOT libm: they are avx_mathfun.h's Cephes polynomials in float, with
//    theta = float(2 pi) * u2 in float, and GCC fuses several multiply-adds inside them.
//    std::log / std::sin / std::cos in float differ by up to 2.3e-6 (over the 1e-6 budget).
//    Without AVX2 (ATEN_CPU_CAPABILITY=default) it IS std::log/cos/sin on floats, with
//    theta = float(2.0f * pi_double * u2) computed in double.
//  - numel < 16: element by element, a double normal: u1, u2 double uniforms,
//    r = sqrt(-2 ln(1 - u2)), theta = 2 pi u1; the element is float(r cos theta) and
//    r sin theta is CACHED in the generator: the next scalar-path element (of this or of a
//    later randn call) takes the cached value instead of drawing. The cache survives
//    rand, randint, uniform_ and randn of >= 16 elements (which never touch it), and only
//    manual_seed clears it. So randn(3) followed by randn(1) gives randn(4)'s four numbers.
//
// torch.randint(low, high) (random_from_to): range = high - low; draws random() when
// range < 2^32, else random64(); value = (draw % range) + low.
//
// nn.Conv1d(in, out, k, ..., groups, bias) construction (_ConvNd.reset_parameters)
//  1. weight = torch.empty(out, in/groups, k) (no draws), then
//     init.kaiming_uniform_(weight, a=math.sqrt(5)): if any size is 0 it does nothing;
//     else fan_in = (in/groups) * k, gain = sqrt(2 / (1 + sqrt(5)**2)), std = gain /
//     sqrt(fan_in), bound = sqrt(3) * std (all in double), weight.uniform_(-bound, bound),
//     element by element in row-major order. For every fan_in up to 200000, float(bound)
//     equals float(1 / sqrt(fan_in)), as the formula says; the code follows init.py's
//     arithmetic anyway.
//  2. If bias: fan_in as above; if fan_in != 0, bound = 1 / sqrt(fan_in) and
//     bias.uniform_(-bound, bound). (fan_in == 0 leaves torch's bias uninitialised memory;
//     here it stays zero. ConvStep's ValidateSpec refuses in_channels or kernel_size 0.)
//  Nothing else draws: stride, padding, dilation and padding_mode do not change the numbers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "convstep/geometry.h"
#include "convstep/result.h"
#include "convstep/spec.h"
#include "convstep/tensor.h"

namespace convstep {

/// Which build of PyTorch's CPU kernels to reproduce (the randn and uniform_ arithmetic).
enum class TorchCpuKernels {
  kAvx2,     ///< torch's choice on x86-64 CPUs with AVX2 or AVX-512 ("CPU capability: AVX2")
  kDefault,  ///< ATEN_CPU_CAPABILITY=default / no AVX2: std::log/cos/sin, no fused multiply-add
};

/// The seed torch.Generator() starts from (c10's default_rng_seed_val).
constexpr uint64_t kTorchDefaultSeed = 67280421310721ULL;

/// The parameters a freshly built nn.Conv1d holds.
struct Conv1dInit {
  Tensor weight;  ///< [out_channels, in_channels / groups, kernel_size]
  Tensor bias;    ///< [out_channels] when spec.bias, else empty (no shape)
};

/// PyTorch 1.13's CPU generator plus the kernels that turn its draws into tensors. Each call
/// consumes draws exactly as the torch call named in its comment, so calls can be chained
/// like lines of Python after torch.manual_seed. Tensor-making calls refuse negative or
/// overflowing shapes and tensors over the memory limit with an Error, never a crash.
class TorchGenerator {
 public:
  /// A generator seeded like torch.manual_seed(seed), reproducing `kernels`.
  explicit TorchGenerator(uint64_t seed = kTorchDefaultSeed,
                          TorchCpuKernels kernels = TorchCpuKernels::kAvx2);

  /// torch.manual_seed(seed): reseeds from the low 32 bits and clears the cached normal.
  void manual_seed(uint64_t seed);
  /// torch.initial_seed(): the last seed given, all 64 bits.
  uint64_t initial_seed() const { return seed_; }
  /// The kernel build this generator reproduces.
  TorchCpuKernels kernels() const { return kernels_; }
  /// Sets the memory budget each generated tensor must fit (4 bytes per element).
  void set_limits(const Limits& limits) { limits_ = limits; }

  /// One 32-bit draw (CPUGeneratorImpl::random).
  uint32_t random();
  /// (first << 32) | second of two draws (CPUGeneratorImpl::random64).
  uint64_t random64();
  /// One float in [0, 1): (random() & 0xFFFFFF) * 2^-24.
  float uniform_float();
  /// One double in [0, 1): (random64() & (2^53 - 1)) * 2^-53.
  double uniform_double();
  /// One element of the scalar randn path (numel < 16), using and refilling the cache.
  double normal_double();

  /// torch.rand(*shape): float32 uniforms in [0, 1), row-major.
  Result<Tensor> rand(const Shape& shape);
  /// torch.randn(*shape), float32.
  Result<Tensor> randn(const Shape& shape);
  /// torch.randint(low, high, shape).float(): integers in [low, high) as floats.
  Result<Tensor> randint(int64_t low, int64_t high, const Shape& shape);
  /// torch.empty(*shape).uniform_(from, to), float32.
  Result<Tensor> uniform(const Shape& shape, double from, double to);
  /// nn.init.kaiming_uniform_(torch.empty(*shape), a=a) (mode='fan_in', 'leaky_relu').
  Result<Tensor> kaiming_uniform(const Shape& shape, double a);
  /// The weight and bias nn.Conv1d(spec) creates, drawn in construction order (weight, bias).
  Result<Conv1dInit> conv1d_default_init(const Conv1dSpec& spec);

  /// Fills `count` floats like torch.randn on a tensor of that many elements.
  void FillRandn(float* data, int64_t count);
  /// Fills `count` floats like Tensor.uniform_(from, to) (from and to already checked).
  void FillUniform(float* data, int64_t count, double from, double to);

 private:
  void NormalFill16(float* data) const;
  Result<Tensor> MakeTensor(const Shape& shape, const char* what) const;

  std::array<uint32_t, 624> state_{};
  int next_ = 624;  ///< index of the next word; 624 means "twist first"
  uint64_t seed_ = kTorchDefaultSeed;
  std::optional<double> next_double_normal_;  ///< r sin(theta) left by the scalar randn path
  TorchCpuKernels kernels_ = TorchCpuKernels::kAvx2;
  Limits limits_;
};

/// fan_in of nn.Conv1d's weight: (in_channels / groups) * kernel_size.
int64_t Conv1dFanIn(const Conv1dSpec& spec);
/// The bound kaiming_uniform_(weight, a=sqrt(5)) uses, computed as torch/nn/init.py does.
double KaimingUniformBound(int64_t fan_in, double a);

}  // namespace convstep
