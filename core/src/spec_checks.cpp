// nn.Conv1d.__init__'s checks (torch/nn/modules/conv.py), in its order, so that the first
// error reported is the one PyTorch reports: ValidateSpec.
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "convstep/geometry.h"
#include "convstep/json_text.h"
#include "int_math.h"

namespace convstep {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

Result<bool> Ok() {
  return true;
}

// Divisors of gcd(in, out): the groups values that would be accepted.
std::string GroupChoices(int64_t in_channels, int64_t out_channels) {
  const auto magnitude = [](int64_t v) {  // |v|, also for -2^63
    return v < 0 ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  };
  const uint64_t common = std::gcd(magnitude(in_channels), magnitude(out_channels));
  std::string text;
  for (uint64_t d = 1; d <= common && d <= 4096; ++d) {
    if (common % d == 0) text += (text.empty() ? "" : ", ") + std::to_string(d);
  }
  return text.empty() ? "1" : text;
}

// The multiples of `groups` nearest to `out_channels` (at least groups): "6 or 9" for 8 and 3.
std::string OutChannelChoices(int64_t out_channels, int64_t groups) {
  const int64_t below = out_channels / groups * groups;
  if (below < groups) return S(groups);
  if (below > std::numeric_limits<int64_t>::max() - groups) return S(below);
  return S(below) + " or " + S(below + groups);
}

// Module construction checks, in conv.py's order.
Result<bool> CheckConstruction(const Conv1dSpec& spec) {
  // {0} in_channels, {1} out_channels, {2} groups, {3} the groups that would work.
  const std::vector<std::string> groups_args = {S(spec.in_channels), S(spec.out_channels),
                                                S(spec.groups),
                                                GroupChoices(spec.in_channels, spec.out_channels)};
  const std::string groups_hint =
      "use a divisor of both in_channels ({0}) and out_channels ({1}), one of: {3}";
  if (spec.groups <= 0)
    return MakeError(
        "groups must be a positive integer", "groups",
        Hint{"groups_positive", "groups={2} is not allowed; " + groups_hint, groups_args});
  if (FloorMod(spec.in_channels, spec.groups) != 0)
    return MakeError(
        "in_channels must be divisible by groups", "groups",
        Hint{"groups_split_in",
             "in_channels={0} does not split into {2} equal groups; " + groups_hint, groups_args});
  if (FloorMod(spec.out_channels, spec.groups) != 0) {
    std::vector<std::string> args = groups_args;
    args.push_back(OutChannelChoices(spec.out_channels, spec.groups));
    return MakeError("out_channels must be divisible by groups", "groups",
                     Hint{"groups_split_out",
                          "out_channels={1} does not split into {2} equal groups: with groups={2}, "
                          "use a multiple of {2} for out_channels, such as {4}; or keep "
                          "out_channels and " +
                              groups_hint,
                          args});
  }
  if (spec.padding_kind == PaddingKind::kInvalid)
    return MakeError("Invalid padding string " + PythonRepr(spec.invalid_padding, kExcerptBytes) +
                         ", should be one of {'same', 'valid'}",
                     "padding",
                     Hint{"padding_string", "use a whole number of cells, 'same' or 'valid'", {}});
  if (spec.padding_kind == PaddingKind::kSame && spec.stride != 1)
    return MakeError("padding='same' is not supported for strided convolutions", "padding",
                     Hint{"same_stride",
                          "'same' keeps L_out == L only with stride 1: set stride to 1, or give "
                          "padding as a number",
                          {}});
  if (spec.padding_mode == PaddingMode::kInvalid)
    return MakeError(
        "padding_mode must be one of {'replicate', 'reflect', 'zeros', 'circular'}, "
        "but got padding_mode='" +
            Excerpt(spec.invalid_mode) + "'",
        "padding_mode", Hint{"padding_mode", "choose zeros, reflect, replicate or circular", {}});
  const Shape weight = {spec.out_channels, FloorDiv(spec.in_channels, spec.groups),
                        spec.kernel_size};
  const char* names[] = {"out_channels", "in_channels", "kernel_size"};
  for (size_t i = 0; i < weight.size(); ++i) {
    if (weight[i] < 0)
      return MakeError("Trying to create tensor with negative dimension " + S(weight[i]) + ": " +
                           FormatShape(weight),
                       names[i],
                       Hint{"positive_size", "{0} must be a positive whole number", {names[i]}});
  }
  // PyTorch 1.13 runs a layer without input channels but returns an empty [N, 0, L_out]
  // instead of out_channels channels: ConvStep refuses it, in its own words. With kernel_size
  // 0 PyTorch fails with a backend-specific error; ConvStep says why.
  if (spec.in_channels == 0)
    return MakeError(Message{"in_channels_zero",
                             "in_channels must be at least 1, but got 0 (PyTorch 1.13 runs such a "
                             "layer but returns an empty [N, 0, L_out], not out_channels channels)",
                             {}},
                     "in_channels",
                     Hint{"in_channels_zero",
                          "each input position needs at least one channel (a word vector of size "
                          ">= 1)",
                          {}});
  if (spec.kernel_size == 0)
    return MakeError("kernel_size must be at least 1, but got 0", "kernel_size",
                     Hint{"kernel_zero", "a kernel must cover at least one position", {}});
  return Ok();
}

}  // namespace

Result<bool> ValidateSpec(const Conv1dSpec& spec) {
  return CheckConstruction(spec);
}

}  // namespace convstep
