// One numbering of the input for every view: l = 0 .. L−1 counts the input's own positions,
// as the column labels do, and a padding cell is "pad", never a number. The window of output
// position t reads l = t·stride + k·dilation − padding for tap k.
#pragma once

#include <cstdint>
#include <string>

#include "convstep/geometry.h"

namespace convstep::gui {

/// Input position l = padded_pos − pad_left of a padded position: 0..L−1 for a real cell,
/// negative or >= L for a padding cell.
inline int64_t InputPositionOf(const Geometry& g, int64_t padded_pos) {
  return padded_pos - g.pad_left;
}

/// The positions the window of output position t reads, tap k = 0, 1, ...: "1, 3", with
/// `pad_label` for padding cells (also reflect / replicate / circular copies); after
/// `max_taps` taps ", …".
std::string WindowInputPositions(const Geometry& g, int64_t t, const std::string& pad_label,
                                 int64_t max_taps = 8);

/// The formula of those positions with the layer's numbers: "t·2 + k·2 − 1" (the padding
/// term only when there is left padding).
std::string WindowPositionFormula(const Geometry& g);

}  // namespace convstep::gui
