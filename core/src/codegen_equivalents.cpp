// The Conv2d and matrix-multiply forms of a Conv1d, as Python that follows PythonCode's program.
#include "convstep/codegen_equivalents.h"

#include <sstream>

namespace convstep {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

// "(a, b)" for a Conv2d argument whose first (height) entry is `height`.
std::string Pair(int64_t height, int64_t width) {
  return "(" + S(height) + ", " + S(width) + ")";
}

// F.pad's mode for a padding mode ('constant' is the zeros mode).
std::string PadModeArgument(PaddingMode mode) {
  return mode == PaddingMode::kZeros ? "" : ", mode='" + PaddingModeName(mode) + "'";
}

// Lines that define `xp`: the input as a batch ([C, L] becomes [1, C, L]) with the layer's
// padding applied, as the Conv1d pads it.
std::string PaddedInputLines(const Conv1dSpec& spec, const Geometry& g) {
  std::string lines = "import torch.nn.functional as F\n";
  const std::string batch = g.batched ? "x" : "x.unsqueeze(0)";
  if (g.pad_left == 0 && g.pad_right == 0) {
    lines += "xp = " + batch + "  # no padding\n";
  } else {
    lines += "xp = F.pad(" + batch + ", " + Pair(g.pad_left, g.pad_right) +
             PadModeArgument(spec.padding_mode) + ")  # " + S(g.pad_left) + " cell(s) left, " +
             S(g.pad_right) + " right (" + PaddingModeName(spec.padding_mode) + ")\n";
  }
  return lines;
}

// The padding argument of the height-1 Conv2d: the same string, or (0, p).
std::string Conv2dPadding(const Conv1dSpec& spec) {
  if (spec.padding_kind != PaddingKind::kExplicit) return PaddingPython(spec);
  return Pair(0, spec.padding);
}

std::string Conv2dArguments(const Conv1dSpec& spec, bool height_one) {
  std::string text;
  if (spec.stride != 1) text += ", stride=" + Pair(1, spec.stride);
  if (height_one && (spec.padding_kind != PaddingKind::kExplicit || spec.padding != 0))
    text += ", padding=" + Conv2dPadding(spec);
  if (spec.dilation != 1) text += ", dilation=" + Pair(1, spec.dilation);
  if (height_one && spec.groups != 1) text += ", groups=" + S(spec.groups);
  if (!spec.bias) text += ", bias=False";
  if (height_one && spec.padding_mode != PaddingMode::kZeros)
    text += ", padding_mode='" + PaddingModeName(spec.padding_mode) + "'";
  return text;
}

// Copies the weight (through `weight_expression`) and the bias into `layer`.
std::string CopyLines(const std::string& layer, const std::string& weight_expression,
                      const std::string& weight_comment, bool bias) {
  std::string lines = "with torch.no_grad():\n";
  lines += "    " + layer + ".weight.copy_(" + weight_expression + ")  # " + weight_comment + "\n";
  if (bias) lines += "    " + layer + ".bias.copy_(conv.bias)\n";
  return lines;
}

}  // namespace

std::string Conv2dPython(const Conv1dSpec& spec, const Geometry& g) {
  std::ostringstream py;
  py << "# The same layer as a Conv2d: x.unsqueeze(2) is an image of height 1 whose "
     << g.in_channels << " channels stay\n# channels, and the Conv2d kernel is the Conv1d kernel "
     << "with a height of 1.\n";
  py << "conv2d = nn.Conv2d(" << spec.in_channels << ", " << spec.out_channels << ", "
     << Pair(1, spec.kernel_size) << Conv2dArguments(spec, true) << ")\n";
  py << CopyLines("conv2d", "conv.weight.unsqueeze(2)", "[O, C/groups, k] -> [O, C/groups, 1, k]",
                  spec.bias);
  if (g.batched) {
    py << "y_conv2d = conv2d(x.unsqueeze(2)).squeeze(2)  # [N, C, 1, L] -> [N, O, 1, L_out] -> "
          "[N, O, L_out]\n";
  } else {
    py << "y_conv2d = conv2d(x.unsqueeze(0).unsqueeze(2)).squeeze(2).squeeze(0)  # [C, L] as a "
          "batch of one\n";
  }
  py << "print((y_conv2d - y).abs().max())  # equal to y up to float32 rounding\n";
  return py.str();
}

std::string ImageConv2dPython(const Conv1dSpec& spec, const Geometry& g, int64_t kernel_height) {
  const bool full = kernel_height == g.in_channels;
  std::ostringstream py;
  py << "# A second view: the padded input as a one-channel image of height C = " << g.in_channels
     << " (channels become rows).\n";
  if (full) {
    py << "# A kernel of height " << kernel_height
       << " fills the height, so it only moves sideways: the same as the Conv1d.\n";
  } else {
    py << "# A kernel of height " << kernel_height << " < " << g.in_channels
       << " holds rows (input channels) 0.." << kernel_height - 1
       << " of each Conv1d kernel\n# and also moves down: " << g.in_channels - kernel_height + 1
       << " rows of output, no longer the Conv1d.\n";
  }
  py << PaddedInputLines(spec, g);
  py << "conv2d_image = nn.Conv2d(1, " << spec.out_channels << ", "
     << Pair(kernel_height, spec.kernel_size) << Conv2dArguments(spec, false) << ")\n";
  const std::string weight =
      full ? "conv.weight.unsqueeze(1)" : "conv.weight[:, :" + S(kernel_height) + "].unsqueeze(1)";
  py << CopyLines("conv2d_image", weight, "[O, 1, " + S(kernel_height) + ", k]", spec.bias);
  py << "y_image = conv2d_image(xp.unsqueeze(1))  # [N, 1, C, L] -> [N, O, "
     << g.in_channels - kernel_height + 1 << ", L_out]\n";
  if (full) {
    py << "y_image = y_image.squeeze(2)" << (g.batched ? "" : ".squeeze(0)") << "\n";
    py << "print((y_image - y).abs().max())  # equal to y up to float32 rounding\n";
  } else {
    py << "print(y_image.shape)  # not the Conv1d's " << FormatShape(g.OutputShape()) << "\n";
  }
  return py.str();
}

std::string MatmulPython(const Conv1dSpec& spec, const Geometry& g) {
  const int64_t rows = g.taps;  // (C / groups) * k per group
  std::ostringstream py;
  py << "# Conv1d as one matrix multiply (im2col): each window of the padded input becomes a "
        "column of\n# cols, and each kernel a row of W.\n";
  py << PaddedInputLines(spec, g);
  py << "cols = xp.unfold(2, " << g.kernel_extent << ", " << g.stride << ")  # [N, C, L_out, "
     << g.kernel_extent << "]: window t starts at t*" << g.stride << "\n";
  if (g.dilation != 1)
    py << "cols = cols[..., ::" << g.dilation << "]  # the k taps, " << g.dilation
       << " apart: [N, C, L_out, k]\n";
  py << "cols = cols.permute(0, 1, 3, 2).reshape(" << g.batch << ", "
     << g.in_channels * g.kernel_size << ", " << g.out_length
     << ")  # [N, C*k, L_out], rows in (c, k) order\n";
  if (g.groups == 1) {
    py << "W = conv.weight.reshape(" << g.out_channels << ", " << rows
       << ")  # [O, C*k]: kernel o is row o\n";
    py << "y_matmul = W @ cols  # [O, C*k] @ [N, C*k, L_out] -> [N, O, L_out]\n";
  } else {
    py << "W = conv.weight.reshape(" << g.groups << ", " << g.out_per_group << ", " << rows
       << ")  # one block per group: W is block-diagonal\n";
    py << "y_matmul = (W @ cols.reshape(" << g.batch << ", " << g.groups << ", " << rows << ", "
       << g.out_length << ")).reshape(" << g.batch << ", " << g.out_channels << ", " << g.out_length
       << ")  # group j's kernels meet only group j's rows\n";
  }
  if (g.has_bias) py << "y_matmul = y_matmul + conv.bias.reshape(" << g.out_channels << ", 1)\n";
  if (!g.batched) py << "y_matmul = y_matmul.squeeze(0)  # back to unbatched [O, L_out]\n";
  py << "print((y_matmul - y).abs().max())  # float rounding only: the same products, added in "
        "another order\n";
  return py.str();
}

}  // namespace convstep
