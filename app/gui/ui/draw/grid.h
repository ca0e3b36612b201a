// Cell grids: the on-screen placement of a 2-d block of tensor cells, the visible range (only
// visible cells are ever drawn), hit testing, and the look of one cell.
#pragma once

#include <cstdint>
#include <functional>

#include <imgui.h>

#include "model/format.h"
#include "model/session.h"
#include "ui/draw/colormap.h"
#include "ui/fonts.h"

namespace convstep::gui {

/// Where a rows x cols block of cells sits on screen.
struct GridPlacement {
  ImVec2 origin;    ///< top-left of cell [0, 0]
  ImVec2 cell;      ///< size of one cell, including the gap
  float gap = 1.f;  ///< space between cells
  int64_t rows = 0, cols = 0;

  /// Top-left corner of cell (row, col).
  ImVec2 CellMin(int64_t row, int64_t col) const {
    return ImVec2(origin.x + cell.x * static_cast<float>(col),
                  origin.y + cell.y * static_cast<float>(row));
  }
  /// Bottom-right corner of cell (row, col), without the gap.
  ImVec2 CellMax(int64_t row, int64_t col) const {
    const ImVec2 min = CellMin(row, col);
    return ImVec2(min.x + cell.x - gap, min.y + cell.y - gap);
  }
  /// Centre of cell (row, col).
  ImVec2 CellCenter(int64_t row, int64_t col) const {
    const ImVec2 min = CellMin(row, col);
    return ImVec2(min.x + (cell.x - gap) * 0.5f, min.y + (cell.y - gap) * 0.5f);
  }
  /// Size of the whole block.
  ImVec2 Size() const {
    return ImVec2(cell.x * static_cast<float>(cols), cell.y * static_cast<float>(rows));
  }
};

/// A half-open range of rows and columns.
struct CellRange {
  int64_t row_begin = 0, row_end = 0, col_begin = 0, col_end = 0;
  bool empty() const { return row_begin >= row_end || col_begin >= col_end; }
};

/// The cells of `grid` that intersect the rectangle [clip_min, clip_max].
CellRange VisibleCells(const GridPlacement& grid, ImVec2 clip_min, ImVec2 clip_max);

/// The cell under `point`, if any.
bool CellAt(const GridPlacement& grid, ImVec2 point, int64_t* row, int64_t* col);

/// How numbers are written in a grid's cells: a face and a pixel size, or not at all.
struct CellText {
  ImFont* font = nullptr;  ///< null: the current font
  float size = 0.f;        ///< pixel size; 0 hides the numbers
  bool visible() const { return size > 0.f; }
};

/// Smallest and largest automatic fit of a grid's cells to its panel (times the natural size).
/// Cells never shrink below the natural size on their own: numbers stay as large as the UI
/// text, and a grid larger than its panel pans (its canvas scrolls to the current cell).
inline constexpr float kMinFit = 1.f;
inline constexpr float kMaxFit = 1.5f;
/// Below this fraction of the natural cell size (the user zoomed out) numbers are hidden and
/// only colours remain: a number is never drawn smaller than the UI text.
inline constexpr float kMinTextScale = 0.995f;

/// How much a grid that needs `needed` pixels at its natural size should scale to use `avail`:
/// never below kMinFit (the grid scrolls instead), grow up to kMaxFit (text grows too).
float FitScale(ImVec2 needed, ImVec2 avail);

/// The text for cells of size `cell` showing numbers of `style`: the UI size in a natural
/// cell, larger (crisp, from the large face) in larger ones; hidden in cells smaller than
/// natural (zoomed out) or when `wanted` is false. Never smaller than the UI text.
CellText ChooseCellText(ImVec2 cell, const NumberStyle& style, const FontSet& fonts, bool wanted);

/// How one cell is drawn.
struct CellLook {
  CellText text;              ///< how its number is written (hidden by default)
  bool zero_padding = false;  ///< hatched grey: a zero added by padding
  bool ghost = false;         ///< a copy of another cell (reflect / replicate / circular)
  bool empty = false;         ///< not computed yet: dashed outline, no value
  float dim = 0.f;            ///< 0 normal .. 1 faded (cells outside the active group)
  ImU32 outline = 0;          ///< extra outline colour (0: none)
  float outline_thickness = 0.f;
  ColorMap colormap = ColorMap::kBlueOrange;  ///< the value colours (frame.colormap)
  bool plain = false;  ///< no hatching or dashed outline of its own (drawn once for a region)
};

/// With more cells than this in view, panels draw hatching and dashed outlines once per region
/// (a padding block, a row of outputs still to compute) instead of once per cell, whose 20-odd
/// dashes and lines each would make the frame's cost grow with the cells on screen.
inline constexpr int64_t kPerCellMarksMaxCells = 48;

/// Draws one value cell: colour from the diverging map, its number, and the look's marks.
void DrawValueCell(ImDrawList* draw, ImVec2 min, ImVec2 max, float value, float scale,
                   const NumberStyle& style, const CellLook& look);

/// Width and height of a cell that shows the widest value of `style` in the current font.
ImVec2 ValueCellSize(const NumberStyle& style);

/// Outlines the cells of `range` for which `lit(row, col)` is true as blocks: a run of lit cells
/// in a row, joined with the same run in the rows below, gets one rectangle (as a dense grid's
/// highlight, instead of an outline per cell).
void OutlineCellBlocks(ImDrawList* draw, const GridPlacement& grid, const CellRange& range,
                       const std::function<bool(int64_t row, int64_t col)>& lit, ImU32 color,
                       float thickness);

/// Draws diagonal hatching inside a rectangle.
void DrawHatch(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float spacing);

/// Draws a dashed rectangle outline.
void DrawDashedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float dash,
                    float thickness = 1.f);

/// True when the rectangle [min, max] lies inside `draw`'s clip rectangle (to half a pixel). Text
/// the clip would cut is left out: a number half scrolled under a panel edge or a sticky label
/// ("c0" beside ".1258" of -1.1258, "-0.009" of -0.0093) would read as another number.
bool InsideClipRect(const ImDrawList* draw, ImVec2 min, ImVec2 max);

/// Text centred in a rectangle (clipped to it), in the current font or in `text`'s face and size;
/// nothing when the draw list's clip rectangle would cut it (a cell partly scrolled out of view).
void DrawCenteredText(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, const char* text,
                      const CellText& face = CellText{});

}  // namespace convstep::gui
