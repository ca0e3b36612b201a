#include "draw/grid.h"

#include <algorithm>
#include <cmath>

#include "draw/colormap.h"

namespace convstep::gui {

CellRange VisibleCells(const GridPlacement& grid, ImVec2 clip_min, ImVec2 clip_max) {
  CellRange range;
  if (grid.rows <= 0 || grid.cols <= 0 || grid.cell.x <= 0.f || grid.cell.y <= 0.f) return range;
  auto first = [](float edge, float origin, float size, int64_t count) {
    const double index = std::floor((static_cast<double>(edge) - origin) / size);
    return static_cast<int64_t>(std::clamp<double>(index, 0.0, static_cast<double>(count)));
  };
  auto last = [](float edge, float origin, float size, int64_t count) {
    const double index = std::ceil((static_cast<double>(edge) - origin) / size);
    return static_cast<int64_t>(std::clamp<double>(index, 0.0, static_cast<double>(count)));
  };
  range.col_begin = first(clip_min.x, grid.origin.x, grid.cell.x, grid.cols);
  range.col_end = last(clip_max.x, grid.origin.x, grid.cell.x, grid.cols);
  range.row_begin = first(clip_min.y, grid.origin.y, grid.cell.y, grid.rows);
  range.row_end = last(clip_max.y, grid.origin.y, grid.cell.y, grid.rows);
  return range;
}

bool CellAt(const GridPlacement& grid, ImVec2 point, int64_t* row, int64_t* col) {
  if (grid.cell.x <= 0.f || grid.cell.y <= 0.f) return false;
  const double c = std::floor((point.x - grid.origin.x) / grid.cell.x);
  const double r = std::floor((point.y - grid.origin.y) / grid.cell.y);
  if (c < 0 || r < 0 || c >= static_cast<double>(grid.cols) || r >= static_cast<double>(grid.rows))
    return false;
  *row = static_cast<int64_t>(r);
  *col = static_cast<int64_t>(c);
  return true;
}

void DrawHatch(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float spacing) {
  draw->PushClipRect(min, max, true);
  const float height = max.y - min.y;
  for (float x = min.x - height; x < max.x; x += spacing)
    draw->AddLine(ImVec2(x, max.y), ImVec2(x + height, min.y), color, 1.f);
  draw->PopClipRect();
}

void DrawDashedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float dash,
                    float thickness) {
  auto dashed = [&](ImVec2 a, ImVec2 b) {
    const float length = std::hypot(b.x - a.x, b.y - a.y);
    if (length <= 0.f) return;
    const ImVec2 dir((b.x - a.x) / length, (b.y - a.y) / length);
    for (float s = 0.f; s < length; s += 2.f * dash) {
      const float e = std::min(length, s + dash);
      draw->AddLine(ImVec2(a.x + dir.x * s, a.y + dir.y * s),
                    ImVec2(a.x + dir.x * e, a.y + dir.y * e), color, thickness);
    }
  };
  dashed(min, ImVec2(max.x, min.y));
  dashed(ImVec2(max.x, min.y), max);
  dashed(max, ImVec2(min.x, max.y));
  dashed(ImVec2(min.x, max.y), min);
}

void DrawCenteredText(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, const char* text,
                      const CellText& face) {
  ImFont* font = face.font ? face.font : ImGui::GetFont();
  const float font_size = face.size > 0.f ? face.size : ImGui::GetFontSize();
  const ImVec2 size = font->CalcTextSizeA(font_size, FLT_MAX, 0.f, text);
  const ImVec2 pos(std::floor(min.x + (max.x - min.x - size.x) * 0.5f),
                   std::floor(min.y + (max.y - min.y - size.y) * 0.5f));
  const ImVec4 clip(min.x, min.y, max.x, max.y);
  draw->AddText(font, font_size, pos, color, text, nullptr, 0.f,
                size.x > max.x - min.x + 1.f ? &clip : nullptr);
}

float FitScale(ImVec2 needed, ImVec2 avail) {
  if (needed.x <= 0.f || needed.y <= 0.f) return 1.f;
  return std::clamp(std::min(avail.x / needed.x, avail.y / needed.y), kMinFit, kMaxFit);
}

CellText ChooseCellText(ImVec2 cell, const NumberStyle& style, const FontSet& fonts, bool wanted) {
  CellText text;
  if (!wanted) return text;
  const ImVec2 natural = ValueCellSize(style);
  const float scale = std::min(cell.x / natural.x, cell.y / natural.y);
  if (scale < kMinTextScale) return text;
  const float base = ImGui::GetFontSize();
  text.size = std::floor(base * std::min(scale, 1.5f));
  text.font = text.size > base * 1.1f && fonts.large ? fonts.large : nullptr;
  return text;
}

ImVec2 ValueCellSize(const NumberStyle& style) {
  const ImVec2 text = ImGui::CalcTextSize(WidestValueText(style));
  const float pad = ImGui::GetFontSize() * 0.4f;
  return ImVec2(std::ceil(text.x + 2.f * pad), std::ceil(ImGui::GetFontSize() * 1.4f));
}

void DrawValueCell(ImDrawList* draw, ImVec2 min, ImVec2 max, float value, float scale,
                   const NumberStyle& style, const CellLook& look) {
  const bool tiny = max.x - min.x < 4.f || max.y - min.y < 4.f;
  // Dimming fades every colour towards white, as a white veil over the cell would, without
  // the veil's extra rectangle (the same pixels, fewer vertices).
  const float veil = static_cast<float>(static_cast<int>(190 * look.dim)) / 255.f;
  auto faded = [veil](ImU32 color) { return veil > 0.f ? FadeTowardsWhite(color, veil) : color; };
  if (look.empty) {
    draw->AddRectFilled(min, max, faded(Palette::kEmptyCell));
    if (!tiny) DrawDashedRect(draw, min, max, faded(Palette::kGrid), 3.f);
  } else if (look.zero_padding) {
    draw->AddRectFilled(min, max, faded(Palette::kPaddingFill));
    if (!tiny) DrawHatch(draw, min, max, faded(Palette::kPaddingHatch), 7.f);
    if (look.text.visible())
      DrawCenteredText(draw, min, max, faded(Palette::kMutedText), "0", look.text);
  } else {
    ImU32 fill = DivergingColor(value, scale, look.colormap);
    if (look.ghost) fill = MixColor(fill, IM_COL32(255, 255, 255, 255), 0.45f);
    draw->AddRectFilled(min, max, faded(fill));
    if (look.ghost && !tiny) {
      DrawHatch(draw, min, max, faded(IM_COL32(120, 120, 120, 90)), 9.f);
      DrawDashedRect(draw, min, max, faded(Palette::kMutedText), 4.f, 1.5f);
    }
    if (look.text.visible()) {
      const ImU32 text = look.ghost ? Palette::kMutedText : TextColorOn(fill);
      DrawCenteredText(draw, min, max, faded(text), FormatValue(value, style).c_str(), look.text);
    }
  }
  if (look.outline != 0 && look.outline_thickness > 0.f) {
    const float inset = look.outline_thickness * 0.5f;
    draw->AddRect(ImVec2(min.x + inset, min.y + inset), ImVec2(max.x - inset, max.y - inset),
                  look.outline, 2.f, 0, look.outline_thickness);
  }
}

}  // namespace convstep::gui
