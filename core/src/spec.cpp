#include "convstep/spec.h"

namespace convstep {

bool Conv1dSpec::operator==(const Conv1dSpec& o) const {
  return in_channels == o.in_channels && out_channels == o.out_channels &&
         kernel_size == o.kernel_size && stride == o.stride && padding_kind == o.padding_kind &&
         padding == o.padding && dilation == o.dilation && groups == o.groups && bias == o.bias &&
         padding_mode == o.padding_mode && invalid_padding == o.invalid_padding &&
         invalid_mode == o.invalid_mode;
}

Conv1dSpec SeedSpec() {
  Conv1dSpec spec;
  spec.in_channels = 3;
  spec.out_channels = 8;
  spec.kernel_size = 2;
  spec.bias = false;
  return spec;
}

std::string PaddingModeName(PaddingMode mode) {
  switch (mode) {
    case PaddingMode::kZeros: return "zeros";
    case PaddingMode::kReflect: return "reflect";
    case PaddingMode::kReplicate: return "replicate";
    case PaddingMode::kCircular: return "circular";
    case PaddingMode::kInvalid: break;
  }
  return "invalid";
}

PaddingMode ParsePaddingMode(const std::string& name) {
  if (name == "zeros") return PaddingMode::kZeros;
  if (name == "reflect") return PaddingMode::kReflect;
  if (name == "replicate") return PaddingMode::kReplicate;
  if (name == "circular") return PaddingMode::kCircular;
  return PaddingMode::kInvalid;
}

std::string PaddingPython(const Conv1dSpec& spec) {
  switch (spec.padding_kind) {
    case PaddingKind::kSame: return "'same'";
    case PaddingKind::kValid: return "'valid'";
    case PaddingKind::kInvalid: return "'" + spec.invalid_padding + "'";
    case PaddingKind::kExplicit: break;
  }
  return std::to_string(spec.padding);
}

std::string SpecPython(const Conv1dSpec& spec) {
  std::string text = "nn.Conv1d(" + std::to_string(spec.in_channels) + ", " +
                     std::to_string(spec.out_channels) + ", " + std::to_string(spec.kernel_size);
  if (spec.stride != 1) text += ", stride=" + std::to_string(spec.stride);
  if (spec.padding_kind != PaddingKind::kExplicit || spec.padding != 0)
    text += ", padding=" + PaddingPython(spec);
  if (spec.dilation != 1) text += ", dilation=" + std::to_string(spec.dilation);
  if (spec.groups != 1) text += ", groups=" + std::to_string(spec.groups);
  if (!spec.bias) text += ", bias=False";
  if (spec.padding_mode != PaddingMode::kZeros) {
    std::string name = spec.padding_mode == PaddingMode::kInvalid ? spec.invalid_mode
                                                                   : PaddingModeName(spec.padding_mode);
    text += ", padding_mode='" + name + "'";
  }
  return text + ")";
}

}  // namespace convstep
