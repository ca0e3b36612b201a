#include "ui/panels/kernel_panel.h"

#include <algorithm>
#include <cmath>

#include "state/cell_edit.h"
#include "ui/draw/canvas.h"
#include "ui/draw/cell_blocks.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// At most this many merged blocks for all the kernels in view together, so that the bank
// costs the same whatever the number and size of its kernels.
constexpr int64_t kMergedBlockBudget = 900;

// The merge for cells of `cell` pixels when `kernels_in_view` kernels are on screen: none
// while cells are large enough to see one by one, else blocks of at least kMergeBelowPixels,
// grown until the kernels in view fit kMergedBlockBudget: channels are merged first, so that
// each tap keeps its own column as long as possible.
CellMerge ChooseMerge(const Geometry& g, ImVec2 cell, int64_t kernels_in_view) {
  CellMerge merge;
  merge.rows = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(kMergeBelowPixels / cell.y)));
  merge.cols = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(kMergeBelowPixels / cell.x)));
  merge.rows = std::min(merge.rows, std::max<int64_t>(1, g.in_per_group));
  merge.cols = std::min(merge.cols, std::max<int64_t>(1, g.kernel_size));
  if (!merge.merged()) return merge;
  const int64_t per_kernel = std::max<int64_t>(1, kMergedBlockBudget / kernels_in_view);
  auto blocks = [](int64_t extent, int64_t size) { return (extent + size - 1) / size; };
  const int64_t columns = blocks(g.kernel_size, merge.cols);
  merge.rows =
      std::max(merge.rows, blocks(g.in_per_group, std::max<int64_t>(1, per_kernel / columns)));
  merge.rows = std::min(merge.rows, std::max<int64_t>(1, g.in_per_group));
  if (blocks(g.in_per_group, merge.rows) * columns > per_kernel)
    merge.cols = std::max(merge.cols, blocks(g.kernel_size, per_kernel));
  return merge;
}

// One kernel's cells on screen.
struct KernelCells {
  GridPlacement grid;   ///< rows: channels of the group, columns: taps
  CellRange visible;    ///< the cells in view
  int64_t out_channel;  ///< the kernel
  bool active = false;  ///< the kernel of the current step
  const TapState* tap;  ///< the current multiply (null: none)
};

// Draws one kernel's cells in view: one by one, or merged into blocks of their mean, each block
// outlined when it holds the current tap or a highlighted weight.
void DrawKernelCells(const Frame& frame, ImDrawList* draw, const KernelCells& kernel,
                     const CellMerge& merge, const CellText& cell_text) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const Highlight& highlight = *frame.highlight;
  const CellRange& visible = kernel.visible;
  const GridPlacement& grid = kernel.grid;
  // Blocks start at multiples of the merge, so they stay put while the bank pans.
  const int64_t row_start = visible.row_begin - visible.row_begin % merge.rows;
  const int64_t col_start = visible.col_begin - visible.col_begin % merge.cols;
  for (int64_t ci = row_start; ci < visible.row_end; ci += merge.rows) {
    for (int64_t k = col_start; k < visible.col_end; k += merge.cols) {
      const int64_t ci_end = std::min(g.in_per_group, ci + merge.rows);
      const int64_t k_end = std::min(g.kernel_size, k + merge.cols);
      double sum = 0.0;
      bool lit = false, is_tap = false;
      for (int64_t r = ci; r < ci_end; ++r) {
        for (int64_t c = k; c < k_end; ++c) {
          const int64_t index = WeightIndex(g, kernel.out_channel, r, c);
          sum += session.problem.weight.data[static_cast<size_t>(index)];
          lit = lit || (highlight.active() && highlight.HasWeight(index));
          is_tap = is_tap || (kernel.active && kernel.tap && kernel.tap->channel_in_group == r &&
                              kernel.tap->k == c);
        }
      }
      const ImVec2 size(grid.cell.x * static_cast<float>(k_end - k),
                        grid.cell.y * static_cast<float>(ci_end - ci));
      const Outline outline = CellOutline(lit, is_tap, false, std::min(size.x, size.y));
      CellLook look;
      look.colormap = frame.colormap;
      look.text = merge.merged() ? CellText{} : cell_text;
      look.dim = kernel.active || lit ? 0.f : 0.3f;
      look.outline = outline.color;
      look.outline_thickness = outline.thickness;
      DrawValueCell(draw, grid.CellMin(ci, k), grid.CellMax(ci_end - 1, k_end - 1),
                    static_cast<float>(sum / static_cast<double>((ci_end - ci) * (k_end - k))),
                    session.weight_style.abs_max, session.weight_style, look);
    }
  }
}

// How the bank is arranged: kernels per row and the cell scale that fits the panel best.
struct BankLayout {
  int64_t per_row = 1;
  float scale = 1.f;
};

BankLayout ChooseLayout(const Geometry& g, ImVec2 natural, ImVec2 avail, float label_h, float gap) {
  BankLayout best;
  best.scale = 0.f;
  const int64_t limit = std::min<int64_t>(g.out_channels, 64);
  for (int64_t per_row = 1; per_row <= limit; ++per_row) {
    const int64_t rows = (g.out_channels + per_row - 1) / per_row;
    const float width =
        static_cast<float>(per_row) * (natural.x * static_cast<float>(g.kernel_size) + gap);
    const float scale_x = (avail.x - gap) / width;
    // Labels do not shrink with the cells, so fit the cells into what the labels leave.
    const float cells_h = static_cast<float>(rows) * natural.y * static_cast<float>(g.in_per_group);
    const float scale_y =
        (avail.y - static_cast<float>(rows) * (label_h + gap)) / std::max(1.f, cells_h);
    const float scale = std::min({kMaxFit, scale_x, scale_y});
    if (scale > best.scale + 1e-4f) {
      best.scale = scale;
      best.per_row = per_row;
    }
  }
  if (best.scale < kMinFit) {  // numbers stay at the UI size: as many per row as fit, scroll
    best.scale = kMinFit;
    const float kernel_w = natural.x * static_cast<float>(g.kernel_size) + gap;
    best.per_row = std::clamp<int64_t>(static_cast<int64_t>((avail.x - gap) / kernel_w), 1, limit);
  }
  return best;
}

// The pointer over weight `hovered` (none: over no cell): hover and pin, a double click opens
// the value editor, a tooltip names the weight and the input it multiplies now. A click on
// nothing releases the pin.
void HandleWeightHover(const Frame& frame, AppState& app, const HoverTarget& hovered,
                       bool clicked) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  if (hovered.kind == HoverKind::kNone && clicked) app.hover.pinned = HoverTarget{};
  if (hovered.kind == HoverKind::kWeight) {
    ReportHover(app.hover, hovered, clicked);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))  // type or drag a new value
      OpenCellEditor(app, CellRef{EditedTensor::kWeight, hovered.a, hovered.b, hovered.c},
                     ImGui::GetIO().MousePos);
    const int64_t o = hovered.a, ci = hovered.b, k = hovered.c;
    const float w = session.problem.weight.data[static_cast<size_t>(WeightIndex(g, o, ci, k))];
    const int64_t t = std::min(frame.coord.t, g.out_length - 1);
    const FieldEntry entry = MakeWalkthrough(session).InputOfWeight(o, ci, k, t);
    const float x = PaddedValue(session, frame.coord.n, entry.in_channel, entry.padded_pos);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(TrFormat(app.i18n, "kernels.tooltip",
                                    {std::to_string(o), std::to_string(ci), std::to_string(k),
                                     FormatValue(w, session.weight_style).c_str()})
                               .c_str());
    MutedText(
        TrFormat(app.i18n, "kernels.tooltip_input",
                 {std::to_string(t), std::to_string(entry.in_channel),
                  std::to_string(entry.padded_pos), FormatValue(x, session.input_style).c_str()})
            .c_str());
    ImGui::EndTooltip();
  }
}

}  // namespace

void DrawKernelPanel(const Frame& frame, AppState& app) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const std::string shape = ShapeText(g.WeightShape()) + "  (out, in/groups, k)";
  if (!BeginPanel(PanelLabel(app.i18n, "panel.kernels", shape).c_str(), frame.layout.kernels)) {
    EndPanel();
    return;
  }
  const std::string caption =
      g.groups > 1 ? TrFormat(app.i18n, "kernels.caption_groups",
                              {std::to_string(g.out_channels), std::to_string(g.in_per_group),
                               std::to_string(g.kernel_size), std::to_string(g.groups),
                               std::to_string(g.out_per_group)})
                   : TrFormat(app.i18n, "kernels.caption",
                              {std::to_string(g.out_channels), std::to_string(g.in_per_group),
                               std::to_string(g.kernel_size)});
  MutedText(caption.c_str());

  const float line = ImGui::GetTextLineHeight();
  // The "o=3" label's row, with room under the text for the active kernel's 3-px frame.
  const float label_h = line + 6.f;
  const float gap = std::round(ImGui::GetFontSize() * 0.5f);
  const ImVec2 natural = ValueCellSize(session.weight_style);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const BankLayout bank = ChooseLayout(g, natural, avail, label_h, gap);
  CanvasView& view = app.canvases.kernels;
  const float scale = bank.scale * view.zoom;
  const ImVec2 cell(std::max(2.f, std::floor(natural.x * scale)),
                    std::max(2.f, std::floor(natural.y * scale)));
  const ImVec2 kernel_size(cell.x * static_cast<float>(g.kernel_size),
                           cell.y * static_cast<float>(g.in_per_group));
  const ImVec2 pitch(kernel_size.x + gap, kernel_size.y + label_h + gap);
  const int64_t per_row = bank.per_row;
  const int64_t rows = (g.out_channels + per_row - 1) / per_row;
  const ImVec2 content(static_cast<float>(per_row) * pitch.x, static_cast<float>(rows) * pitch.y);
  const int64_t active = frame.step ? frame.coord.out_channel : -1;
  ImVec2 focus_min(0, 0), focus_max(0, 0);
  if (active >= 0) {
    focus_min = ImVec2(static_cast<float>(active % per_row) * pitch.x,
                       static_cast<float>(active / per_row) * pitch.y);
    focus_max = ImVec2(focus_min.x + pitch.x, focus_min.y + pitch.y);
  }
  const CanvasFrame canvas = BeginCanvas("kernel_canvas", view, avail, content,
                                         active >= 0 ? &focus_min : nullptr, &focus_max);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const CellText cell_text =
      ChooseCellText(cell, session.weight_style, frame.fonts, app.view.show_numbers);
  const TapState* tap = frame.step && !frame.step->window_complete
                            ? &frame.step->taps[static_cast<size_t>(frame.step->coord.tap)]
                            : nullptr;
  // Only the kernels whose block intersects the canvas.
  const int64_t first_row = std::max<int64_t>(
      0, static_cast<int64_t>(std::floor((canvas.min.y - canvas.origin.y) / pitch.y)));
  const int64_t last_row = std::min<int64_t>(
      rows, static_cast<int64_t>(std::ceil((canvas.max.y - canvas.origin.y) / pitch.y)));
  const int64_t first_col = std::max<int64_t>(
      0, static_cast<int64_t>(std::floor((canvas.min.x - canvas.origin.x) / pitch.x)));
  const int64_t last_col = std::min<int64_t>(
      per_row, static_cast<int64_t>(std::ceil((canvas.max.x - canvas.origin.x) / pitch.x)));
  const int64_t kernels_in_view = std::max<int64_t>(
      1, std::max<int64_t>(0, last_row - first_row) * std::max<int64_t>(0, last_col - first_col));
  const CellMerge merge = ChooseMerge(g, cell, kernels_in_view);
  HoverTarget hovered;
  char text[48];
  for (int64_t kr = first_row; kr < last_row; ++kr) {
    for (int64_t kc = first_col; kc < last_col; ++kc) {
      const int64_t o = kr * per_row + kc;
      if (o >= g.out_channels) break;
      const ImVec2 block(canvas.origin.x + static_cast<float>(kc) * pitch.x + gap * 0.5f,
                         canvas.origin.y + static_cast<float>(kr) * pitch.y);
      const bool is_active = o == active;
      const int64_t group = g.GroupOfOut(o);
      // The label: "o=3" (and the group, coloured, when there are groups).
      if (g.groups > 1) {
        std::snprintf(text, sizeof text, "o=%lld g%lld", static_cast<long long>(o),
                      static_cast<long long>(group));
        draw->AddRectFilled(ImVec2(block.x - 2.f, block.y),
                            ImVec2(block.x + kernel_size.x + 2.f, block.y + label_h - 4.f),
                            GroupColor(group, is_active ? 0.9f : 0.45f), 3.f);
      } else {
        std::snprintf(text, sizeof text, "o=%lld", static_cast<long long>(o));
      }
      if (cell.x * static_cast<float>(g.kernel_size) >= ImGui::CalcTextSize(text).x * 0.6f ||
          is_active)
        draw->AddText(ImVec2(block.x, block.y + 1.f),
                      is_active ? Palette::kText : Palette::kMutedText, text);
      const GridPlacement grid{ImVec2(block.x, block.y + label_h), cell, 1.f, g.in_per_group,
                               g.kernel_size};
      const KernelCells cells{grid, VisibleCells(grid, canvas.min, canvas.max), o, is_active, tap};
      DrawKernelCells(frame, draw, cells, merge, cell_text);
      const ImVec2 kmax(block.x + kernel_size.x, block.y + label_h + kernel_size.y);
      if (is_active)
        draw->AddRect(ImVec2(block.x - 3.f, block.y + label_h - 3.f),
                      ImVec2(kmax.x + 2.f, kmax.y + 2.f), Palette::kKernelFrame, 3.f, 0, 3.f);
      else if (g.groups > 1)
        draw->AddRect(ImVec2(block.x - 2.f, block.y + label_h - 2.f),
                      ImVec2(kmax.x + 1.f, kmax.y + 1.f), GroupColor(group), 2.f, 0, 2.f);
      int64_t ci = 0, k = 0;
      if (canvas.hovered && CellAt(grid, ImGui::GetIO().MousePos, &ci, &k))
        hovered = HoverTarget{HoverKind::kWeight, o, ci, k};
    }
  }
  HandleWeightHover(frame, app, hovered, canvas.clicked);
  EndCanvas(canvas, view, Tr(app.i18n, "canvas.follow"));
  EndPanel();
}

}  // namespace convstep::gui
