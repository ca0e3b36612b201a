#include "ui/panels/narrow_grid.h"

#include <algorithm>
#include <cmath>

#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// The margin right of the stack that LabeledGridContent's callers add.
constexpr float kMargin = 2.f;
// The shallow stack: enough cards, far enough apart, to read as a stack.
constexpr int64_t kShallowCards = 2;
constexpr float kShallowOffset = 2.f;

}  // namespace

float TightCellWidth(const NumberStyle& style) {
  // Room on either side for the thickest outline (a highlighted cell, the current tap), so that
  // it never covers a digit, and the gap between cells.
  const float outline = CellOutline(true, false, false, ValueCellSize(style).y).thickness;
  return std::ceil(ImGui::CalcTextSize(WidestValueText(style)).x + 2.f * outline + 1.f);
}

NarrowGrid FitNarrowGrid(ImVec2 cell, ImVec2 natural, float tight_width, int64_t cols,
                         float row_label_w, float width, CardStack stack) {
  NarrowGrid out{cell, stack, false};
  const float columns = static_cast<float>(cols);
  const float room = width - row_label_w - kMargin;  // for the cells and the stack
  if (columns * cell.x + stack.Depth() <= room || cell.x != natural.x) return out;
  if (stack.cards > 0) {  // the same cards, closer together
    const float offset = std::floor((room - columns * cell.x) / static_cast<float>(stack.cards));
    if (offset >= kShallowOffset) {
      out.stack.offset = std::min(offset, stack.offset);
      return out;
    }
    out.stack = CardStack{std::min(stack.cards, kShallowCards), kShallowOffset};
    if (columns * cell.x + out.stack.Depth() <= room) return out;
  }
  // Narrower cells, without the stack (the batch's row of cards still shows the batch).
  const float narrow = std::floor(room / columns);
  if (narrow >= tight_width && narrow >= 2.f) {
    out.cell.x = narrow;
    out.stack = CardStack{};
    out.tight = true;
  }
  return out;
}

CellText NarrowCellText(const NarrowGrid& grid, const NumberStyle& style, const FontSet& fonts,
                        bool wanted) {
  if (!grid.tight || !wanted) return ChooseCellText(grid.cell, style, fonts, wanted);
  const ImVec2 natural = ValueCellSize(style);
  if (grid.cell.y < natural.y * kMinTextScale) return CellText{};  // zoomed out: colours only
  CellText text;
  text.size = ImGui::GetFontSize();
  return text;
}

}  // namespace convstep::gui
