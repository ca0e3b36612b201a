// Colours: a diverging map for values (blue for negative, near-white for zero, orange for
// positive: distinguishable with every common colour-vision deficiency), a qualitative
// palette for groups (Okabe-Ito), and the fixed colours of highlights.
#pragma once

#include <cstdint>
#include <string>

#include <imgui.h>

#include "state/view_state.h"

namespace convstep::gui {

/// The colour of `value` on a symmetric scale [-scale, +scale] (values beyond saturate).
ImU32 DivergingColor(float value, float scale, ColorMap map = ColorMap::kBlueOrange);

/// Black or white, whichever has more contrast on `background`.
ImU32 TextColorOn(ImU32 background);

/// The Okabe-Ito colour of group `group` (cycles after 7), with alpha in [0, 1].
ImU32 GroupColor(int64_t group, float alpha = 1.f);

/// `color` with its alpha multiplied by `alpha`.
ImU32 WithAlpha(ImU32 color, float alpha);

/// Linear blend of two colours, t in [0, 1].
ImU32 MixColor(ImU32 a, ImU32 b, float t);

/// `color` with its red, green and blue moved a fraction t in [0, 1] towards white (alpha kept):
/// what a white veil of opacity t over it shows.
ImU32 FadeTowardsWhite(ImU32 color, float t);

/// Fixed colours of the picture (chosen to stay apart from the value map's blue and orange).
/// Two sets: the standard one and the high-contrast one for projectors (UsePalette switches;
/// ApplyStyle picks the standard set, ApplyHighContrast the other). Drawing reads them each frame.
struct Palette {
  static inline ImU32 kKernelFrame = IM_COL32(25, 25, 60, 255);      ///< sliding kernel frame
  static inline ImU32 kCurrentTap = IM_COL32(0, 0, 0, 255);          ///< the multiply now
  static inline ImU32 kHighlight = IM_COL32(123, 44, 191, 255);      ///< hover / pin (purple)
  static inline ImU32 kPaddingFill = IM_COL32(225, 225, 225, 255);   ///< zero padding cell
  static inline ImU32 kPaddingHatch = IM_COL32(175, 175, 175, 255);  ///< its hatching
  static inline ImU32 kGrid = IM_COL32(150, 150, 150, 255);          ///< cell borders, dashes
  static inline ImU32 kEmptyCell = IM_COL32(250, 250, 250, 255);     ///< not computed yet
  static inline ImU32 kText = IM_COL32(20, 20, 20, 255);
  static inline ImU32 kMutedText = IM_COL32(95, 95, 95, 255);
  static inline ImU32 kPendingText = IM_COL32(105, 105, 105, 255);  ///< rows not yet computed
  static inline ImU32 kPaddingText = IM_COL32(150, 60, 0, 255);     ///< "pad" positions
  static inline ImU32 kPaddingZero = IM_COL32(60, 60, 60, 255);  ///< a padding cell's 0 (on hatch)
  static inline ImU32 kCurrentRow = IM_COL32(255, 236, 150, 255);  ///< the product being made
  static constexpr ImU32 kError = IM_COL32(190, 20, 20, 255);      ///< 5.9:1 on white in both sets
  static inline ImU32 kArrow = IM_COL32(60, 60, 60, 255);
};

/// Which set of Palette colours the picture is drawn in.
enum class PaletteTheme { kStandard, kHighContrast };

/// Sets every Palette colour to `theme`'s: the high-contrast set has black text, near-black
/// borders, dashes and arrows, darker padding and highlight colours (every text 7:1 or more).
void UsePalette(PaletteTheme theme);

/// Draws the value colour legend: a gradient bar from -scale to +scale with its labels.
/// Returns the height used.
float DrawColorLegend(ImDrawList* draw, ImVec2 pos, float width, float bar_height,
                      const char* negative_label, const char* positive_label,
                      ColorMap map = ColorMap::kBlueOrange);

}  // namespace convstep::gui
