// Reproduces PyTorch 1.13's CPU generator (aten/src/ATen/core/MT19937RNGEngine.h,
// CPUGeneratorImpl.cpp), its transformations (core/TransformationHelper.h,
// core/DistributionsHelper.h) and the CPU kernels (native/cpu/DistributionTemplates.h,
// native/cpu/avx_mathfun.h). The facts are listed in torch_random.h.
//
// Rounding matters here: every float operation below is one IEEE operation, and the fused
// multiply-adds that GCC formed when it compiled PyTorch's AVX2 kernels are written out as
// std::fma. Those marked "either way" gave the same bits fused or not over 5 million samples
// (their products are exact or nearly); leaving out any other one changes the last bit of
// roughly 1 value in 2000. The build uses -ffp-contract=off so that the compiler adds no
// fusion of its own.
#include "convstep/torch_random.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

namespace convstep {
namespace {

constexpr double kPi = 3.14159265358979323846;  // c10::pi<double>

uint32_t FloatBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

float BitsFloat(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// log256_ps of avx_mathfun.h (Cephes logf) for one lane, x in (0, 1]. The multiply-adds
// marked "fused" are the ones GCC contracted in PyTorch's AVX2 build.
float CephesLog(float x) {
  x = std::fmax(x, BitsFloat(0x00800000u));  // cut off denormals
  const uint32_t bits = FloatBits(x);
  float e = static_cast<float>(static_cast<int32_t>(bits >> 23) - 0x7f);
  x = BitsFloat((bits & ~0x7f800000u) | FloatBits(0.5f));  // mantissa in [0.5, 1)
  e = e + 1.0f;
  const bool below = x < 0.707106781186547524f;  // cephes_SQRTHF
  const float x_if_below = below ? x : 0.0f;
  x = x - 1.0f;
  e = e - (below ? 1.0f : 0.0f);
  x = x + x_if_below;
  const float z = x * x;
  float y = 7.0376836292E-2f;
  y = std::fma(y, x, -1.1514610310E-1f);  // Horner steps: fused
  y = std::fma(y, x, 1.1676998740E-1f);
  y = std::fma(y, x, -1.2420140846E-1f);
  y = std::fma(y, x, 1.4249322787E-1f);
  y = std::fma(y, x, -1.6668057665E-1f);
  y = std::fma(y, x, 2.0000714765E-1f);
  y = std::fma(y, x, -2.4999993993E-1f);
  y = std::fma(y, x, 3.3333331174E-1f);
  y = y * x;
  y = std::fma(y, z, e * -2.12194440e-4f);  // y * z + e * q1: the first product fused
  y = std::fma(-z, 0.5f, y);                // y - z * 0.5: fused (either way)
  x = x + y;
  return std::fma(e, 0.693359375f, x);  // x + e * q2: fused (either way)
}

// sincos256_ps of avx_mathfun.h (Cephes sinf/cosf) for one lane, theta in [0, 2 pi).
void CephesSinCos(float theta, float* sine, float* cosine) {
  float x = std::fabs(theta);
  uint32_t sign_sin = FloatBits(theta) & 0x80000000u;
  float y = x * 1.27323954473516f;           // 4 / pi
  int32_t octant = static_cast<int32_t>(y);  // truncation, as _mm256_cvttps_epi32
  octant = (octant + 1) & ~1;
  y = static_cast<float>(octant);
  const uint32_t swap_sin = static_cast<uint32_t>(octant & 4) << 29;
  const bool sine_poly = (octant & 2) == 0;
  // Extended precision reduction, each step fused (either way).
  x = std::fma(y, -0.78515625f, x);
  x = std::fma(y, -2.4187564849853515625e-4f, x);
  x = std::fma(y, -3.77489497744594108e-8f, x);
  const uint32_t sign_cos = static_cast<uint32_t>(~(octant - 2) & 4) << 29;
  sign_sin ^= swap_sin;
  const float z = x * x;
  float cos_poly = 2.443315711809948E-005f;
  cos_poly = std::fma(cos_poly, z, -1.388731625493765E-003f);
  cos_poly = std::fma(cos_poly, z, 4.166664568298827E-002f);
  cos_poly = cos_poly * z;
  cos_poly = std::fma(cos_poly, z, -(z * 0.5f));  // y * z - z * 0.5: the first product fused
  cos_poly = cos_poly + 1.0f;
  float sin_poly = -1.9515295891E-4f;
  sin_poly = std::fma(sin_poly, z, 8.3321608736E-3f);
  sin_poly = std::fma(sin_poly, z, -1.6666654611E-1f);
  sin_poly = sin_poly * z;
  sin_poly = std::fma(sin_poly, x, x);
  const float sin_value = sine_poly ? sin_poly : cos_poly;
  const float cos_value = sine_poly ? cos_poly : sin_poly;
  *sine = BitsFloat(FloatBits(sin_value) ^ sign_sin);
  *cosine = BitsFloat(FloatBits(cos_value) ^ sign_cos);
}

std::string S(int64_t value) {
  return std::to_string(value);
}

std::string G(double value) {  // C++'s default stream format (%g), as PyTorch's messages
  char buf[40];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

}  // namespace

TorchGenerator::TorchGenerator(uint64_t seed, TorchCpuKernels kernels) : kernels_(kernels) {
  manual_seed(seed);
}

void TorchGenerator::manual_seed(uint64_t seed) {
  seed_ = seed;
  next_double_normal_.reset();
  state_[0] = static_cast<uint32_t>(seed & 0xffffffffu);
  for (uint32_t j = 1; j < state_.size(); ++j)
    state_[j] = 1812433253u * (state_[j - 1] ^ (state_[j - 1] >> 30)) + j;
  next_ = static_cast<int>(state_.size());
}

uint32_t TorchGenerator::random() {
  constexpr int kN = 624, kM = 397;
  if (next_ >= kN) {  // twist the whole state
    for (int k = 0; k < kN; ++k) {
      const uint32_t mixed = (state_[k] & 0x80000000u) | (state_[(k + 1) % kN] & 0x7fffffffu);
      state_[k] = state_[(k + kM) % kN] ^ (mixed >> 1) ^ ((mixed & 1u) ? 0x9908b0dfu : 0u);
    }
    next_ = 0;
  }
  uint32_t y = state_[next_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

uint64_t TorchGenerator::random64() {
  const uint64_t first = random();
  const uint64_t second = random();
  return (first << 32) | second;
}

float TorchGenerator::uniform_float() {
  return static_cast<float>(random() & 0xFFFFFFu) * (1.0f / 16777216.0f);
}

double TorchGenerator::uniform_double() {
  return static_cast<double>(random64() & ((uint64_t{1} << 53) - 1)) * (1.0 / 9007199254740992.0);
}

double TorchGenerator::normal_double() {
  if (next_double_normal_) {
    const double cached = *next_double_normal_;
    next_double_normal_.reset();
    return cached;
  }
  const double u1 = uniform_double();
  const double u2 = uniform_double();
  const double radius = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = 2.0 * kPi * u1;
  next_double_normal_ = radius * std::sin(theta);
  return radius * std::cos(theta);
}

void TorchGenerator::NormalFill16(float* data) const {
  for (int j = 0; j < 8; ++j) {
    const float u1 = 1.0f - data[j];  // [0, 1) -> (0, 1] for the log
    const float u2 = data[j + 8];
    if (kernels_ == TorchCpuKernels::kAvx2) {
      const float radius = std::sqrt(-2.0f * CephesLog(u1));
      const float theta = static_cast<float>(2.0 * kPi) * u2;  // a float product here
      float sine, cosine;
      CephesSinCos(theta, &sine, &cosine);
      data[j] = radius * cosine;
      data[j + 8] = radius * sine;
    } else {
      const float radius = std::sqrt(-2.0f * std::log(u1));
      const float theta = static_cast<float>(2.0f * kPi * u2);  // a double product here
      data[j] = radius * std::cos(theta);
      data[j + 8] = radius * std::sin(theta);
    }
  }
}

void TorchGenerator::FillRandn(float* data, int64_t count) {
  if (count < 16) {
    for (int64_t i = 0; i < count; ++i) data[i] = static_cast<float>(normal_double());
    return;
  }
  for (int64_t i = 0; i < count; ++i) data[i] = uniform_float();
  for (int64_t i = 0; i + 16 <= count; i += 16) NormalFill16(data + i);
  if (count % 16 != 0) {  // redraw the last 16 and transform them again
    float* tail = data + count - 16;
    for (int i = 0; i < 16; ++i) tail[i] = uniform_float();
    NormalFill16(tail);
  }
}

void TorchGenerator::FillUniform(float* data, int64_t count, double from, double to) {
  const float low = static_cast<float>(from);
  const float span = static_cast<float>(to) - low;
  for (int64_t i = 0; i < count; ++i) {
    const float x = uniform_float();
    data[i] = kernels_ == TorchCpuKernels::kAvx2 ? std::fma(x, span, low) : x * span + low;
  }
}

Result<Tensor> TorchGenerator::MakeTensor(const Shape& shape, const char* what) const {
  for (int64_t size : shape) {
    if (size < 0)
      return MakeError(
          "Trying to create tensor with negative dimension " + S(size) + ": " + FormatShape(shape),
          what, Hint{"size_not_negative", "every size must be 0 or more", {}});
  }
  const int64_t numel = ShapeNumel(shape);
  if (numel < 0)
    return MakeError(Message{"shape_overflow",
                             "the shape {0} has more elements than fit in int64",
                             {FormatShape(shape)}},
                     what, Hint{"smaller_sizes", "use smaller sizes", {}});
  if (numel > limits_.max_bytes / static_cast<int64_t>(sizeof(float)))
    return MakeError(
        OverBudgetText(Message{"budget_values", "the values of shape {0}", {FormatShape(shape)}},
                       numel, limits_),
        what, Hint{"smaller_sizes", "use smaller sizes", {}});
  return Tensor::Zeros(shape);
}

Result<Tensor> TorchGenerator::rand(const Shape& shape) {
  auto tensor = MakeTensor(shape, "input");
  if (!tensor) return tensor;
  for (float& value : tensor.value().data) value = uniform_float();
  return tensor;
}

Result<Tensor> TorchGenerator::randn(const Shape& shape) {
  auto tensor = MakeTensor(shape, "input");
  if (!tensor) return tensor;
  auto& data = tensor.value().data;
  FillRandn(data.data(), static_cast<int64_t>(data.size()));
  return tensor;
}

Result<Tensor> TorchGenerator::randint(int64_t low, int64_t high, const Shape& shape) {
  if (low >= high)
    return MakeError(
        "random_ expects 'from' to be less than 'to', but got from=" + S(low) + " >= to=" + S(high),
        "randint", Hint{"randint_bounds", "the upper bound is exclusive: use high > low", {}});
  auto tensor = MakeTensor(shape, "input");
  if (!tensor) return tensor;
  const uint64_t range = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
  for (float& value : tensor.value().data) {
    const uint64_t draw = range >= (uint64_t{1} << 32) ? random64() : random();
    value = static_cast<float>(static_cast<int64_t>(draw % range + static_cast<uint64_t>(low)));
  }
  return tensor;
}

Result<Tensor> TorchGenerator::uniform(const Shape& shape, double from, double to) {
  constexpr double kFloatMax = std::numeric_limits<float>::max();
  if (!(std::fabs(from) <= kFloatMax))
    return MakeError("from is out of bounds for float", "uniform",
                     Hint{"uniform_finite_from", "use a finite lower bound", {}});
  if (!(std::fabs(to) <= kFloatMax))
    return MakeError("to is out of bounds for float", "uniform",
                     Hint{"uniform_finite_to", "use a finite upper bound", {}});
  if (from > to)
    return MakeError("uniform_ expects to return a [from, to) range, but found from=" + G(from) +
                         " > to=" + G(to),
                     "uniform", Hint{"uniform_swap", "swap the bounds", {}});
  if (to - from > kFloatMax)
    return MakeError(
        "uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found "
        "to=" +
            G(to) + " and from=" + G(from) + " which result in to-from to exceed the limit",
        "uniform", Hint{"uniform_narrower", "use a narrower range", {}});
  auto tensor = MakeTensor(shape, "weight");
  if (!tensor) return tensor;
  auto& data = tensor.value().data;
  FillUniform(data.data(), static_cast<int64_t>(data.size()), from, to);
  return tensor;
}

Result<Tensor> TorchGenerator::kaiming_uniform(const Shape& shape, double a) {
  auto tensor = MakeTensor(shape, "weight");
  if (!tensor) return tensor;
  if (tensor->numel() == 0) return tensor;  // "Initializing zero-element tensors is a no-op"
  if (shape.size() < 2)
    return MakeError(
        "Fan in and fan out can not be computed for tensor with fewer than 2 "
        "dimensions",
        "weight",
        Hint{"kaiming_dims", "kaiming_uniform_ needs a weight of at least 2 dimensions", {}});
  int64_t fan_in = shape[1];
  for (size_t d = 2; d < shape.size(); ++d) fan_in *= shape[d];  // no overflow: numel fits
  const double bound = KaimingUniformBound(fan_in, a);
  auto& data = tensor.value().data;
  FillUniform(data.data(), static_cast<int64_t>(data.size()), -bound, bound);
  return tensor;
}

Result<Conv1dInit> TorchGenerator::conv1d_default_init(const Conv1dSpec& spec) {
  if (auto built = ValidateSpec(spec); !built) return built.error();
  const Shape weight_shape = {spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size};
  const int64_t weight_numel = ShapeNumel(weight_shape);
  const int64_t bias_numel = spec.bias ? spec.out_channels : 0;
  if (weight_numel < 0 || weight_numel > limits_.max_bytes / 4 - bias_numel)
    return MakeError(OverBudgetText(Message{"budget_weight",
                                            "nn.Conv1d's weight {0} and bias",
                                            {FormatShape(weight_shape)}},
                                    weight_numel < 0 ? -1 : weight_numel + bias_numel, limits_),
                     "weight",
                     Hint{"fewer_channels", "use fewer channels or a smaller kernel", {}});
  Conv1dInit init;
  auto weight = kaiming_uniform(weight_shape, std::sqrt(5.0));
  if (!weight) return weight.error();
  init.weight = std::move(weight).value();
  if (spec.bias) {
    init.bias = Tensor::Zeros({spec.out_channels});
    const int64_t fan_in = Conv1dFanIn(spec);
    if (fan_in != 0) {
      const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
      FillUniform(init.bias.data.data(), spec.out_channels, -bound, bound);
    }
  }
  return init;
}

int64_t Conv1dFanIn(const Conv1dSpec& spec) {
  if (spec.groups <= 0) return 0;
  return (spec.in_channels / spec.groups) * spec.kernel_size;
}

double KaimingUniformBound(int64_t fan_in, double a) {
  const double gain = std::sqrt(2.0 / (1.0 + a * a));  // calculate_gain('leaky_relu', a)
  const double std_dev = gain / std::sqrt(static_cast<double>(fan_in));
  return std::sqrt(3.0) * std_dev;
}

}  // namespace convstep
