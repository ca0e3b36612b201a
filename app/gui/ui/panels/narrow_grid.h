// Grids in panels short of width (the stage's columns on a 1024x768 screen): rather than pan, a
// grid that nearly fits gives up first the depth of the batch's card stack drawn behind it, then
// some of the padding around its numbers. Its numbers keep the UI text's size.
#pragma once

#include <cstdint>

#include <imgui.h>

#include "model/format.h"
#include "ui/draw/grid.h"
#include "ui/fonts.h"

namespace convstep::gui {

/// The other cards of the batch, drawn behind a grid (DrawCardStack).
struct CardStack {
  int64_t cards = 0;   ///< how many show behind the grid (at most 4)
  float offset = 0.f;  ///< the step from one card to the next, up and to the right
  /// How far the stack reaches beyond the grid, right and up.
  float Depth() const { return offset * static_cast<float>(cards); }
};

/// A grid's cells and card stack, fitted to its panel's width.
struct NarrowGrid {
  ImVec2 cell;         ///< the cell size, the gap included
  CardStack stack;     ///< the card stack to draw
  bool tight = false;  ///< narrower than the natural cell: write its numbers with NarrowCellText
};

/// The narrowest cell that still writes every value of `style` at the UI text size: the widest
/// value with room on either side for the thickest outline a cell gets (the natural cell has
/// 0.4 of the text size).
float TightCellWidth(const NumberStyle& style);

/// Fits a grid of `cols` columns of `cell` (FittedCell's size) beside its row labels
/// (`row_label_w`) and `stack` into `width`, the room for labels, cells, stack and a 2-pixel
/// margin. A grid that fits, or that the user zoomed or that the panel enlarged (`cell` is not
/// `natural`), stays as it is. Otherwise the stack gets shallower (the same cards closer, then
/// two cards 2 pixels apart), then the cells narrower down to `tight_width` without the stack; a
/// grid that does not fit even so keeps its natural cells beside the shallow stack, and pans.
NarrowGrid FitNarrowGrid(ImVec2 cell, ImVec2 natural, float tight_width, int64_t cols,
                         float row_label_w, float width, CardStack stack);

/// The text for the cells of `grid`: as ChooseCellText, and at the UI text size in tight cells.
CellText NarrowCellText(const NarrowGrid& grid, const NumberStyle& style, const FontSet& fonts,
                        bool wanted);

}  // namespace convstep::gui
