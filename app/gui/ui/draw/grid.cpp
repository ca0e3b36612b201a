#include "ui/draw/grid.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/draw/colormap.h"

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

void OutlineCellBlocks(ImDrawList* draw, const GridPlacement& grid, const CellRange& range,
                       const std::function<bool(int64_t row, int64_t col)>& lit, ImU32 color,
                       float thickness) {
  struct Block {
    int64_t col_begin, col_end, row_begin;
  };
  const float inset = thickness * 0.5f;
  auto outline = [&](const Block& block, int64_t row_end) {
    const ImVec2 min = grid.CellMin(block.row_begin, block.col_begin);
    const ImVec2 max = grid.CellMax(row_end - 1, block.col_end - 1);
    draw->AddRect(ImVec2(min.x + inset, min.y + inset), ImVec2(max.x - inset, max.y - inset), color,
                  2.f, 0, thickness);
  };
  std::vector<Block> open, next;  // blocks reaching the previous row / this row
  for (int64_t row = range.row_begin; row <= range.row_end; ++row) {
    next.clear();
    for (int64_t col = range.col_begin; row < range.row_end && col < range.col_end; ++col) {
      if (!lit(row, col)) continue;
      const int64_t begin = col;
      while (col + 1 < range.col_end && lit(row, col + 1)) ++col;
      Block block{begin, col + 1, row};
      for (const Block& above : open)
        if (above.col_begin == block.col_begin && above.col_end == block.col_end)
          block.row_begin = above.row_begin;
      next.push_back(block);
    }
    for (const Block& above : open) {
      bool continues = false;
      for (const Block& block : next)
        continues =
            continues || (block.col_begin == above.col_begin && block.col_end == above.col_end &&
                          block.row_begin == above.row_begin);
      if (!continues) outline(above, row);
    }
    std::swap(open, next);
  }
}

void DrawHatch(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float spacing) {
  draw->PushClipRect(min, max, true);
  // Line i is x + y = min.x + min.y + i * spacing; only the lines that cross the visible part
  // are drawn, from its bottom edge to its top edge (a hatched area may reach far out of view).
  const ImVec2 lo = draw->GetClipRectMin(), hi = draw->GetClipRectMax();
  if (lo.x < hi.x && lo.y < hi.y && spacing > 0.f) {
    const float base = min.x + min.y;
    const float first = std::max(0.f, std::floor((lo.x + lo.y - base) / spacing));
    const float last = std::min(max.x + max.y, hi.x + hi.y);
    for (float c = base + first * spacing; c < last; c += spacing)
      draw->AddLine(ImVec2(c - hi.y, hi.y), ImVec2(c - lo.y, lo.y), color, 1.f);
  }
  draw->PopClipRect();
}

void DrawDashedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float dash,
                    float thickness) {
  // Only the dashes inside the clip rectangle are drawn (the pattern stays where it was).
  const float margin = thickness + 1.f;
  const ImVec2 clip_min = draw->GetClipRectMin(), clip_max = draw->GetClipRectMax();
  auto dashed = [&](ImVec2 a, ImVec2 b) {
    const float length = std::hypot(b.x - a.x, b.y - a.y);
    if (length <= 0.f) return;
    const ImVec2 dir((b.x - a.x) / length, (b.y - a.y) / length);
    // The part of the edge, as distances from a, that lies in the clip rectangle (+ margin).
    float lo = 0.f, hi = length;
    auto slab = [&](float start, float step, float low, float high) {
      if (std::fabs(step) < 1e-6f) {
        if (start < low || start > high) hi = -1.f;  // parallel and outside
        return;
      }
      const float t0 = (low - start) / step, t1 = (high - start) / step;
      lo = std::max(lo, std::min(t0, t1));
      hi = std::min(hi, std::max(t0, t1));
    };
    slab(a.x, dir.x, clip_min.x - margin, clip_max.x + margin);
    slab(a.y, dir.y, clip_min.y - margin, clip_max.y + margin);
    if (hi < lo) return;
    const float period = 2.f * dash;
    for (float s = std::floor(lo / period) * period; s < hi; s += period) {
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

bool InsideClipRect(const ImDrawList* draw, ImVec2 min, ImVec2 max) {
  const ImVec2 clip_min = draw->GetClipRectMin(), clip_max = draw->GetClipRectMax();
  return min.x >= clip_min.x - 0.5f && max.x <= clip_max.x + 0.5f && min.y >= clip_min.y - 0.5f &&
         max.y <= clip_max.y + 0.5f;
}

void DrawCenteredText(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, const char* text,
                      const CellText& face) {
  ImFont* font = face.font ? face.font : ImGui::GetFont();
  const float font_size = face.size > 0.f ? face.size : ImGui::GetFontSize();
  const ImVec2 size = font->CalcTextSizeA(font_size, FLT_MAX, 0.f, text);
  const ImVec2 pos(std::floor(min.x + (max.x - min.x - size.x) * 0.5f),
                   std::floor(min.y + (max.y - min.y - size.y) * 0.5f));
  // Text the clip would cut is left out: the cell shows its colour until it is scrolled into view.
  const float left = std::max(pos.x, min.x), right = std::min(pos.x + size.x, max.x);
  if (!InsideClipRect(draw, ImVec2(left, pos.y), ImVec2(right, pos.y + size.y))) return;
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
  text.size = std::max(base, std::floor(base * std::min(scale, 1.5f)));
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
  const bool marks = !tiny && !look.plain;  // per-cell hatching and dashes
  if (look.empty) {
    draw->AddRectFilled(min, max, faded(Palette::kEmptyCell));
    if (marks) DrawDashedRect(draw, min, max, faded(Palette::kGrid), 3.f);
  } else if (look.zero_padding) {
    draw->AddRectFilled(min, max, faded(Palette::kPaddingFill));
    if (marks) DrawHatch(draw, min, max, faded(Palette::kPaddingHatch), 7.f);
    if (look.text.visible())
      DrawCenteredText(draw, min, max, faded(Palette::kPaddingZero), "0", look.text);
  } else {
    ImU32 fill = DivergingColor(value, scale, look.colormap);
    if (look.ghost) fill = MixColor(fill, IM_COL32(255, 255, 255, 255), 0.45f);
    draw->AddRectFilled(min, max, faded(fill));
    if (look.ghost && marks) {
      DrawHatch(draw, min, max, faded(IM_COL32(120, 120, 120, 90)), 9.f);
      DrawDashedRect(draw, min, max, faded(Palette::kMutedText), 4.f, 1.5f);
    }
    if (look.text.visible()) {  // black or white on the fill as drawn: at least 4.5:1
      DrawCenteredText(draw, min, max, TextColorOn(faded(fill)), FormatValue(value, style).c_str(),
                       look.text);
    }
  }
  if (look.outline != 0 && look.outline_thickness > 0.f) {
    const float inset = look.outline_thickness * 0.5f;
    draw->AddRect(ImVec2(min.x + inset, min.y + inset), ImVec2(max.x - inset, max.y - inset),
                  look.outline, 2.f, 0, look.outline_thickness);
  }
}

}  // namespace convstep::gui
