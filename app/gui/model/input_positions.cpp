#include "model/input_positions.h"

namespace convstep::gui {

std::string WindowInputPositions(const Geometry& g, int64_t t, const std::string& pad_label,
                                 int64_t max_taps) {
  std::string text;
  for (int64_t k = 0; k < g.kernel_size; ++k) {
    if (k == max_taps) return text + ", …";
    if (k > 0) text += ", ";
    const int64_t padded = g.TapPosition(t, k);
    const PaddedCell cell = SourceOf(g, padded);
    text += cell.kind == CellKind::kReal ? std::to_string(InputPositionOf(g, padded)) : pad_label;
  }
  return text;
}

std::string WindowPositionFormula(const Geometry& g) {
  std::string formula = "t·" + std::to_string(g.stride) + " + k·" + std::to_string(g.dilation);
  if (g.pad_left > 0) formula += " − " + std::to_string(g.pad_left);
  if (g.pad_left < 0) formula += " + " + std::to_string(-g.pad_left);
  return formula;
}

}  // namespace convstep::gui
