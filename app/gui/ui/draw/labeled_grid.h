// A cell grid inside a pan/zoom canvas with sticky row and column labels (spreadsheet style):
// the labels stay at the canvas edges while the cells pan beneath them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include <imgui.h>

#include "ui/draw/canvas.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"

namespace convstep::gui {

/// A grid placed in a canvas: the cells, where they may draw, and which are visible.
struct LabeledGrid {
  GridPlacement grid;
  ImVec2 cells_min, cells_max;  ///< clip rectangle of the cells (below / right of the labels)
  ImVec2 canvas_min;            ///< the canvas corner (labels are drawn from here)
  float row_label_width = 0.f, col_label_height = 0.f;
  CellRange visible;
};

/// Content size of a grid with label margins (what BeginCanvas needs).
inline ImVec2 LabeledGridContent(int64_t rows, int64_t cols, ImVec2 cell, float row_label_width,
                                 float col_label_height, ImVec2 extra = ImVec2(0, 0)) {
  return ImVec2(row_label_width + cell.x * static_cast<float>(cols) + extra.x,
                col_label_height + cell.y * static_cast<float>(rows) + extra.y);
}

/// The cell size for a rows x cols grid in `avail` with label `margins`: the natural size
/// fitted to the space (FitScale) and times the user's `zoom`; never below 2 pixels.
inline ImVec2 FittedCell(ImVec2 natural, int64_t rows, int64_t cols, ImVec2 avail, ImVec2 margins,
                         float zoom) {
  const ImVec2 needed(natural.x * static_cast<float>(cols), natural.y * static_cast<float>(rows));
  const float fit = FitScale(needed, ImVec2(avail.x - margins.x, avail.y - margins.y));
  return ImVec2(std::max(2.f, std::floor(natural.x * fit * zoom)),
                std::max(2.f, std::floor(natural.y * fit * zoom)));
}

/// Places the grid at the canvas origin offset by the label margins (and `offset`).
inline LabeledGrid PlaceLabeledGrid(const CanvasFrame& canvas, int64_t rows, int64_t cols,
                                    ImVec2 cell, float gap, float row_label_width,
                                    float col_label_height, ImVec2 offset = ImVec2(0, 0)) {
  LabeledGrid out;
  out.grid.origin = ImVec2(canvas.origin.x + row_label_width + offset.x,
                           canvas.origin.y + col_label_height + offset.y);
  out.grid.cell = cell;
  out.grid.gap = gap;
  out.grid.rows = rows;
  out.grid.cols = cols;
  out.canvas_min = canvas.min;
  out.row_label_width = row_label_width;
  out.col_label_height = col_label_height;
  out.cells_min = ImVec2(canvas.min.x + row_label_width, canvas.min.y + col_label_height);
  out.cells_max = canvas.max;
  out.visible = VisibleCells(out.grid, out.cells_min, out.cells_max);
  return out;
}

/// Where a caption for both axes goes: the corner above the row labels, next to the grid.
inline ImVec2 CornerCaptionPos(const LabeledGrid& lg) {
  const float line = ImGui::GetTextLineHeight();
  return ImVec2(std::max(lg.canvas_min.x, lg.grid.origin.x - lg.row_label_width) + 2.f,
                std::max(lg.canvas_min.y, lg.grid.origin.y - line - 5.f));
}

/// Draws sticky row labels (left) and column labels (top) for the visible cells, skipping
/// labels when they would overlap. `row_label(i, buf, size)` / `col_label(j, buf, size)`
/// write a label; `emphasis_row` / `emphasis_col` (or -1) are drawn in the text colour,
/// others muted. `col_label_lift` raises the column labels above a decoration just over the
/// cells (the batch's card stack), so that it never crosses them.
template <typename RowLabel, typename ColLabel>
void DrawGridLabels(ImDrawList* draw, const LabeledGrid& lg, RowLabel row_label, ColLabel col_label,
                    int64_t emphasis_row = -1, int64_t emphasis_col = -1,
                    float col_label_lift = 0.f) {
  char text[48];
  const float line = ImGui::GetTextLineHeight();
  const GridPlacement& g = lg.grid;
  // Column labels: every `step`-th so that they do not overlap.
  if (lg.col_label_height > 0.f && !lg.visible.empty()) {
    col_label(std::max<int64_t>(0, g.cols - 1), text, sizeof text);
    const float widest = ImGui::CalcTextSize(text).x + 6.f;
    const int64_t step = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(widest / g.cell.x)));
    // At the bottom of the label band, just above the cells (the band may hold more above).
    const float y = std::max(lg.canvas_min.y, g.origin.y - lg.col_label_height) +
                    lg.col_label_height - line - 5.f - col_label_lift;
    draw->PushClipRect(ImVec2(lg.cells_min.x, lg.canvas_min.y),
                       ImVec2(lg.cells_max.x, std::max(lg.cells_min.y, g.origin.y)), true);
    for (int64_t j = lg.visible.col_begin - lg.visible.col_begin % step; j < lg.visible.col_end;
         j += step) {
      if (j < 0) continue;
      col_label(j, text, sizeof text);
      const float w = ImGui::CalcTextSize(text).x;
      const ImVec2 center = g.CellCenter(0, j);
      draw->AddText(ImVec2(std::floor(center.x - w * 0.5f), y),
                    j == emphasis_col ? Palette::kText : Palette::kMutedText, text);
    }
    draw->PopClipRect();
  }
  if (lg.row_label_width > 0.f && !lg.visible.empty()) {
    const int64_t step = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(line / g.cell.y)));
    const float x_right =
        std::max(lg.canvas_min.x, g.origin.x - lg.row_label_width) + lg.row_label_width - 6.f;
    draw->PushClipRect(ImVec2(lg.canvas_min.x, lg.cells_min.y),
                       ImVec2(std::max(lg.cells_min.x, g.origin.x), lg.cells_max.y), true);
    for (int64_t i = lg.visible.row_begin - lg.visible.row_begin % step; i < lg.visible.row_end;
         i += step) {
      if (i < 0) continue;
      row_label(i, text, sizeof text);
      const float w = ImGui::CalcTextSize(text).x;
      const ImVec2 center = g.CellCenter(i, 0);
      draw->AddText(ImVec2(x_right - w, std::floor(center.y - line * 0.5f)),
                    i == emphasis_row ? Palette::kText : Palette::kMutedText, text);
    }
    draw->PopClipRect();
  }
}

}  // namespace convstep::gui
