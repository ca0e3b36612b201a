#include "ui/panels/window_strip.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/draw/arrows.h"
#include "ui/draw/cell_blocks.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
float DrawWindowTicks(const WindowView& v, float y) {
  const Geometry& g = v.g;
  const GridPlacement& grid = v.lg.grid;
  const float line = ImGui::GetTextLineHeight();
  const float size = std::clamp(grid.cell.x * 0.18f, 3.f, 7.f);
  const int64_t current_t = v.frame.step ? v.frame.coord.t : -1;
  const int64_t first_t =
      std::max<int64_t>(0, (v.lg.visible.col_begin - 1) / std::max<int64_t>(1, g.stride));
  const int64_t last_t =
      std::min(g.out_length, v.lg.visible.col_end / std::max<int64_t>(1, g.stride) + 1);
  const float label_w = ImGui::CalcTextSize("t=000").x;
  const float pitch = grid.cell.x * static_cast<float>(std::max<int64_t>(1, g.stride));
  const int64_t label_every =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(label_w / pitch)));
  // Zoomed out, a tick every few starts (and the current one) rather than a solid row of them.
  const int64_t tick_every =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(2.f * kMergeBelowPixels / pitch)));
  char text[32];
  // The first tick sits on the grid's left edge: let it reach into the label column.
  v.draw->PushClipRect(ImVec2(v.lg.cells_min.x - size - 1.f, v.lg.canvas_min.y), v.lg.cells_max,
                       true);
  for (int64_t t = first_t; t < last_t; ++t) {
    const float x = grid.CellMin(0, g.WindowStart(t)).x + 1.f;
    const bool current = t == current_t;
    if (t % tick_every != 0 && !current) continue;
    const bool done = v.frame.step && OutputIndexOf(g, v.n, v.frame.coord.out_channel, t) <
                                          v.frame.step->outputs_done;
    const ImU32 color = current
                            ? Palette::kKernelFrame
                            : (done ? IM_COL32(120, 120, 140, 255) : IM_COL32(170, 170, 180, 255));
    const ImVec2 a(x, y), b(x - size, y + size * 1.6f), c(x + size, y + size * 1.6f);
    if (current || done)
      v.draw->AddTriangleFilled(a, b, c, color);
    else
      v.draw->AddTriangle(a, b, c, color, 1.5f);
    if (t % label_every == 0 || current) {
      std::snprintf(text, sizeof text, "t=%lld", static_cast<long long>(t));
      v.draw->AddText(ImVec2(x - 2.f, y + size * 1.7f),
                      current ? Palette::kText : Palette::kMutedText, text);
    }
    // Stride > 1: an arc from the previous start shows the jump.
    if (g.stride > 1 && t > 0 && grid.cell.x * static_cast<float>(g.stride) > 18.f) {
      const float px = grid.CellMin(0, g.WindowStart(t - 1)).x + 1.f;
      DrawCurvedArrow(v.draw, ImVec2(px + 2.f, y + size * 1.6f + line + 6.f),
                      ImVec2(x - 2.f, y + size * 1.6f + line + 6.f), -line * 0.45f,
                      current ? Palette::kKernelFrame : IM_COL32(160, 160, 170, 255),
                      current ? 2.f : 1.2f, 6.f);
      if (current) {  // "stride +2" centred under its arc, clear of the t labels and cells
        const std::string jump =
            TrFormat(v.app.i18n, "window.stride_jump", {std::to_string(g.stride)});
        const float w = ImGui::CalcTextSize(jump.c_str()).x;
        v.draw->AddText(
            ImVec2(std::floor((px + x) * 0.5f - w * 0.5f), y + size * 1.6f + line + 6.f),
            Palette::kKernelFrame, jump.c_str());
      }
    }
  }
  v.draw->PopClipRect();
  return size * 1.7f + line + (g.stride > 1 ? line + 4.f : 0.f);
}

HoverTarget DrawKernelStrip(const WindowView& v, float top, const CellText& text, bool hovered) {
  HoverTarget under_pointer;
  if (!v.frame.step) return under_pointer;
  const Geometry& g = v.g;
  const GridPlacement& grid = v.lg.grid;
  const StepState& step = *v.frame.step;
  const int64_t o = step.coord.out_channel;
  const TapState* tap =
      step.window_complete ? nullptr : &step.taps[static_cast<size_t>(step.coord.tap)];
  const float x0 = grid.origin.x + v.frame.window_start * grid.cell.x;
  const Highlight& highlight = *v.frame.highlight;
  const NumberStyle& style = v.session.weight_style;
  char caption[48];
  std::snprintf(caption, sizeof caption, "× w[%lld]", static_cast<long long>(o));
  v.draw->PushClipRect(ImVec2(v.lg.cells_min.x, v.lg.cells_min.y), v.lg.cells_max, true);
  v.draw->AddText(ImVec2(x0, top - ImGui::GetTextLineHeight() - 1.f), Palette::kKernelFrame,
                  caption);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // Only the rows and taps in view: the strip is as tall as the group's channels.
  const GridPlacement strip{ImVec2(x0, top),
                            ImVec2(grid.cell.x * static_cast<float>(g.dilation), grid.cell.y),
                            grid.gap, g.in_per_group, g.kernel_size};
  const CellRange in_view = VisibleCells(strip, v.lg.cells_min, v.lg.cells_max);
  const CellMerge merge = ChooseCellMerge(strip.cell, in_view, kMaxBlocksInView / 2);
  if (merge.merged()) {  // zoomed out: blocks of the mean weight, spanning their taps' columns
    const float* weights = v.session.problem.weight.data.data();
    ForEachBlock(strip, in_view, merge, [&](const CellBlock& block) {
      double sum = 0.0;
      for (int64_t ci = block.row_begin; ci < block.row_end; ++ci)
        for (int64_t k = block.col_begin; k < block.col_end; ++k)
          sum += weights[WeightIndex(g, o, ci, k)];
      CellLook look;
      look.colormap = v.frame.colormap;
      const ImVec2 max = BlockMax(strip, block);
      DrawValueCell(
          v.draw, BlockMin(strip, block), ImVec2(max.x - strip.cell.x + grid.cell.x, max.y),
          static_cast<float>(sum / static_cast<double>((block.row_end - block.row_begin) *
                                                       (block.col_end - block.col_begin))),
          style.abs_max, style, look);
    });
    const float block_h = grid.cell.y * static_cast<float>(merge.rows);
    if (tap)
      OutlineBlockOf(v.draw, strip, merge, tap->channel_in_group, tap->k, Palette::kCurrentTap,
                     CellOutline(false, true, false, block_h).thickness);
    if (highlight.active())
      OutlineLitBlocks(
          v.draw, strip, in_view, merge,
          [&](int64_t ci, int64_t k) { return highlight.HasWeight(WeightIndex(g, o, ci, k)); },
          Palette::kHighlight, CellOutline(true, false, false, block_h).thickness);
    int64_t ci = 0, k = 0;
    if (hovered && ImGui::IsMouseHoveringRect(v.lg.cells_min, v.lg.cells_max) &&
        CellAt(strip, mouse, &ci, &k))
      under_pointer = HoverTarget{HoverKind::kWeight, o, ci, k};
  }
  for (int64_t ci = in_view.row_begin; ci < in_view.row_end && !merge.merged(); ++ci) {
    for (int64_t k = in_view.col_begin; k < in_view.col_end; ++k) {
      const ImVec2 min(x0 + static_cast<float>(k * g.dilation) * grid.cell.x,
                       top + static_cast<float>(ci) * grid.cell.y);
      const ImVec2 max(min.x + grid.cell.x - grid.gap, min.y + grid.cell.y - grid.gap);
      if (max.x < v.lg.cells_min.x || min.x > v.lg.cells_max.x) continue;
      const int64_t index = WeightIndex(g, o, ci, k);
      const bool lit = highlight.active() && highlight.HasWeight(index);
      const bool is_tap = tap && tap->channel_in_group == ci && tap->k == k;
      const Outline outline = CellOutline(lit, is_tap, true, grid.cell.y);
      CellLook look;
      look.colormap = v.frame.colormap;
      look.text = text;
      look.outline = outline.color;
      look.outline_thickness = outline.thickness;
      DrawValueCell(v.draw, min, max, v.session.problem.weight.data[static_cast<size_t>(index)],
                    style.abs_max, style, look);
      if (hovered && mouse.x >= min.x && mouse.x < max.x && mouse.y >= min.y && mouse.y < max.y)
        under_pointer = HoverTarget{HoverKind::kWeight, o, ci, k};
    }
  }
  v.draw->PopClipRect();
  return under_pointer;
}

}  // namespace convstep::gui
