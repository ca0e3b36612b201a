// Conv1dSpec: the constructor arguments of torch.nn.Conv1d (PyTorch 1.13).
#pragma once

#include <cstdint>
#include <string>

namespace convstep {

/// How the border is filled: nn.Conv1d's padding_mode. Invalid keeps a bad name for the error.
enum class PaddingMode { kZeros, kReflect, kReplicate, kCircular, kInvalid };

/// padding given as a number, or as the string 'same' / 'valid'. Invalid keeps a bad string.
enum class PaddingKind { kExplicit, kSame, kValid, kInvalid };

/// The arguments of nn.Conv1d(in_channels, out_channels, kernel_size, stride, padding,
/// dilation, groups, bias, padding_mode), with PyTorch's defaults.
struct Conv1dSpec {
  int64_t in_channels = 3;
  int64_t out_channels = 8;
  int64_t kernel_size = 2;
  int64_t stride = 1;
  PaddingKind padding_kind = PaddingKind::kExplicit;
  int64_t padding = 0;  ///< used when padding_kind == kExplicit
  int64_t dilation = 1;
  int64_t groups = 1;
  bool bias = true;
  PaddingMode padding_mode = PaddingMode::kZeros;
  std::string invalid_padding;  ///< the rejected padding string, when padding_kind == kInvalid
  std::string invalid_mode;     ///< the rejected name, when padding_mode == kInvalid

  bool operator==(const Conv1dSpec& other) const;
  bool operator!=(const Conv1dSpec& other) const { return !(*this == other); }
};

/// The seed document's layer: nn.Conv1d(3, 8, 2, bias=False).
Conv1dSpec SeedSpec();

/// "zeros", "reflect", "replicate", "circular" ("invalid" for kInvalid).
std::string PaddingModeName(PaddingMode mode);
/// Parses a padding_mode name; unknown names give kInvalid.
PaddingMode ParsePaddingMode(const std::string& name);
/// A string as Python's repr() writes it: single quotes, or double quotes when the text holds
/// a single quote and no double quote; backslashes doubled; \n, \r, \t and other unprintable
/// characters (controls, C1 controls, no-break and zero-width spaces, ...) escaped. Text longer
/// than `max_bytes` is cut at a character boundary and "..." follows the closing quote.
std::string PythonRepr(const std::string& text, size_t max_bytes = std::string::npos);
/// "0", "'same'", "'valid'": padding as it appears in Python code.
std::string PaddingPython(const Conv1dSpec& spec);
/// "nn.Conv1d(3, 8, 2, bias=False)" with every non-default argument.
std::string SpecPython(const Conv1dSpec& spec);

}  // namespace convstep
