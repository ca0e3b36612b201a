#include "ui/panels/output_panel.h"

#include <algorithm>

#include "ui/draw/cell_blocks.h"
#include "ui/draw/colormap.h"
#include "ui/draw/labeled_grid.h"
#include "ui/panels/narrow_grid.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

void OutputTooltip(const Frame& frame, const AppState& app, int64_t n, int64_t o, int64_t t,
                   bool done) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const float y = session.output.data[static_cast<size_t>(OutputIndexOf(g, n, o, t))];
  ImGui::BeginTooltip();
  if (!done) {
    ImGui::TextUnformatted(TrFormat(app.i18n, "output.tooltip_pending",
                                    {std::to_string(n), std::to_string(o), std::to_string(t)})
                               .c_str());
  } else {
    ImGui::TextUnformatted(
        TrFormat(app.i18n, "output.tooltip",
                 {std::to_string(n), std::to_string(o), std::to_string(t),
                  FormatValue(y, session.output_style).c_str(), std::to_string(g.taps)})
            .c_str());
    // The products, as many as fit in a tooltip.
    const auto field = MakeWalkthrough(session).ReceptiveField(o, t);
    ImGui::PushFont(frame.fonts.mono);
    const size_t shown = std::min<size_t>(field.size(), 8);
    for (size_t i = 0; i < shown; ++i) {
      const FieldEntry& entry = field[i];
      const float x = PaddedValue(session, n, entry.in_channel, entry.padded_pos);
      const float w =
          session.problem.weight
              .data[static_cast<size_t>(WeightIndex(g, o, entry.channel_in_group, entry.k))];
      ImGui::Text("%s %s × %s", i == 0 ? " " : "+", FormatValue(x, session.input_style).c_str(),
                  FormatValue(w, session.weight_style).c_str());
    }
    if (field.size() > shown) ImGui::Text("+ … (%zu)", field.size() - shown);
    if (g.has_bias)
      ImGui::Text("+ %s", FormatValue(session.problem.bias.data[static_cast<size_t>(o)],
                                      session.weight_style)
                              .c_str());
    ImGui::PopFont();
  }
  MutedText(Tr(app.i18n, "output.tooltip_hint"));
  ImGui::EndTooltip();
}

// The outputs of batch item n still to compute in the visible rows, as bands (one rectangle
// per row and one line per cell boundary) rather than a dashed outline per cell (20-odd dashes
// each). The current cell and highlighted ones are outlined by the caller.
void DrawPendingBands(ImDrawList* draw, const Geometry& g, const LabeledGrid& lg, int64_t n,
                      int64_t done_count) {
  const GridPlacement& grid = lg.grid;
  const ImU32 line = WithAlpha(Palette::kGrid, 0.7f);
  for (int64_t o = lg.visible.row_begin; o < lg.visible.row_end; ++o) {
    const int64_t first_pending =
        std::clamp<int64_t>(done_count - OutputIndexOf(g, n, o, 0), 0, g.out_length);
    const int64_t begin = std::max(lg.visible.col_begin, first_pending);
    if (begin >= lg.visible.col_end) continue;
    const ImVec2 min = grid.CellMin(o, begin);
    const ImVec2 max = grid.CellMax(o, lg.visible.col_end - 1);
    draw->AddRectFilled(min, max, Palette::kEmptyCell);
    draw->AddRect(min, max, line);
    for (int64_t t = begin + 1; t < lg.visible.col_end; ++t) {
      const float x = grid.CellMin(o, t).x - grid.gap * 0.5f;
      draw->AddLine(ImVec2(x, min.y), ImVec2(x, max.y), line);
    }
  }
}

// Zoomed out (cells under kMergeBelowPixels): blocks of outputs, each the mean of its computed
// cells (or empty while none is), the block of the current output and of highlighted ones
// outlined.
void DrawMergedOutputs(const Frame& frame, ImDrawList* draw, const LabeledGrid& lg,
                       const CellMerge& merge, int64_t n) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const int64_t done_count = frame.step ? frame.step->outputs_done : 0;
  ForEachBlock(lg.grid, lg.visible, merge, [&](const CellBlock& block) {
    double sum = 0.0;
    int64_t computed = 0;
    for (int64_t o = block.row_begin; o < block.row_end; ++o) {
      for (int64_t t = block.col_begin; t < block.col_end; ++t) {
        const int64_t index = OutputIndexOf(g, n, o, t);
        if (index >= done_count) continue;
        sum += session.output.data[static_cast<size_t>(index)];
        ++computed;
      }
    }
    CellLook look;
    look.colormap = frame.colormap;
    look.empty = computed == 0;
    look.plain = true;
    const float mean = computed > 0 ? static_cast<float>(sum / static_cast<double>(computed)) : 0.f;
    DrawValueCell(draw, BlockMin(lg.grid, block), BlockMax(lg.grid, block), mean,
                  session.output_style.abs_max, session.output_style, look);
  });
  const float cell_h = lg.grid.cell.y * static_cast<float>(merge.rows);
  if (frame.step)
    OutlineBlockOf(draw, lg.grid, merge, frame.coord.out_channel, frame.coord.t,
                   Palette::kCurrentTap, CellOutline(false, true, false, cell_h).thickness);
  const Highlight& highlight = *frame.highlight;
  if (highlight.active())
    OutlineLitBlocks(
        draw, lg.grid, lg.visible, merge,
        [&](int64_t o, int64_t t) { return highlight.HasOutput(OutputIndexOf(g, n, o, t)); },
        Palette::kHighlight, CellOutline(true, false, false, cell_h).thickness);
}

}  // namespace

void DrawOutputPanel(const Frame& frame, AppState& app) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const std::string shape = "y " + ShapeText(g.OutputShape()) + "  (N, O, L_out)";
  if (!BeginPanel(PanelLabel(app.i18n, "panel.output", shape).c_str(), frame.layout.output)) {
    EndPanel();
    return;
  }
  const int64_t n = std::min(frame.coord.n, std::max<int64_t>(0, g.batch - 1));
  DrawBatchCards(frame, app, "output_cards", n, &OutputFractionDone);
  if (g.batch == 0 || g.out_length == 0) {
    MutedText(Tr(app.i18n, "window.nothing"));
    EndPanel();
    return;
  }
  CanvasView& view = app.canvases.output;
  const ImVec2 natural = ValueCellSize(session.output_style);
  const float line = ImGui::GetTextLineHeight();
  char widest[32];
  std::snprintf(widest, sizeof widest, "o=%lld", static_cast<long long>(g.out_channels - 1));
  const float row_label_w = ImGui::CalcTextSize(widest).x + 12.f;
  // The other batch items as a stack of cards behind the grid: shallower in a narrow panel.
  const CardStack wanted{std::min<int64_t>(g.batch - 1, 4), 5.f};
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 fitted = FittedCell(
      natural, g.out_channels, g.out_length, avail,
      ImVec2(row_label_w + wanted.Depth() + 2.f, line + 6.f + wanted.Depth() + 2.f), view.zoom);
  const NarrowGrid fit = FitNarrowGrid(fitted, natural, TightCellWidth(session.output_style),
                                       g.out_length, row_label_w, avail.x, wanted);
  const ImVec2 cell = fit.cell;
  const float stack = fit.stack.offset;
  const float depth = fit.stack.Depth();
  const float label_h = line + 6.f + depth;
  const ImVec2 content = LabeledGridContent(g.out_channels, g.out_length, cell, row_label_w,
                                            label_h, ImVec2(depth + 2.f, 2.f));
  const int64_t o_now = frame.coord.out_channel, t_now = frame.coord.t;
  const ImVec2 focus_min(row_label_w + static_cast<float>(t_now) * cell.x,
                         label_h + static_cast<float>(o_now) * cell.y);
  const ImVec2 focus_max(focus_min.x + cell.x, focus_min.y + cell.y);
  const CanvasFrame canvas = BeginCanvas("output_canvas", view, ImGui::GetContentRegionAvail(),
                                         content, frame.step ? &focus_min : nullptr, &focus_max);
  const LabeledGrid lg =
      PlaceLabeledGrid(canvas, g.out_channels, g.out_length, cell, 1.f, row_label_w, label_h);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 grid_max(lg.grid.origin.x + lg.grid.Size().x, lg.grid.origin.y + lg.grid.Size().y);
  DrawCardStack(draw, ImVec2(lg.grid.origin.x - 2.f, lg.grid.origin.y - 2.f),
                ImVec2(grid_max.x + 1.f, grid_max.y + 1.f),
                std::min(g.batch - 1 - n, fit.stack.cards), stack);
  const CellText text =
      NarrowCellText(fit, session.output_style, frame.fonts, app.view.show_numbers);
  const Highlight& highlight = *frame.highlight;
  const int64_t done_count = frame.step ? frame.step->outputs_done : 0;
  const int64_t current = frame.step ? OutputIndexOf(g, n, o_now, t_now) : -1;
  const CellMerge merge = ChooseCellMerge(cell, lg.visible);
  const bool bands =
      (lg.visible.row_end - lg.visible.row_begin) * (lg.visible.col_end - lg.visible.col_begin) >
      kPerCellMarksMaxCells;
  draw->PushClipRect(lg.cells_min, lg.cells_max, true);
  if (merge.merged()) {
    DrawMergedOutputs(frame, draw, lg, merge, n);
  } else if (bands) {
    DrawPendingBands(draw, g, lg, n, done_count);
  }
  for (int64_t o = lg.visible.row_begin; o < lg.visible.row_end && !merge.merged(); ++o) {
    for (int64_t t = lg.visible.col_begin; t < lg.visible.col_end; ++t) {
      const int64_t index = OutputIndexOf(g, n, o, t);
      const bool lit = highlight.active() && highlight.HasOutput(index) && !bands;
      const Outline outline = CellOutline(lit, index == current, false, cell.y);
      if (bands && index >= done_count) {  // in a band: only its outline, if any
        if (outline.thickness > 0.f) {     // as DrawValueCell outlines an empty cell
          const float thickness = outline.thickness + (lit ? 0.5f : 0.f);
          const float inset = thickness * 0.5f;
          const ImVec2 min = lg.grid.CellMin(o, t), max = lg.grid.CellMax(o, t);
          draw->AddRect(ImVec2(min.x + inset, min.y + inset), ImVec2(max.x - inset, max.y - inset),
                        outline.color, 2.f, 0, thickness);
        }
        continue;
      }
      CellLook look;
      look.colormap = frame.colormap;
      look.text = text;
      look.empty = index >= done_count;
      look.outline = outline.color;
      look.outline_thickness = outline.thickness;
      if (look.empty && lit) look.outline_thickness += 0.5f;
      DrawValueCell(draw, lg.grid.CellMin(o, t), lg.grid.CellMax(o, t),
                    session.output.data[static_cast<size_t>(index)], session.output_style.abs_max,
                    session.output_style, look);
    }
  }
  if (bands && !merge.merged() && highlight.active())  // one outline per block of lit cells
    OutlineCellBlocks(
        draw, lg.grid, lg.visible,
        [&](int64_t o, int64_t t) { return highlight.HasOutput(OutputIndexOf(g, n, o, t)); },
        Palette::kHighlight, CellOutline(true, false, false, cell.y).thickness);
  draw->PopClipRect();
  if (g.groups > 1) {
    for (int64_t o = lg.visible.row_begin; o < lg.visible.row_end; ++o) {
      const ImVec2 min = lg.grid.CellMin(o, 0);
      const float x = std::max(canvas.min.x, lg.grid.origin.x - row_label_w) + 1.f;
      draw->AddRectFilled(ImVec2(x, min.y), ImVec2(x + 5.f, min.y + cell.y - 1.f),
                          GroupColor(g.GroupOfOut(o)));
    }
  }
  int64_t hovered_o = -1, hovered_t = -1;
  if (canvas.hovered && ImGui::IsMouseHoveringRect(lg.cells_min, lg.cells_max))
    CellAt(lg.grid, ImGui::GetIO().MousePos, &hovered_o, &hovered_t);
  DrawGridLabels(
      draw, lg,
      [](int64_t o, char* buf, size_t size) {
        std::snprintf(buf, size, "o=%lld", static_cast<long long>(o));
      },
      [](int64_t t, char* buf, size_t size) {
        std::snprintf(buf, size, "t=%lld", static_cast<long long>(t));
      },
      hovered_o >= 0 ? hovered_o : o_now, hovered_t >= 0 ? hovered_t : t_now, depth);
  if (hovered_o < 0 && canvas.clicked) app.hover.pinned = HoverTarget{};
  if (hovered_o >= 0) {
    const int64_t index = OutputIndexOf(g, n, hovered_o, hovered_t);
    ReportHover(app.hover, HoverTarget{HoverKind::kOutput, n, hovered_o, hovered_t},
                canvas.clicked);
    OutputTooltip(frame, app, n, hovered_o, hovered_t, index < done_count);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) SeekOutput(app, n, hovered_o, hovered_t);
  }
  EndCanvas(canvas, view, Tr(app.i18n, "canvas.follow"));
  EndPanel();
}

}  // namespace convstep::gui
