// Dot-product panel: the current window written out, one row per tap,
// x[c, pos] × w[o, c, k] = product with the running sum; then "+ bias" and "= y". At tap
// granularity the rows appear one by one; the finished value is the number PyTorch prints.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the dot-product panel in frame.layout.dot_product.
void DrawDotProductPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
