#include "panels/kernel_panel.h"

#include <algorithm>
#include <cmath>

#include "draw/canvas.h"
#include "draw/colormap.h"
#include "draw/grid.h"
#include "io/cell_edit.h"
#include "panels/panel_common.h"

namespace convstep::gui {
namespace {

// Cells smaller than this (pixels) are drawn merged into blocks at least this large.
constexpr float kMergeBelowPixels = 6.f;

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
    const float height =
        static_cast<float>(rows) * (natural.y * static_cast<float>(g.in_per_group) + label_h + gap);
    const float scale_x = (avail.x - gap) / width;
    // Labels do not shrink with the cells, so fit the cells into what the labels leave.
    const float cells_h = static_cast<float>(rows) * natural.y * static_cast<float>(g.in_per_group);
    const float scale_y =
        (avail.y - static_cast<float>(rows) * (label_h + gap)) / std::max(1.f, cells_h);
    (void)height;
    const float scale = std::min({kMaxFit, scale_x, scale_y});
    if (scale > best.scale + 1e-4f) {
      best.scale = scale;
      best.per_row = per_row;
    }
  }
  best.scale = std::max(best.scale, 0.08f);
  return best;
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
  const float gap = std::round(ImGui::GetFontSize() * 0.5f);
  const ImVec2 natural = ValueCellSize(session.weight_style);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const BankLayout bank = ChooseLayout(g, natural, avail, line + 2.f, gap);
  CanvasView& view = app.canvases.kernels;
  const float scale = bank.scale * view.zoom;
  const ImVec2 cell(std::max(2.f, std::floor(natural.x * scale)),
                    std::max(2.f, std::floor(natural.y * scale)));
  const ImVec2 kernel_size(cell.x * static_cast<float>(g.kernel_size),
                           cell.y * static_cast<float>(g.in_per_group));
  const ImVec2 pitch(kernel_size.x + gap, kernel_size.y + line + 2.f + gap);
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
  const Highlight& highlight = *frame.highlight;
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
                            ImVec2(block.x + kernel_size.x + 2.f, block.y + line + 2.f),
                            GroupColor(group, is_active ? 0.9f : 0.45f), 3.f);
      } else {
        std::snprintf(text, sizeof text, "o=%lld", static_cast<long long>(o));
      }
      if (cell.x * static_cast<float>(g.kernel_size) >= ImGui::CalcTextSize(text).x * 0.6f ||
          is_active)
        draw->AddText(ImVec2(block.x, block.y + 1.f),
                      is_active ? Palette::kText : Palette::kMutedText, text);
      const GridPlacement grid{ImVec2(block.x, block.y + line + 2.f), cell, 1.f, g.in_per_group,
                               g.kernel_size};
      const CellRange visible = VisibleCells(grid, canvas.min, canvas.max);
      // At low zoom (cells of a few pixels, e.g. a [64, 64, 5] bank) blocks of cells are drawn
      // as one cell of their mean, so the frame's cost does not grow with the bank; the active
      // kernel and highlighted cells keep every cell.
      const int64_t merge_rows =
          std::max<int64_t>(1, static_cast<int64_t>(std::ceil(kMergeBelowPixels / cell.y)));
      const int64_t merge_cols =
          std::max<int64_t>(1, static_cast<int64_t>(std::ceil(kMergeBelowPixels / cell.x)));
      const bool merged = (merge_rows > 1 || merge_cols > 1) && !is_active && !highlight.active();
      for (int64_t ci = visible.row_begin; merged && ci < visible.row_end; ci += merge_rows) {
        for (int64_t k = visible.col_begin; k < visible.col_end; k += merge_cols) {
          const int64_t ci_end = std::min(visible.row_end, ci + merge_rows);
          const int64_t k_end = std::min(visible.col_end, k + merge_cols);
          double sum = 0.0;
          for (int64_t r = ci; r < ci_end; ++r)
            for (int64_t c = k; c < k_end; ++c)
              sum += session.problem.weight.data[static_cast<size_t>(WeightIndex(g, o, r, c))];
          CellLook look;
          look.colormap = frame.colormap;
          look.dim = 0.3f;
          DrawValueCell(draw, grid.CellMin(ci, k), grid.CellMax(ci_end - 1, k_end - 1),
                        static_cast<float>(sum / static_cast<double>((ci_end - ci) * (k_end - k))),
                        session.weight_style.abs_max, session.weight_style, look);
        }
      }
      for (int64_t ci = visible.row_begin; !merged && ci < visible.row_end; ++ci) {
        for (int64_t k = visible.col_begin; k < visible.col_end; ++k) {
          const int64_t index = WeightIndex(g, o, ci, k);
          const bool lit = highlight.active() && highlight.HasWeight(index);
          const bool is_tap = is_active && tap && tap->channel_in_group == ci && tap->k == k;
          const Outline outline = CellOutline(lit, is_tap, false, cell.y);
          CellLook look;
          look.colormap = frame.colormap;
          look.text = cell_text;
          look.dim = is_active || lit ? 0.f : 0.3f;
          look.outline = outline.color;
          look.outline_thickness = outline.thickness;
          DrawValueCell(draw, grid.CellMin(ci, k), grid.CellMax(ci, k),
                        session.problem.weight.data[static_cast<size_t>(index)],
                        session.weight_style.abs_max, session.weight_style, look);
        }
      }
      const ImVec2 kmax(block.x + kernel_size.x, block.y + line + 2.f + kernel_size.y);
      if (is_active)
        draw->AddRect(ImVec2(block.x - 3.f, block.y + line - 1.f),
                      ImVec2(kmax.x + 2.f, kmax.y + 2.f), Palette::kKernelFrame, 3.f, 0, 3.f);
      else if (g.groups > 1)
        draw->AddRect(ImVec2(block.x - 2.f, block.y + line), ImVec2(kmax.x + 1.f, kmax.y + 1.f),
                      GroupColor(group), 2.f, 0, 2.f);
      int64_t ci = 0, k = 0;
      if (canvas.hovered && CellAt(grid, ImGui::GetIO().MousePos, &ci, &k))
        hovered = HoverTarget{HoverKind::kWeight, o, ci, k};
    }
  }
  if (hovered.kind == HoverKind::kNone && canvas.clicked) app.hover.pinned = HoverTarget{};
  if (hovered.kind == HoverKind::kWeight) {
    ReportHover(app.hover, hovered, canvas.clicked);
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
  EndCanvas(canvas, view, Tr(app.i18n, "canvas.follow"));
  EndPanel();
}

}  // namespace convstep::gui
