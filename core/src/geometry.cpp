// Validation mirrors PyTorch 1.13: nn.Conv1d.__init__ (torch/nn/modules/conv.py), then
// F.pad for non-zero padding modes, then the checks of aten/src/ATen/native/Convolution.cpp,
// each in PyTorch's order so that the first error reported is the one PyTorch reports.
#include "convstep/geometry.h"

#include "convstep/json_text.h"
#include "int_math.h"

#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace convstep {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

// "[ torch.FloatTensor{6,3,0} ]", as PyTorch prints a tensor inside a check message.
std::string FloatTensorText(const Shape& shape) {
  std::string text = "[ torch.FloatTensor{";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + S(shape[i]);
  return text + "} ]";
}

// Multiplies sizes, saturating at int64 max instead of overflowing.
int64_t SatMul(int64_t a, int64_t b) {
  if (a <= 0 || b <= 0) return 0;
  if (a > std::numeric_limits<int64_t>::max() / b) return std::numeric_limits<int64_t>::max();
  return a * b;
}

int64_t SatAdd(int64_t a, int64_t b) {
  if (a > std::numeric_limits<int64_t>::max() - b) return std::numeric_limits<int64_t>::max();
  return a + b;
}

// Input sizes beyond this never fit a memory budget; refusing them keeps sums of sizes exact.
constexpr int64_t kMaxSize = int64_t{1} << 40;

// Where PyTorch's own int64 arithmetic would wrap around (and answer wrongly), ConvStep stops
// and names the parameter. `what` is the quantity that overflows.
Error Overflow(const char* parameter, int64_t value, Message what) {
  return MakeError(Message{"param_overflow",
                           "conv.{0} = {1} makes {2} overflow 64-bit integers",
                           {parameter, S(value), std::move(what)}},
                   parameter,
                   Hint{"param_overflow",
                        "PyTorch's own int64 arithmetic wraps around here and gives a wrong "
                        "answer; use a {0} closer to zero",
                        {parameter}});
}

// a + b and a * b, false when they overflow int64.
bool Add(int64_t a, int64_t b, int64_t* sum) {
  return !__builtin_add_overflow(a, b, sum);
}
bool Mul(int64_t a, int64_t b, int64_t* product) {
  return !__builtin_mul_overflow(a, b, product);
}

// L + left + right, the length after padding.
bool PaddedLength(int64_t length, int64_t left, int64_t right, int64_t* padded) {
  int64_t partial = 0;
  return Add(length, left, &partial) && Add(partial, right, padded);
}

}  // namespace

Shape Geometry::OutputShape() const {
  if (batched) return {batch, out_channels, out_length};
  return {out_channels, out_length};
}

Shape Geometry::InputShape() const {
  if (batched) return {batch, in_channels, length};
  return {in_channels, length};
}

PaddedCell SourceOf(const Geometry& g, int64_t padded_pos) {
  const int64_t l = padded_pos - g.pad_left;
  const int64_t len = g.length;
  if (l >= 0 && l < len) return {CellKind::kReal, l};
  switch (g.padding_mode) {
    case PaddingMode::kReflect:
      return {CellKind::kGhost, l < 0 ? -l : 2 * (len - 1) - l};
    case PaddingMode::kReplicate:
      return {CellKind::kGhost, l < 0 ? 0 : len - 1};
    case PaddingMode::kCircular:
      return {CellKind::kGhost, FloorMod(l, len)};
    default:
      return {CellKind::kZeroPad, -1};
  }
}

namespace {

// The input as conv1d's kernel sees it, and the padding, once F.pad (non-zero modes) and the
// 'same' mode's extra column have run.
struct ConvInput {
  Shape shape;  ///< batched [N, C, L'] as the convolution sees it
  int64_t dims = 3, length = 0, channels = 0;
  int64_t pad_left = 0, pad_right = 0;  ///< total effect on the sequence
  int64_t conv_pad = 0;                 ///< the padding conv1d itself applies on both sides
};

// What overflows when the padded length does not fit int64.
Message PaddedText() {
  return Message{"overflow_padded", "the padded length L + 2 * padding", {}};
}

// The input's rank and sizes, as F.pad (non-zero modes) or conv1d checks them first.
Result<bool> CheckInputRank(const Conv1dSpec& spec, const Shape& input_shape) {
  const int64_t dims = static_cast<int64_t>(input_shape.size());
  const bool zeros = spec.padding_mode == PaddingMode::kZeros;
  const Hint layout_hint = {"input_dims",
                            "give the input as [N, C, L] (batched) or [C, L] (unbatched); for "
                            "[N, L, C] data, permute(0, 2, 1) first",
                            {}};
  if (dims != 2 && dims != 3) {
    // F.pad runs first for the non-zero modes: it needs 2 padding values <= 2 * dims.
    if (!zeros && dims == 0) return MakeError("Padding length too large", "input", layout_hint);
    if (!zeros)
      return MakeError(
          "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now", "input",
          layout_hint);
    return MakeError(
        "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of "
        "size: " +
            FormatShape(input_shape),
        "input", layout_hint);
  }
  for (int64_t size : input_shape) {
    if (size < 0 || size > kMaxSize)
      return MakeError("input size " + S(size) + " is out of range", "input",
                       Hint{"input_size_range", "sizes must be between 0 and 2^40", {}});
  }
  return true;
}

// {0} left padding, {1} right padding, {2} L.
Hint CropHint(const ConvInput& in) {
  return Hint{"negative_padding_crops",
              "negative padding crops; padding is {0} on the left and {1} on the right, for an "
              "input of length L={2} leaves nothing",
              {S(in.pad_left), S(in.pad_right), S(in.length)}};
}

// F.pad in reflect mode: PyTorch's checks, then the padded length.
Result<int64_t> ReflectPadded(const Conv1dSpec& spec, const Shape& input_shape,
                              const ConvInput& in) {
  const bool empty = in.dims == 2 ? in.length == 0 : (in.channels == 0 || in.length == 0);
  if (empty)
    return MakeError(
        "2D or 3D (batch mode) tensor expected for input, but got: " + FloatTensorText(input_shape),
        "input", Hint{"reflect_empty", "reflect padding needs a non-empty input (L >= 1)", {}});
  if (!(in.pad_left < in.length && in.pad_right < in.length))
    return MakeError(
        "Argument #4: Padding size should be less than the corresponding input "
        "dimension, but got: padding (" +
            S(in.pad_left) + ", " + S(in.pad_right) + ") at dimension " + S(in.dims - 1) +
            " of input " + FormatShape(input_shape),
        "padding",
        Hint{"reflect_too_wide",
             "reflect mirrors the input without repeating its edge, so padding "
             "must be less than L={0}; use padding <= {1} or another padding_mode",
             {S(in.length), S(in.length - 1)}});
  int64_t padded = 0;
  if (!PaddedLength(in.length, in.pad_left, in.pad_right, &padded))
    return Overflow("padding", spec.padding, PaddedText());
  if (padded < 1)
    return MakeError(
        "2input (W: " + S(in.length) + ")is too small. Calculated output W: " + S(padded),
        "padding", CropHint(in));
  return padded;
}

// F.pad in replicate mode.
Result<int64_t> ReplicatePadded(const Conv1dSpec& spec, const Shape& input_shape,
                                const ConvInput& in) {
  if (in.channels == 0 || in.length == 0)
    return MakeError(
        "Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and "
        "other non-zero dimensions for input, but got: " +
            FormatShape(input_shape),
        "input",
        Hint{"replicate_empty", "replicate padding needs a non-empty input (C >= 1, L >= 1)", {}});
  int64_t padded = 0;
  if (!PaddedLength(in.length, in.pad_left, in.pad_right, &padded))
    return Overflow("padding", spec.padding, PaddedText());
  if (padded < 1)
    return MakeError(
        "input (W: " + S(in.length) + ") is too small. Calculated output W: " + S(padded),
        "padding", CropHint(in));
  return padded;
}

// F.pad in circular mode.
Result<int64_t> CircularPadded(const Conv1dSpec& spec, const ConvInput& in) {
  if (in.pad_left > in.length || in.pad_right > in.length)
    return MakeError("Padding value causes wrapping around more than once.", "padding",
                     Hint{"circular_wrap",
                          "circular padding may wrap at most once: use padding <= L={0}",
                          {S(in.length)}});
  int64_t padded = 0;
  if (!PaddedLength(in.length, in.pad_left, in.pad_right, &padded))
    return Overflow("padding", spec.padding, PaddedText());
  if (padded < 0)
    return MakeError("Negative padding value is resulting in an empty dimension", "padding",
                     CropHint(in));
  return padded;
}

// The padding of each side, the non-zero modes' F.pad, 'same''s extra column and the
// unsqueeze of unbatched input, in PyTorch's order.
Result<ConvInput> PrepareConvInput(const Conv1dSpec& spec, const Shape& input_shape) {
  ConvInput in;
  in.shape = input_shape;
  in.dims = static_cast<int64_t>(input_shape.size());
  in.length = input_shape.back();
  in.channels = input_shape[in.dims - 2];
  const bool zeros = spec.padding_mode == PaddingMode::kZeros;
  if (spec.padding_kind == PaddingKind::kExplicit) {
    in.pad_left = in.pad_right = spec.padding;
  } else if (spec.padding_kind == PaddingKind::kSame) {
    int64_t total = 0;
    if (!Mul(spec.dilation, spec.kernel_size - 1, &total))
      return Overflow(
          "dilation", spec.dilation,
          Message{
              "overflow_same_total", "the total 'same' padding dilation * (kernel_size - 1)", {}});
    // conv.py's module pads with Python's //; Convolution.cpp's same mode with C++'s /.
    in.pad_left = zeros ? total / 2 : FloorDiv(total, 2);
    in.pad_right = total - in.pad_left;
  }
  if (!zeros) {
    const Result<int64_t> padded =
        spec.padding_mode == PaddingMode::kReflect     ? ReflectPadded(spec, input_shape, in)
        : spec.padding_mode == PaddingMode::kReplicate ? ReplicatePadded(spec, input_shape, in)
                                                       : CircularPadded(spec, in);
    if (!padded) return padded.error();
    in.shape.back() = *padded;
  } else if (spec.padding_kind == PaddingKind::kSame && in.pad_left != in.pad_right) {
    // Convolution.cpp pads the difference on one side, then convolves symmetrically.
    const int64_t delta = in.pad_right - in.pad_left;
    in.shape.back() += delta;
    in.conv_pad = delta > 0 ? in.pad_left : in.pad_right;
  } else {
    in.conv_pad = in.pad_left;
  }
  if (in.dims == 2) in.shape.insert(in.shape.begin(), 1);  // conv1d unsqueezes unbatched input
  return in;
}

// conv1d's own checks before the kernel's span: padding sign, stride, the weight's first
// axis, the channel count.
Result<bool> CheckConvArguments(const Conv1dSpec& spec, const Shape& weight, const ConvInput& in) {
  if (in.conv_pad < 0)
    return MakeError("negative padding is not supported", "padding",
                     Hint{"zeros_negative",
                          "with padding_mode='zeros' padding must be >= 0 (got {0}); the other "
                          "modes crop with negative padding",
                          {S(in.conv_pad)}});
  if (spec.stride <= 0)
    return MakeError("non-positive stride is not supported", "stride",
                     Hint{"stride_positive",
                          "stride is how far the kernel moves each step: use 1 or more (got {0})",
                          {S(spec.stride)}});
  if (spec.out_channels < spec.groups)
    return MakeError("Given groups=" + S(spec.groups) + ", expected weight to be at least " +
                         S(spec.groups) + " at dimension 0, but got weight of size " +
                         FormatShape(weight) + " instead",
                     "out_channels",
                     Hint{"out_channels_groups",
                          "out_channels is the number of kernels; it must be at least groups={0}",
                          {S(spec.groups)}});
  if (in.shape[1] != weight[1] * spec.groups)
    return MakeError("Given groups=" + S(spec.groups) + ", weight of size " + FormatShape(weight) +
                         ", expected input" + FormatShape(in.shape) + " to have " +
                         S(weight[1] * spec.groups) + " channels, but got " + S(in.shape[1]) +
                         " channels instead",
                     "input",
                     Hint{"channels_mismatch",
                          "the input's channel axis (axis {0}) has {1} but in_channels is {2}: "
                          "if the data is [N, L, C], permute(0, 2, 1) it first; set in_channels "
                          "to {1} only if axis {0} really holds the channels",
                          {S(in.dims - 2), S(in.shape[1]), S(spec.in_channels)}});
  return true;
}

// The kernel's span against the padded input, then what the backend checks (an empty length,
// the dilation). Returns the span dilation * (kernel_size - 1) + 1.
Result<int64_t> CheckKernelSpan(const Conv1dSpec& spec, const ConvInput& in) {
  int64_t conv_padded = 0;
  if (!PaddedLength(in.shape.back(), in.conv_pad, in.conv_pad, &conv_padded))
    return Overflow("padding", spec.padding, PaddedText());
  int64_t extent = 0;
  if (!Mul(spec.dilation, spec.kernel_size - 1, &extent) || !Add(extent, 1, &extent))
    return Overflow(
        spec.dilation != 1 ? "dilation" : "kernel_size",
        spec.dilation != 1 ? spec.dilation : spec.kernel_size,
        Message{"overflow_extent", "the kernel's span dilation * (kernel_size - 1) + 1", {}});
  if (conv_padded < extent)
    return MakeError("Calculated padded input size per channel: (" + S(conv_padded) +
                         "). Kernel size: (" + S(extent) +
                         "). Kernel size can't be greater than actual input size",
                     "kernel_size",
                     Hint{"kernel_too_long",
                          "the kernel spans dilation*(kernel_size-1)+1 = {0} positions but the "
                          "padded input has {1}: use a smaller kernel_size or dilation, more "
                          "padding, or a longer input",
                          {S(extent), S(conv_padded)}});
  // From here on PyTorch is choosing a backend (_select_conv_backend); conv1d runs as a 2-d
  // convolution over [N, C, 1, L].
  const Shape& shape = in.shape;
  if (shape.back() == 0 && shape[0] > 0 && shape[1] > 0)
    return MakeError(
        "Only zero batch or zero channel inputs are supported, but got input shape: " +
            FormatShape({shape[0], shape[1], 1, 0}),
        "input", Hint{"empty_length", "the input has length L=0; give at least one position", {}});
  if (spec.dilation <= 0) {
    // Only the chosen backend checks dilation, each in its own words: oneDNN (use_mkldnn:
    // groups > 1, a batch other than 1, or more than 20480 input values) or the slow dilated
    // kernel, which prints the dilation of its 2-d view. An empty batch reaches neither and
    // PyTorch accepts any dilation there; ConvStep refuses it with oneDNN's message.
    const bool onednn = spec.groups > 1 || shape[0] != 1 || SatMul(shape[1], shape[2]) > 20480;
    return MakeError(
        onednn ? "non-positive dilation is not supported"
               : "dilation should be greater than zero, but got [1, " + S(spec.dilation) + "]",
        "dilation",
        Hint{"dilation_positive",
             "dilation is the spacing between kernel taps: use 1 or more (got {0})",
             {S(spec.dilation)}});
  }
  return extent;
}

Geometry MakeGeometry(const Conv1dSpec& spec, const Shape& input_shape, const ConvInput& in,
                      int64_t extent) {
  Geometry g;
  g.batched = in.dims == 3;
  g.batch = in.dims == 3 ? input_shape[0] : 1;
  g.in_channels = in.channels;
  g.length = in.length;
  g.out_channels = spec.out_channels;
  g.kernel_size = spec.kernel_size;
  g.stride = spec.stride;
  g.dilation = spec.dilation;
  g.groups = spec.groups;
  g.has_bias = spec.bias;
  g.padding_mode = spec.padding_mode;
  g.pad_left = in.pad_left;
  g.pad_right = in.pad_right;
  g.padded_length = in.length + in.pad_left + in.pad_right;
  g.kernel_extent = extent;
  g.out_length = (g.padded_length - extent) / spec.stride + 1;
  g.in_per_group = spec.in_channels / spec.groups;
  g.out_per_group = spec.out_channels / spec.groups;
  g.taps = SatMul(g.in_per_group, spec.kernel_size);  // the budget refuses huge weights
  return g;
}

// Memory: input, padded copy, weight and output, in float32.
Result<bool> CheckBudget(const Geometry& g, const Limits& limits) {
  int64_t elements = SatMul(SatMul(g.batch, g.in_channels), g.length);
  elements = SatAdd(elements, SatMul(SatMul(g.batch, g.in_channels), g.padded_length));
  elements = SatAdd(elements, SatMul(SatMul(g.out_channels, g.in_per_group), g.kernel_size));
  elements = SatAdd(elements, SatMul(SatMul(g.batch, g.out_channels), g.out_length));
  if (SatMul(elements, 4) > limits.max_bytes)
    return MakeError(OverBudgetText(Message{"budget_config", "this configuration's tensors", {}},
                                    elements, limits),
                     "input", OverBudgetHint());
  return true;
}

}  // namespace

Result<Geometry> Validate(const Conv1dSpec& spec, const Shape& input_shape, const Limits& limits) {
  if (auto built = ValidateSpec(spec); !built) return built.error();
  if (auto rank = CheckInputRank(spec, input_shape); !rank) return rank.error();
  const Result<ConvInput> in = PrepareConvInput(spec, input_shape);
  if (!in) return in.error();
  const Shape weight = {spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size};
  if (auto arguments = CheckConvArguments(spec, weight, *in); !arguments) return arguments.error();
  const Result<int64_t> extent = CheckKernelSpan(spec, *in);
  if (!extent) return extent.error();
  const Geometry g = MakeGeometry(spec, input_shape, *in, *extent);
  if (auto budget = CheckBudget(g, limits); !budget) return budget.error();
  return g;
}

Hint OverBudgetHint() {
  return Hint{"over_budget",
              "use a smaller batch, fewer channels or a shorter input, or raise the memory budget "
              "(View → Memory budget in the app, --max-memory MiB on the command line)",
              {}};
}

std::string FormatBytes(int64_t bytes) {
  char buf[64];
  const double value = static_cast<double>(bytes);
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
  } else if (value < 1024.0 * 1024.0) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", value / 1024.0);
  } else if (value < 1024.0 * 1024.0 * 1024.0) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", value / (1024.0 * 1024.0));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f GiB", value / (1024.0 * 1024.0 * 1024.0));
  }
  return buf;
}

std::string OverBudgetMessage(const std::string& what, int64_t floats, const Limits& limits) {
  return MessageArg(OverBudgetText(what, floats, limits)).text;
}

Message OverBudgetText(MessageArg what, int64_t floats, const Limits& limits) {
  // Saturated sizes are beyond any machine: say so rather than print a wrapped number.
  if (floats < 0 || floats > std::numeric_limits<int64_t>::max() / 4)
    return Message{"over_budget_overflow",
                   "{0} need more bytes than fit in int64, over the {1} memory budget",
                   {std::move(what), FormatBytes(limits.max_bytes)}};
  return Message{"over_budget",
                 "{0} need {1} ({2} floats), over the {3} memory budget",
                 {std::move(what), FormatBytes(floats * 4), std::to_string(floats),
                  FormatBytes(limits.max_bytes)}};
}

}  // namespace convstep

namespace convstep {

Error OutOfMemoryError(MessageArg what, const Limits& limits) {
  return MakeError(Message{"out_of_memory",
                           "not enough memory for {0}: the machine refused an allocation within "
                           "the {1} memory budget",
                           {std::move(what), FormatBytes(limits.max_bytes)}},
                   "input",
                   Hint{"out_of_memory",
                        "use a smaller batch, fewer channels or a shorter input, or lower the "
                        "memory budget to what this machine has free",
                        {}});
}

}  // namespace convstep
