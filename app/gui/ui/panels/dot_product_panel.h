// Dot-product panel: the current window written out, one row per tap,
// x[c, pos] × w[o, c, k] = product with the running sum; then "+ bias" and "= y". At tap
// granularity the rows appear one by one; the finished value is the number PyTorch prints.
#pragma once

#include <string>

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// The position column's entry for a tap: l = t·stride + k·dilation − padding, as "3"; "-1 pad"
/// (in the UI's language) for zero padding; "-1→1" for a copy of position 1 (reflect,
/// replicate or circular padding).
std::string TapPositionLabel(const TapState& tap, const Geometry& g, const I18n& i18n);

/// Draws the dot-product panel in frame.layout.dot_product.
void DrawDotProductPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
