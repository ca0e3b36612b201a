#include "ui/draw/cell_blocks.h"

#include <cmath>

namespace convstep::gui {

CellMerge ChooseCellMerge(ImVec2 cell, const CellRange& visible, int64_t max_blocks) {
  CellMerge merge;
  if (cell.x >= kMergeBelowPixels && cell.y >= kMergeBelowPixels) return merge;
  merge.rows = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(kMergeBelowPixels / cell.y)));
  merge.cols = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(kMergeBelowPixels / cell.x)));
  const int64_t rows = std::max<int64_t>(1, visible.row_end - visible.row_begin);
  const int64_t cols = std::max<int64_t>(1, visible.col_end - visible.col_begin);
  // Blocks in view (+1 each way: blocks are aligned, so the edges may cut two).
  auto blocks = [&] { return (rows / merge.rows + 1) * (cols / merge.cols + 1); };
  while (blocks() > max_blocks && (merge.rows < rows || merge.cols < cols)) {
    const bool grow_rows =
        merge.cols >= cols || (merge.rows < rows && static_cast<float>(merge.rows) * cell.y <=
                                                        static_cast<float>(merge.cols) * cell.x);
    int64_t& side = grow_rows ? merge.rows : merge.cols;
    side += std::max<int64_t>(1, side / 4);
  }
  return merge;
}

GridPlacement BlockGrid(const GridPlacement& grid, const CellMerge& merge) {
  GridPlacement blocks = grid;
  blocks.cell = ImVec2(grid.cell.x * static_cast<float>(merge.cols),
                       grid.cell.y * static_cast<float>(merge.rows));
  blocks.rows = (grid.rows + merge.rows - 1) / merge.rows;
  blocks.cols = (grid.cols + merge.cols - 1) / merge.cols;
  return blocks;
}

CellRange BlockRange(const CellRange& visible, const CellMerge& merge) {
  CellRange range;
  if (visible.empty()) return range;
  range.row_begin = visible.row_begin / merge.rows;
  range.row_end = (visible.row_end + merge.rows - 1) / merge.rows;
  range.col_begin = visible.col_begin / merge.cols;
  range.col_end = (visible.col_end + merge.cols - 1) / merge.cols;
  return range;
}

void OutlineLitBlocks(ImDrawList* draw, const GridPlacement& grid, const CellRange& visible,
                      const CellMerge& merge,
                      const std::function<bool(int64_t row, int64_t col)>& lit, ImU32 color,
                      float thickness) {
  const GridPlacement blocks = BlockGrid(grid, merge);
  auto any_lit = [&](int64_t block_row, int64_t block_col) {
    const int64_t row_end = std::min(grid.rows, (block_row + 1) * merge.rows);
    const int64_t col_end = std::min(grid.cols, (block_col + 1) * merge.cols);
    for (int64_t row = block_row * merge.rows; row < row_end; ++row)
      for (int64_t col = block_col * merge.cols; col < col_end; ++col)
        if (lit(row, col)) return true;
    return false;
  };
  OutlineCellBlocks(draw, blocks, BlockRange(visible, merge), any_lit, color, thickness);
}

void OutlineBlockOf(ImDrawList* draw, const GridPlacement& grid, const CellMerge& merge,
                    int64_t row, int64_t col, ImU32 color, float thickness) {
  const int64_t row_begin = row - row % merge.rows, col_begin = col - col % merge.cols;
  const CellBlock block{row_begin, std::min(grid.rows, row_begin + merge.rows), col_begin,
                        std::min(grid.cols, col_begin + merge.cols)};
  const ImVec2 min = BlockMin(grid, block), max = BlockMax(grid, block);
  const float inset = thickness * 0.5f;
  draw->AddRect(ImVec2(min.x + inset, min.y + inset), ImVec2(max.x - inset, max.y - inset), color,
                2.f, 0, thickness);
}

}  // namespace convstep::gui
