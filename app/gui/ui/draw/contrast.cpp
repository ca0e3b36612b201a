#include "ui/draw/contrast.h"

#include <algorithm>
#include <cmath>

namespace convstep::gui {
namespace {

float Channel(ImU32 color, int shift) {
  const float value = static_cast<float>((color >> shift) & 0xFF) / 255.f;
  return value <= 0.04045f ? value / 12.92f : std::pow((value + 0.055f) / 1.055f, 2.4f);
}

}  // namespace

float RelativeLuminance(ImU32 color) {
  return 0.2126f * Channel(color, IM_COL32_R_SHIFT) + 0.7152f * Channel(color, IM_COL32_G_SHIFT) +
         0.0722f * Channel(color, IM_COL32_B_SHIFT);
}

ImU32 BlendOver(ImU32 color, ImU32 background) {
  const float alpha = static_cast<float>((color >> IM_COL32_A_SHIFT) & 0xFF) / 255.f;
  auto mix = [&](int shift) {
    const float top = static_cast<float>((color >> shift) & 0xFF);
    const float bottom = static_cast<float>((background >> shift) & 0xFF);
    return static_cast<ImU32>(std::lround(top * alpha + bottom * (1.f - alpha)));
  };
  return IM_COL32(mix(IM_COL32_R_SHIFT), mix(IM_COL32_G_SHIFT), mix(IM_COL32_B_SHIFT), 255);
}

float ContrastRatio(ImU32 text, ImU32 background) {
  const float a = RelativeLuminance(BlendOver(text, background));
  const float b = RelativeLuminance(background);
  return (std::max(a, b) + 0.05f) / (std::min(a, b) + 0.05f);
}

}  // namespace convstep::gui
