#include "ui/draw/colormap.h"

#include <algorithm>
#include <cmath>

namespace convstep::gui {
namespace {

struct Rgb {
  float r, g, b;
};

// Blue - white - orange, after ColorBrewer's colour-blind-safe diverging schemes.
constexpr Rgb kBlueOrangeStops[] = {
    {0.031f, 0.271f, 0.580f},  // -1   deep blue
    {0.196f, 0.510f, 0.741f},  // -2/3
    {0.620f, 0.792f, 0.882f},  // -1/3
    {0.969f, 0.969f, 0.969f},  //  0   near white
    {0.992f, 0.682f, 0.420f},  // +1/3
    {0.902f, 0.333f, 0.051f},  // +2/3
    {0.651f, 0.212f, 0.012f},  // +1   deep orange
};

// ColorBrewer RdBu (7 classes), blue for negative.
constexpr Rgb kBlueRedStops[] = {
    {0.129f, 0.400f, 0.675f}, {0.404f, 0.663f, 0.812f}, {0.820f, 0.898f, 0.941f},
    {0.969f, 0.969f, 0.969f}, {0.992f, 0.859f, 0.780f}, {0.937f, 0.541f, 0.384f},
    {0.698f, 0.094f, 0.169f},
};

// ColorBrewer PRGn (7 classes), purple for negative.
constexpr Rgb kPurpleGreenStops[] = {
    {0.463f, 0.165f, 0.514f}, {0.686f, 0.553f, 0.765f}, {0.906f, 0.831f, 0.910f},
    {0.969f, 0.969f, 0.969f}, {0.851f, 0.941f, 0.827f}, {0.498f, 0.749f, 0.482f},
    {0.106f, 0.471f, 0.216f},
};

const Rgb* StopsOf(ColorMap map) {
  switch (map) {
    case ColorMap::kBlueRed:
      return kBlueRedStops;
    case ColorMap::kPurpleGreen:
      return kPurpleGreenStops;
    case ColorMap::kBlueOrange:
      break;
  }
  return kBlueOrangeStops;
}

ImU32 ToU32(const Rgb& c, float alpha = 1.f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha));
}

}  // namespace

ImU32 DivergingColor(float value, float scale, ColorMap map) {
  if (!std::isfinite(value)) return IM_COL32(255, 0, 255, 255);
  const float s = scale > 0.f ? scale : 1.f;
  const float x = std::clamp(value / s, -1.f, 1.f);  // -1 .. 1
  const float pos = (x + 1.f) * 3.f;                 // 0 .. 6
  const int i = std::min(5, static_cast<int>(pos));
  const float t = pos - static_cast<float>(i);
  const Rgb* stops = StopsOf(map);
  const Rgb& a = stops[i];
  const Rgb& b = stops[i + 1];
  return ToU32({a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t});
}

ImU32 TextColorOn(ImU32 background) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(background);
  auto linear = [](float v) {
    return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
  };
  const float luminance = 0.2126f * linear(c.x) + 0.7152f * linear(c.y) + 0.0722f * linear(c.z);
  // Black and white give the same contrast at luminance 0.179 (4.58:1): every fill gets at
  // least WCAG AA's 4.5:1 from one of them.
  return luminance > 0.179f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

ImU32 GroupColor(int64_t group, float alpha) {
  constexpr Rgb kOkabeIto[] = {
      {0.902f, 0.624f, 0.000f},  // orange
      {0.337f, 0.706f, 0.914f},  // sky blue
      {0.000f, 0.620f, 0.451f},  // bluish green
      {0.800f, 0.475f, 0.655f},  // reddish purple
      {0.000f, 0.447f, 0.698f},  // blue
      {0.835f, 0.369f, 0.000f},  // vermillion
      {0.941f, 0.894f, 0.259f},  // yellow
  };
  const int64_t index = ((group % 7) + 7) % 7;
  return ToU32(kOkabeIto[index], alpha);
}

ImU32 WithAlpha(ImU32 color, float alpha) {
  const ImU32 a = (color >> IM_COL32_A_SHIFT) & 0xFF;
  const ImU32 scaled = static_cast<ImU32>(std::clamp(static_cast<float>(a) * alpha, 0.f, 255.f));
  return (color & ~IM_COL32_A_MASK) | (scaled << IM_COL32_A_SHIFT);
}

ImU32 MixColor(ImU32 a, ImU32 b, float t) {
  const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a);
  const ImVec4 y = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t,
                                               x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

ImU32 FadeTowardsWhite(ImU32 color, float t) {
  const ImVec4 x = ImGui::ColorConvertU32ToFloat4(color);
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(x.x + (1.f - x.x) * t, x.y + (1.f - x.y) * t, x.z + (1.f - x.z) * t, x.w));
}

float DrawColorLegend(ImDrawList* draw, ImVec2 pos, float width, float bar_height,
                      const char* negative_label, const char* positive_label, ColorMap map) {
  constexpr int kSegments = 24;
  const float segment = width / kSegments;
  for (int i = 0; i < kSegments; ++i) {
    const float v0 = -1.f + 2.f * static_cast<float>(i) / kSegments;
    const float v1 = -1.f + 2.f * static_cast<float>(i + 1) / kSegments;
    const ImU32 c0 = DivergingColor(v0, 1.f, map);
    const ImU32 c1 = DivergingColor(v1, 1.f, map);
    const ImVec2 a(pos.x + segment * static_cast<float>(i), pos.y);
    const ImVec2 b(pos.x + segment * static_cast<float>(i + 1), pos.y + bar_height);
    draw->AddRectFilledMultiColor(a, b, c0, c1, c1, c0);
  }
  draw->AddRect(pos, ImVec2(pos.x + width, pos.y + bar_height), Palette::kGrid);
  const float text_y = pos.y + bar_height + 2.f;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  draw->AddText(ImVec2(pos.x, text_y), text, negative_label);
  const float zero_w = ImGui::CalcTextSize("0").x;
  draw->AddText(ImVec2(pos.x + width * 0.5f - zero_w * 0.5f, text_y), text, "0");
  const float right_w = ImGui::CalcTextSize(positive_label).x;
  draw->AddText(ImVec2(pos.x + width - right_w, text_y), text, positive_label);
  return bar_height + 2.f + ImGui::GetTextLineHeight();
}

void UsePalette(PaletteTheme theme) {
  const bool high = theme == PaletteTheme::kHighContrast;
  Palette::kKernelFrame = high ? IM_COL32(0, 0, 40, 255) : IM_COL32(25, 25, 60, 255);
  Palette::kCurrentTap = IM_COL32(0, 0, 0, 255);
  Palette::kHighlight = high ? IM_COL32(95, 0, 165, 255) : IM_COL32(123, 44, 191, 255);
  Palette::kPaddingFill = high ? IM_COL32(210, 210, 210, 255) : IM_COL32(225, 225, 225, 255);
  Palette::kPaddingHatch = high ? IM_COL32(165, 165, 165, 255) : IM_COL32(175, 175, 175, 255);
  Palette::kGrid = high ? IM_COL32(70, 70, 70, 255) : IM_COL32(150, 150, 150, 255);
  Palette::kEmptyCell = high ? IM_COL32(255, 255, 255, 255) : IM_COL32(250, 250, 250, 255);
  Palette::kText = high ? IM_COL32(0, 0, 0, 255) : IM_COL32(20, 20, 20, 255);
  Palette::kMutedText = high ? IM_COL32(40, 40, 40, 255) : IM_COL32(95, 95, 95, 255);
  Palette::kPendingText = high ? IM_COL32(75, 75, 75, 255) : IM_COL32(105, 105, 105, 255);
  Palette::kPaddingZero = high ? IM_COL32(25, 25, 25, 255) : IM_COL32(60, 60, 60, 255);
  Palette::kPaddingText = high ? IM_COL32(110, 40, 0, 255) : IM_COL32(150, 60, 0, 255);
  Palette::kCurrentRow = high ? IM_COL32(255, 225, 90, 255) : IM_COL32(255, 236, 150, 255);
  Palette::kArrow = high ? IM_COL32(0, 0, 0, 255) : IM_COL32(60, 60, 60, 255);
}

}  // namespace convstep::gui
