// Mirrors torch/_tensor_str.py (PyTorch 1.13): _Formatter, _vector_str,
// _tensor_str_with_formatter and get_summarized_data, for float32 tensors.
#include "convstep/torch_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace convstep {
namespace {

// Python's '{:.Nf}' / '{:.Ne}' of a double, including 'nan' / 'inf' spellings.
std::string PyFormat(double value, int precision, char mode) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[512];
  const char format[] = {'%', '.', '*', mode, '\0'};
  std::snprintf(buffer, sizeof buffer, format, precision, value);
  return buffer;
}

struct Formatter {
  bool int_mode = true;
  bool sci_mode = false;
  size_t max_width = 1;
  int precision = 4;

  std::string Format(double value) const {
    std::string text;
    if (sci_mode) {
      text = PyFormat(value, precision, 'e');
    } else if (int_mode) {
      text = PyFormat(value, 0, 'f');
      if (std::isfinite(value)) text += ".";
    } else {
      text = PyFormat(value, precision, 'f');
    }
    if (text.size() < max_width) text.insert(0, max_width - text.size(), ' ');
    return text;
  }
};

Formatter MakeFormatter(const std::vector<float>& values, int precision) {
  Formatter formatter;
  formatter.precision = precision;
  std::vector<double> finite;
  for (float v : values)
    if (std::isfinite(v) && v != 0.f) finite.push_back(static_cast<double>(v));
  if (finite.empty()) return formatter;
  double low = std::fabs(finite[0]), high = low;
  for (double v : finite) {
    low = std::min(low, std::fabs(v));
    high = std::max(high, std::fabs(v));
    if (v != std::ceil(v)) formatter.int_mode = false;
  }
  formatter.sci_mode = high / low > 1000.0 || high > 1e8 || (!formatter.int_mode && low < 1e-4);
  for (double v : finite) {
    size_t width;
    if (formatter.sci_mode) {
      width = PyFormat(v, precision, 'e').size();
    } else if (formatter.int_mode) {
      width = PyFormat(v, 0, 'f').size() + 1;
    } else {
      width = PyFormat(v, precision, 'f').size();
    }
    formatter.max_width = std::max(formatter.max_width, width);
  }
  return formatter;
}

// A view of one sub-tensor: its offset in the data and the dimension it starts at.
struct Printer {
  const Tensor& tensor;
  const TorchPrintOptions& options;
  bool summarize;
  Formatter formatter;

  int64_t Stride(size_t dim) const {
    int64_t stride = 1;
    for (size_t d = dim + 1; d < tensor.shape.size(); ++d) stride *= tensor.shape[d];
    return stride;
  }

  // Indices of the first dimension shown at `dim` (all, or the edges when summarized).
  std::vector<int64_t> Shown(size_t dim) const {
    const int64_t size = tensor.shape[dim];
    std::vector<int64_t> shown;
    const int64_t edge = options.edgeitems;
    if (summarize && size > 2 * edge) {
      for (int64_t i = 0; i < edge; ++i) shown.push_back(i);
      shown.push_back(-1);  // the "..." marker
      for (int64_t i = size - edge; i < size; ++i) shown.push_back(i);
    } else {
      for (int64_t i = 0; i < size; ++i) shown.push_back(i);
    }
    return shown;
  }

  void Collect(size_t dim, int64_t offset, std::vector<float>* out) const {
    if (dim == tensor.shape.size()) {
      out->push_back(tensor.data[static_cast<size_t>(offset)]);
      return;
    }
    for (int64_t i : Shown(dim))
      if (i >= 0) Collect(dim + 1, offset + i * Stride(dim), out);
  }

  std::string Vector(int64_t offset, size_t indent) const {
    const size_t element_length = formatter.max_width + 2;
    const size_t per_line = std::max<size_t>(
        1, static_cast<size_t>(
               std::floor(static_cast<double>(options.linewidth - static_cast<int>(indent)) /
                          static_cast<double>(element_length))));
    std::vector<std::string> data;
    const size_t dim = tensor.shape.size() - 1;
    if (summarize && options.edgeitems == 0) {
      data.push_back("...");
    } else {
      for (int64_t i : Shown(dim))
        data.push_back(i < 0 ? " ..."
                             : formatter.Format(tensor.data[static_cast<size_t>(offset + i)]));
    }
    std::string text = "[";
    for (size_t i = 0; i < data.size(); ++i) {
      if (i > 0) text += (i % per_line == 0) ? ",\n" + std::string(indent + 1, ' ') : ", ";
      text += data[i];
    }
    return text + "]";
  }

  std::string Block(size_t dim, int64_t offset, size_t indent) const {
    const size_t dims_left = tensor.shape.size() - dim;
    if (dims_left == 0) return formatter.Format(tensor.data[static_cast<size_t>(offset)]);
    if (dims_left == 1) return Vector(offset, indent);
    std::vector<std::string> slices;
    for (int64_t i : Shown(dim))
      slices.push_back(i < 0 ? "..." : Block(dim + 1, offset + i * Stride(dim), indent + 1));
    const std::string separator =
        "," + std::string(dims_left - 1, '\n') + std::string(indent + 1, ' ');
    std::string text = "[";
    for (size_t i = 0; i < slices.size(); ++i) text += (i ? separator : "") + slices[i];
    return text + "]";
  }
};

}  // namespace

std::string FormatTorchTensor(const Tensor& tensor, const TorchPrintOptions& options) {
  const std::string prefix = "tensor(";
  if (tensor.numel() == 0) {
    if (tensor.shape.size() == 1) return "tensor([])";
    std::string size = "(";
    for (size_t i = 0; i < tensor.shape.size(); ++i)
      size += (i ? ", " : "") + std::to_string(tensor.shape[i]);
    return "tensor([], size=" + size + "))";
  }
  Printer printer{tensor, options, tensor.numel() > options.threshold, {}};
  std::vector<float> shown;
  printer.Collect(0, 0, &shown);
  printer.formatter = MakeFormatter(shown, options.precision);
  return prefix + printer.Block(0, 0, prefix.size()) + ")";
}

}  // namespace convstep
