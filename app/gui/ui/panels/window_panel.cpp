#include "ui/panels/window_panel.h"

#include <algorithm>
#include <cmath>

#include "model/input_positions.h"
#include "model/sentences_input.h"
#include "state/practice.h"
#include "ui/draw/arrows.h"
#include "ui/draw/cell_blocks.h"
#include "ui/draw/colormap.h"
#include "ui/draw/labeled_grid.h"
#include "ui/draw/picked_cell.h"
#include "ui/panels/window_strip.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// Arrows from each ghost cell's source to the ghost, in the band above the column labels.
void DrawGhostArrows(const WindowView& v) {
  const Geometry& g = v.g;
  if (g.padding_mode == PaddingMode::kZeros || v.arrows_h <= 0.f) return;
  const GridPlacement& grid = v.lg.grid;
  const float base_y =
      std::max(v.lg.canvas_min.y, grid.origin.y - v.lg.col_label_height) + v.arrows_h;
  const std::vector<int64_t>* window = v.frame.step ? &v.frame.step->window_positions : nullptr;
  auto in_window = [&](int64_t pos) {
    return window && std::find(window->begin(), window->end(), pos) != window->end();
  };
  v.draw->PushClipRect(ImVec2(v.lg.cells_min.x, v.lg.canvas_min.y),
                       ImVec2(v.lg.cells_max.x, std::max(v.lg.cells_min.y, grid.origin.y)), true);
  // Zoomed out, an arrow every few columns (and every one the window reads).
  const int64_t every =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(2.f * kMergeBelowPixels / grid.cell.x)));
  for (int64_t pos = v.lg.visible.col_begin; pos < v.lg.visible.col_end; ++pos) {
    const PaddedCell cell = SourceOf(g, pos);
    if (cell.kind != CellKind::kGhost) continue;
    const bool strong = in_window(pos);
    if (pos % every != 0 && !strong) continue;
    const int64_t source_pos = cell.source + g.pad_left;
    const float x_to = grid.CellCenter(0, pos).x;
    const float x_from = grid.CellCenter(0, source_pos).x;
    const float distance = std::fabs(x_to - x_from);
    const float bend =
        std::min(v.arrows_h * 0.9f, 8.f + distance * 0.25f) * (x_to > x_from ? 1.f : -1.f);
    DrawCurvedArrow(v.draw, ImVec2(x_from, base_y - 2.f), ImVec2(x_to, base_y - 2.f), bend,
                    strong ? Palette::kArrow : IM_COL32(150, 150, 150, 200), strong ? 2.5f : 1.3f,
                    strong ? 9.f : 7.f);
  }
  v.draw->PopClipRect();
}

// With many cells in view: the hatching (and for copies the dashed outline) of each padding
// block drawn once over the whole block rather than in every cell.
void DrawPaddingBlocks(const WindowView& v) {
  const Geometry& g = v.g;
  const GridPlacement& grid = v.lg.grid;
  const int64_t left_end = std::clamp<int64_t>(g.pad_left, 0, g.padded_length);
  const int64_t right_begin = std::clamp<int64_t>(g.pad_left + g.length, left_end, g.padded_length);
  const int64_t blocks[2][2] = {{0, left_end}, {right_begin, g.padded_length}};
  for (const auto& block : blocks) {
    if (block[0] >= block[1] || block[1] <= v.lg.visible.col_begin ||
        block[0] >= v.lg.visible.col_end)
      continue;
    const ImVec2 min = grid.CellMin(0, block[0]);
    const ImVec2 max = grid.CellMax(grid.rows - 1, block[1] - 1);
    if (SourceOf(g, block[0]).kind == CellKind::kZeroPad) {
      DrawHatch(v.draw, min, max, Palette::kPaddingHatch, 7.f);
    } else {
      DrawHatch(v.draw, min, max, IM_COL32(120, 120, 120, 90), 9.f);
      DrawDashedRect(v.draw, min, max, Palette::kMutedText, 4.f, 1.5f);
    }
  }
}

// Zoomed out: blocks of the padded input, each the mean of its input and copied cells (zero
// padding when it holds nothing else), hatched per padding block; the blocks of the current
// tap and of highlighted cells outlined.
void DrawMergedCells(const WindowView& v, const CellMerge& merge) {
  const Geometry& g = v.g;
  const GridPlacement& grid = v.lg.grid;
  const StepState* step = v.frame.step ? &*v.frame.step : nullptr;
  const NumberStyle& style = v.session.input_style;
  ForEachBlock(grid, v.lg.visible, merge, [&](const CellBlock& block) {
    double sum = 0.0;
    int64_t values = 0, ghosts = 0;
    for (int64_t pos = block.col_begin; pos < block.col_end; ++pos) {
      const CellKind kind = SourceOf(g, pos).kind;
      if (kind == CellKind::kZeroPad) continue;
      for (int64_t c = block.row_begin; c < block.row_end; ++c)
        sum += PaddedValue(v.session, v.n, c, pos);
      values += block.row_end - block.row_begin;
      ghosts += kind == CellKind::kGhost ? block.row_end - block.row_begin : 0;
    }
    CellLook look;
    look.colormap = v.frame.colormap;
    look.plain = true;
    look.zero_padding = values == 0;
    look.ghost = values > 0 && ghosts == values;
    look.dim = step && g.groups > 1 && g.GroupOfIn(block.row_begin) != step->group ? 0.6f : 0.f;
    DrawValueCell(v.draw, BlockMin(grid, block), BlockMax(grid, block),
                  values > 0 ? static_cast<float>(sum / static_cast<double>(values)) : 0.f,
                  style.abs_max, style, look);
  });
  DrawPaddingBlocks(v);
  const float block_h = grid.cell.y * static_cast<float>(merge.rows);
  const Highlight& highlight = *v.frame.highlight;
  if (highlight.active() && highlight.n == v.n)
    OutlineLitBlocks(
        v.draw, grid, v.lg.visible, merge,
        [&](int64_t c, int64_t pos) { return highlight.HasPadded(c * g.padded_length + pos); },
        Palette::kHighlight, CellOutline(true, false, false, block_h).thickness);
  if (step && !step->window_complete) {
    const TapState& tap = step->taps[static_cast<size_t>(step->coord.tap)];
    OutlineBlockOf(v.draw, grid, merge, tap.in_channel, tap.padded_pos, Palette::kCurrentTap,
                   CellOutline(false, true, false, block_h).thickness);
  }
}

// The cells of the padded input.
void DrawCells(const WindowView& v, const CellText& text) {
  const Geometry& g = v.g;
  const Highlight& highlight = *v.frame.highlight;
  const StepState* step = v.frame.step ? &*v.frame.step : nullptr;
  const TapState* tap =
      step && !step->window_complete ? &step->taps[static_cast<size_t>(step->coord.tap)] : nullptr;
  const int64_t group = step ? step->group : 0;
  const NumberStyle& style = v.session.input_style;
  const CellRange& in_view = v.lg.visible;
  const bool plain = (in_view.row_end - in_view.row_begin) * (in_view.col_end - in_view.col_begin) >
                     kPerCellMarksMaxCells;
  v.draw->PushClipRect(v.lg.cells_min, v.lg.cells_max, true);
  const CellMerge merge = ChooseCellMerge(v.lg.grid.cell, in_view);
  if (merge.merged()) {
    DrawMergedCells(v, merge);
    v.draw->PopClipRect();
    return;
  }
  for (int64_t c = v.lg.visible.row_begin; c < v.lg.visible.row_end; ++c) {
    const bool other_group = step && g.groups > 1 && g.GroupOfIn(c) != group;
    for (int64_t pos = v.lg.visible.col_begin; pos < v.lg.visible.col_end; ++pos) {
      const PaddedCell cell = SourceOf(g, pos);
      const bool lit = highlight.active() && highlight.n == v.n &&
                       highlight.HasPadded(c * g.padded_length + pos);
      const bool is_tap = tap && tap->in_channel == c && tap->padded_pos == pos;
      const Outline outline = CellOutline(lit && !plain, is_tap, false, v.lg.grid.cell.y);
      CellLook look;
      look.colormap = v.frame.colormap;
      look.text = text;
      look.zero_padding = cell.kind == CellKind::kZeroPad;
      look.ghost = cell.kind == CellKind::kGhost;
      look.plain = plain;
      look.dim = other_group ? 0.6f : 0.f;
      look.outline = outline.color;
      look.outline_thickness = outline.thickness;
      DrawValueCell(v.draw, v.lg.grid.CellMin(c, pos), v.lg.grid.CellMax(c, pos),
                    PaddedValue(v.session, v.n, c, pos), style.abs_max, style, look);
    }
  }
  if (plain) {  // hatching per padding block, one outline per block of highlighted cells
    DrawPaddingBlocks(v);
    if (highlight.active() && highlight.n == v.n)
      OutlineCellBlocks(
          v.draw, v.lg.grid, in_view,
          [&](int64_t c, int64_t pos) { return highlight.HasPadded(c * g.padded_length + pos); },
          Palette::kHighlight, CellOutline(true, false, false, v.lg.grid.cell.y).thickness);
  }
  // Done taps of the current window get a small dot in their corner (those in view).
  if (step && !step->window_complete) {
    for (const TapState& done : step->taps) {
      if (!done.done || (tap && &done == tap)) continue;
      if (done.in_channel < in_view.row_begin || done.in_channel >= in_view.row_end ||
          done.padded_pos < in_view.col_begin || done.padded_pos >= in_view.col_end)
        continue;
      const ImVec2 max = v.lg.grid.CellMax(done.in_channel, done.padded_pos);
      const float r = std::max(2.f, v.lg.grid.cell.y * 0.1f);
      v.draw->AddCircleFilled(
          ImVec2(max.x - r - 2.f, v.lg.grid.CellMin(done.in_channel, done.padded_pos).y + r + 2.f),
          r, Palette::kKernelFrame);
    }
  }
  v.draw->PopClipRect();
}

// The kernel frame at its (sliding) position: one column per tap over the group's channels,
// dilation gaps shaded between them, all joined by a bracket on top.
void DrawKernelFrame(const WindowView& v) {
  if (!v.frame.step) return;
  const Geometry& g = v.g;
  const GridPlacement& grid = v.lg.grid;
  const int64_t first_row = v.frame.step->group * g.in_per_group;
  const float top = grid.CellMin(first_row, 0).y - 3.f;
  const float bottom = grid.CellMin(first_row + g.in_per_group, 0).y + 2.f;
  const float start = v.frame.window_start;
  const float x0 = grid.origin.x + start * grid.cell.x;
  const float extent_w = static_cast<float>(g.kernel_extent) * grid.cell.x;
  v.draw->PushClipRect(ImVec2(v.lg.cells_min.x, v.lg.cells_min.y - 6.f), v.lg.cells_max, true);
  // Only the taps in view (a kernel may be far wider than the panel).
  const float tap_pitch = static_cast<float>(g.dilation) * grid.cell.x;
  const int64_t k_begin = std::clamp<int64_t>(
      static_cast<int64_t>(std::floor((v.lg.cells_min.x - x0 - grid.cell.x - 4.f) / tap_pitch)), 0,
      g.kernel_size);
  const int64_t k_end = std::clamp<int64_t>(
      static_cast<int64_t>(std::ceil((v.lg.cells_max.x - x0) / tap_pitch)) + 1, 0, g.kernel_size);
  // Zoomed out (taps too close to frame one by one): one frame around the whole extent.
  const bool one_frame = tap_pitch < 2.f * kMergeBelowPixels;
  if (one_frame) {
    v.draw->AddRect(ImVec2(x0 - 2.f, top), ImVec2(x0 + extent_w + 1.f, bottom),
                    Palette::kKernelFrame, 3.f, 0, 3.5f);
  } else if (g.dilation > 1) {
    // Gaps: the columns the kernel spans but skips.
    for (int64_t k = std::max<int64_t>(0, k_begin - 1); k < k_end && k + 1 < g.kernel_size; ++k) {
      const float gx0 = x0 + static_cast<float>(k * g.dilation + 1) * grid.cell.x;
      const float gx1 = x0 + static_cast<float>((k + 1) * g.dilation) * grid.cell.x;
      v.draw->AddRectFilled(ImVec2(gx0, top), ImVec2(gx1, bottom), IM_COL32(25, 25, 60, 40));
      DrawDashedRect(v.draw, ImVec2(gx0, top), ImVec2(gx1 - 1.f, bottom), IM_COL32(25, 25, 60, 160),
                     4.f, 1.f);
    }
  }
  for (int64_t k = k_begin; k < k_end && !one_frame; ++k) {
    const float cx = x0 + static_cast<float>(k * g.dilation) * grid.cell.x;
    v.draw->AddRect(ImVec2(cx - 2.f, top), ImVec2(cx + grid.cell.x + 1.f, bottom),
                    Palette::kKernelFrame, 3.f, 0, 3.5f);
  }
  // The bracket that makes the taps one kernel.
  v.draw->AddLine(ImVec2(x0 - 2.f, top - 3.f), ImVec2(x0 + extent_w + 1.f, top - 3.f),
                  Palette::kKernelFrame, 3.f);
  v.draw->PopClipRect();
}

// The cells picked for a click-the-cells exercise, where the padded grid shows them.
void DrawPickedInWindow(const WindowView& v) {
  const ExerciseState& exercise = v.app.teach.exercise;
  if (!exercise.current || exercise.current->answer_kind != AnswerKind::kCells) return;
  const Geometry& g = v.g;
  v.draw->PushClipRect(v.lg.cells_min, v.lg.cells_max, true);
  for (int64_t index : exercise.picked_cells) {
    if (index < 0 || index >= g.batch * g.in_channels * g.length) continue;
    if (index / (g.in_channels * g.length) != v.n) continue;
    const int64_t c = (index / g.length) % g.in_channels, l = index % g.length;
    const int64_t pos = l + g.pad_left;
    if (pos < 0 || pos >= g.padded_length) continue;  // cropped by negative padding
    DrawPickedCell(v.draw, v.lg.grid.CellMin(c, pos), v.lg.grid.CellMax(c, pos));
  }
  v.draw->PopClipRect();
}

// While a click-the-cells exercise waits for its answer, a click on a real cell picks the
// input cell it shows (padding is no input cell). Returns whether the exercise takes clicks.
bool PickOnClick(const WindowView& v, AppState& app, int64_t c, int64_t pos, bool clicked) {
  if (!PickingCells(app)) return false;
  const PaddedCell source = SourceOf(v.g, pos);
  if (clicked && source.kind == CellKind::kReal)
    TogglePickedCell(app, InputIndex(v.g, v.n, c, source.source));
  return true;
}

void CellTooltip(const WindowView& v, int64_t c, int64_t pos) {
  const PaddedCell cell = SourceOf(v.g, pos);
  const I18n& i18n = v.app.i18n;
  const std::string value =
      FormatValue(PaddedValue(v.session, v.n, c, pos), v.session.input_style).c_str();
  ImGui::BeginTooltip();
  if (cell.kind == CellKind::kReal) {
    ImGui::TextUnformatted(
        TrFormat(i18n, "window.tooltip_real",
                 {std::to_string(c), std::to_string(cell.source), value, std::to_string(pos)})
            .c_str());
  } else if (cell.kind == CellKind::kZeroPad) {
    ImGui::TextUnformatted(TrFormat(i18n, "window.tooltip_zero", {std::to_string(pos)}).c_str());
  } else {
    ImGui::TextUnformatted(TrFormat(i18n, "window.tooltip_ghost",
                                    {std::to_string(c), std::to_string(cell.source), value,
                                     PaddingModeName(v.g.padding_mode)})
                               .c_str());
  }
  ImGui::EndTooltip();
}

// Presenting (`brief`), the narration explains the labels: the line names the positions alone
// and the grid gets the room.
std::string PositionLine(const Frame& frame, const I18n& i18n, bool brief) {
  if (!frame.step) return Tr(i18n, "window.nothing");
  const Geometry& g = frame.geometry();
  return TrFormat(i18n, brief ? "window.positions_short" : "window.positions",
                  {std::to_string(frame.coord.t), WindowPositionFormula(g),
                   WindowInputPositions(g, frame.coord.t, Tr(i18n, "window.pad_label")),
                   std::to_string(frame.coord.out_channel), std::to_string(g.length - 1)});
}

}  // namespace

void DrawWindowPanel(const Frame& frame, AppState& app) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const std::string shape = "x[" + std::to_string(frame.coord.n) + "]  " +
                            ShapeText({g.in_channels, g.padded_length}) + "  (C, " +
                            Tr(app.i18n, "window.padded_length") + ")";
  if (!BeginPanel(PanelLabel(app.i18n, "panel.window", shape).c_str(), frame.layout.window)) {
    EndPanel();
    return;
  }
  TextWrappedCjk(PositionLine(frame, app.i18n, app.present.on).c_str());  // wrapped: never cut
  if (g.batch == 0 || g.padded_length == 0) {
    EndPanel();
    return;
  }
  CanvasView& view = app.canvases.window;
  const ImVec2 natural = ValueCellSize(session.input_style);
  const float line = ImGui::GetTextLineHeight();
  const bool ghosts = g.padding_mode != PaddingMode::kZeros && (g.pad_left > 0 || g.pad_right > 0);
  const float arrows_h = ghosts ? std::round(line * 1.6f) : 4.f;
  const float label_h = arrows_h + line + 4.f;
  char widest[32];
  std::snprintf(widest, sizeof widest, "c%lld", static_cast<long long>(g.in_channels - 1));
  const float row_label_w =
      std::max(ImGui::CalcTextSize(widest).x, ImGui::CalcTextSize(Tr(app.i18n, "axis.l_short")).x) +
      12.f;
  const float ticks_h = line * (g.stride > 1 ? 2.6f : 1.6f) + 6.f;
  // Below the ticks: a caption line and the kernel's rows.
  const float strip_gap = line + 6.f;
  const ImVec2 cell = FittedCell(
      natural, g.in_channels + g.in_per_group, g.padded_length, ImGui::GetContentRegionAvail(),
      ImVec2(row_label_w + 4.f, label_h + ticks_h + strip_gap + 4.f), view.zoom);
  const ImVec2 content = LabeledGridContent(
      g.in_channels, g.padded_length, cell, row_label_w, label_h,
      ImVec2(4.f, ticks_h + strip_gap + cell.y * static_cast<float>(g.in_per_group) + 4.f));
  ImVec2 focus_min(0, 0), focus_max(0, 0);
  if (frame.step) {
    const int64_t first_row = frame.step->group * g.in_per_group;
    focus_min = ImVec2(row_label_w + static_cast<float>(frame.step->window_start) * cell.x,
                       label_h + static_cast<float>(first_row) * cell.y);
    focus_max = ImVec2(focus_min.x + static_cast<float>(g.kernel_extent) * cell.x,
                       focus_min.y + static_cast<float>(g.in_per_group) * cell.y);
  }
  const CanvasFrame canvas = BeginCanvas("window_canvas", view, ImGui::GetContentRegionAvail(),
                                         content, frame.step ? &focus_min : nullptr, &focus_max);
  WindowView v{
      frame,
      session,
      g,
      app,
      ImGui::GetWindowDrawList(),
      PlaceLabeledGrid(canvas, g.in_channels, g.padded_length, cell, 1.f, row_label_w, label_h),
      std::min(frame.coord.n, g.batch - 1),
      arrows_h};
  const CellText text =
      ChooseCellText(cell, session.input_style, frame.fonts, app.view.show_numbers);
  DrawCells(v, text);
  DrawKernelFrame(v);
  DrawGhostArrows(v);
  const float grid_bottom = v.lg.grid.origin.y + v.lg.grid.Size().y;
  DrawWindowTicks(v, grid_bottom + 3.f);
  const CellText weight_text =
      ChooseCellText(cell, session.weight_style, frame.fonts, app.view.show_numbers);
  const HoverTarget weight_hovered =
      DrawKernelStrip(v, grid_bottom + ticks_h + strip_gap, weight_text, canvas.hovered);

  int64_t hovered_c = -1, hovered_pos = -1;
  if (canvas.hovered && ImGui::IsMouseHoveringRect(v.lg.cells_min, v.lg.cells_max))
    CellAt(v.lg.grid, ImGui::GetIO().MousePos, &hovered_c, &hovered_pos);
  DrawPickedInWindow(v);
  const char* pad_word = Tr(app.i18n, "window.pad_label");
  DrawGridLabels(
      v.draw, v.lg,
      [&](int64_t c, char* buf, size_t size) {
        std::snprintf(buf, size, "c%lld", static_cast<long long>(c));
      },
      [&](int64_t pos, char* buf, size_t size) {
        const PaddedCell cell_source = SourceOf(g, pos);
        if (cell_source.kind == CellKind::kReal &&
            TokenLabel(session, v.n, cell_source.source, buf, size, 6))
          return;  // sentences: the token at that position
        if (cell_source.kind == CellKind::kReal)
          std::snprintf(buf, size, "%lld", static_cast<long long>(cell_source.source));
        else
          std::snprintf(buf, size, "%s", pad_word);
      },
      hovered_c, hovered_pos);
  if (g.groups > 1) {  // group colour strip beside the row labels
    for (int64_t c = v.lg.visible.row_begin; c < v.lg.visible.row_end; ++c) {
      const ImVec2 min = v.lg.grid.CellMin(c, 0);
      const float x = std::max(canvas.min.x, v.lg.grid.origin.x - row_label_w) + 1.f;
      v.draw->AddRectFilled(ImVec2(x, min.y), ImVec2(x + 5.f, min.y + cell.y - 1.f),
                            GroupColor(g.GroupOfIn(c)));
    }
  }
  DrawAxisCaption(v.draw, CornerCaptionPos(v.lg), Tr(app.i18n, "axis.l_short"));
  if (weight_hovered.kind == HoverKind::kNone && hovered_c < 0 && canvas.clicked)
    app.hover.pinned = HoverTarget{};
  if (weight_hovered.kind == HoverKind::kWeight) {
    ReportHover(app.hover, weight_hovered, canvas.clicked);
    const float w = session.problem.weight.data[static_cast<size_t>(
        WeightIndex(g, weight_hovered.a, weight_hovered.b, weight_hovered.c))];
    ImGui::SetTooltip(
        "%s",
        TrFormat(app.i18n, "kernels.tooltip",
                 {std::to_string(weight_hovered.a), std::to_string(weight_hovered.b),
                  std::to_string(weight_hovered.c), FormatValue(w, session.weight_style).c_str()})
            .c_str());
  } else if (hovered_c >= 0) {
    const bool picking = PickOnClick(v, app, hovered_c, hovered_pos, canvas.clicked);
    ReportHover(app.hover, HoverTarget{HoverKind::kPadded, v.n, hovered_c, hovered_pos},
                canvas.clicked && !picking);
    CellTooltip(v, hovered_c, hovered_pos);
  }
  EndCanvas(canvas, view, Tr(app.i18n, "canvas.follow"));
  EndPanel();
}

}  // namespace convstep::gui
