// Cells too small to see one by one (a zoomed-out grid) are drawn as blocks of several cells,
// each coloured by the mean of its cells, with a fixed most number of blocks in view: the
// frame's cost then stays the same however many cells the tensor has. Cells keep their places
// on screen (hit testing still finds the exact cell under the pointer); only the drawing is
// coarser.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>

#include <imgui.h>

#include "ui/draw/grid.h"

namespace convstep::gui {

/// Cells smaller than this (pixels, either side) are drawn merged into blocks.
inline constexpr float kMergeBelowPixels = 6.f;
/// At most this many blocks of one grid in view.
inline constexpr int64_t kMaxBlocksInView = 600;

/// How many cells (rows x columns) one drawn block holds; 1 x 1 draws every cell.
struct CellMerge {
  int64_t rows = 1, cols = 1;
  bool merged() const { return rows > 1 || cols > 1; }
};

/// The merge for cells of `cell` pixels with `visible` in view: none while cells are at least
/// kMergeBelowPixels on both sides, else blocks of at least that size, grown (the smaller
/// side in pixels first) until at most `max_blocks` are in view.
CellMerge ChooseCellMerge(ImVec2 cell, const CellRange& visible,
                          int64_t max_blocks = kMaxBlocksInView);

/// The cells of one block: `visible`'s block at (row, col), aligned to multiples of the merge
/// (so blocks stay put while the grid pans) and cut at the grid's edges.
struct CellBlock {
  int64_t row_begin, row_end, col_begin, col_end;
};

/// Calls visit(const CellBlock&) for every block that meets `visible`, row by row.
template <typename Visit>
void ForEachBlock(const GridPlacement& grid, const CellRange& visible, const CellMerge& merge,
                  Visit visit) {
  if (visible.empty()) return;
  const int64_t row_start = visible.row_begin - visible.row_begin % merge.rows;
  const int64_t col_start = visible.col_begin - visible.col_begin % merge.cols;
  for (int64_t row = row_start; row < visible.row_end; row += merge.rows)
    for (int64_t col = col_start; col < visible.col_end; col += merge.cols)
      visit(CellBlock{row, std::min(grid.rows, row + merge.rows), col,
                      std::min(grid.cols, col + merge.cols)});
}

/// Screen corners of a block (without the gap after its last cell).
inline ImVec2 BlockMin(const GridPlacement& grid, const CellBlock& block) {
  return grid.CellMin(block.row_begin, block.col_begin);
}
inline ImVec2 BlockMax(const GridPlacement& grid, const CellBlock& block) {
  return grid.CellMax(block.row_end - 1, block.col_end - 1);
}

/// The grid of blocks: one "cell" per block of `merge` (for outlines and visible ranges).
GridPlacement BlockGrid(const GridPlacement& grid, const CellMerge& merge);

/// The blocks of BlockGrid() that meet `visible` (the visible range in block units).
CellRange BlockRange(const CellRange& visible, const CellMerge& merge);

/// Outlines blocks that hold at least one cell with `lit(row, col)` true, joined into
/// rectangles as OutlineCellBlocks does (one rectangle per run of lit blocks).
void OutlineLitBlocks(ImDrawList* draw, const GridPlacement& grid, const CellRange& visible,
                      const CellMerge& merge,
                      const std::function<bool(int64_t row, int64_t col)>& lit, ImU32 color,
                      float thickness);

/// Outlines the block holding cell (row, col) (the current tap, the current output).
void OutlineBlockOf(ImDrawList* draw, const GridPlacement& grid, const CellMerge& merge,
                    int64_t row, int64_t col, ImU32 color, float thickness);

}  // namespace convstep::gui
