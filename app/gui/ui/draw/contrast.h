// Text contrast as WCAG 2.1 defines it: the relative luminance of sRGB colours and the ratio
// between a text colour and its background (at least 4.5:1 for AA, from the back of a room).
#pragma once

#include <imgui.h>

namespace convstep::gui {

/// WCAG AA's minimum contrast for normal text.
inline constexpr float kMinTextContrast = 4.5f;

/// The relative luminance of an opaque sRGB colour: 0 black .. 1 white.
float RelativeLuminance(ImU32 color);

/// `color` drawn over the opaque `background` (alpha blended, as the GPU does).
ImU32 BlendOver(ImU32 color, ImU32 background);

/// (L_lighter + 0.05) / (L_darker + 0.05) of `text` (blended over `background` when translucent)
/// on the opaque `background`: 1 .. 21.
float ContrastRatio(ImU32 text, ImU32 background);

}  // namespace convstep::gui
