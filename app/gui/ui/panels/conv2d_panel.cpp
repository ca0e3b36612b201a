#include "ui/panels/conv2d_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/sentences_input.h"
#include "ui/draw/arrows.h"
#include "ui/draw/cell_blocks.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/draw/wrap_text.h"
#include "ui/panels/conv2d_parts.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// One picture: the padded [C, L + padding] input of batch item n with a kernel frame, then
// the output rows under it. Columns from `first_col` on are drawn (the frame stays in view).
struct Picture {
  ImVec2 origin;  ///< top-left of input cell (0, first_col)
  ImVec2 cell;    ///< cell size including the 1-pixel gap
  int64_t first_col = 0;
  int64_t cols = 0;   ///< visible padded columns
  float label_w = 0;  ///< width of the row labels left of the grid
};

// Everything one frame of this view shares.
struct View {
  const Frame& frame;
  AppState& app;
  const Session& session;
  const Geometry& g;
  ImDrawList* draw;
  int64_t n, o, t;
  CellText input_text, output_text;
};

ImVec2 CellMin(const Picture& p, int64_t row, int64_t col) {
  return ImVec2(p.origin.x + p.cell.x * static_cast<float>(col - p.first_col),
                p.origin.y + p.cell.y * static_cast<float>(row));
}

// Column label: the token (sentences), the input position, or "pad".
void ColumnLabel(const View& v, int64_t pos, char* buf, size_t size) {
  const PaddedCell source = SourceOf(v.g, pos);
  if (source.kind != CellKind::kReal) {
    std::snprintf(buf, size, "%s", Tr(v.app.i18n, "window.pad_label"));
    return;
  }
  const std::string token = TokenAt(v.session, v.n, source.source);
  if (!token.empty()) {
    std::snprintf(buf, size, "%s", ShortLabel(token, 10).c_str());
  } else {
    std::snprintf(buf, size, "%lld", static_cast<long long>(source.source));
  }
}

// The input grid with row labels ("c0" or "h=0") and column labels above.
void DrawInputGrid(const View& v, const Picture& p, const char* row_prefix) {
  const Geometry& g = v.g;
  const NumberStyle& style = v.session.input_style;
  const float line = ImGui::GetTextLineHeight();
  char text[48];
  const int64_t label_every = std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(ImGui::CalcTextSize("mmmmm").x / p.cell.x)));
  for (int64_t col = p.first_col; col < p.first_col + p.cols; ++col) {
    if ((col - p.first_col) % label_every != 0) continue;
    ColumnLabel(v, col, text, sizeof text);
    const ImVec2 min = CellMin(p, 0, col);
    const float w = ImGui::CalcTextSize(text).x;
    v.draw->AddText(ImVec2(std::floor(min.x + (p.cell.x - w) * 0.5f), min.y - line - 3.f),
                    Palette::kMutedText, text);
  }
  // Row labels: every few rows when the rows are thinner than a line of text.
  const int64_t row_every = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(line / p.cell.y)));
  for (int64_t c = 0; c < g.in_channels; c += row_every) {
    std::snprintf(text, sizeof text, "%s%lld", row_prefix, static_cast<long long>(c));
    const ImVec2 min = CellMin(p, c, p.first_col);
    v.draw->AddText(
        ImVec2(min.x - ImGui::CalcTextSize(text).x - 6.f, min.y + (p.cell.y - line) * 0.5f),
        Palette::kMutedText, text);
  }
  // Cells of a few pixels: blocks of their mean (as the sliding-window panel draws them).
  const GridPlacement grid{CellMin(p, 0, 0), p.cell, 1.f, g.in_channels, g.padded_length};
  const CellRange visible{0, g.in_channels, p.first_col, p.first_col + p.cols};
  const CellMerge merge = ChooseCellMerge(p.cell, visible, kMaxBlocksInView / 2);  // 2 sides
  ForEachBlock(grid, merge.merged() ? visible : CellRange{}, merge, [&](const CellBlock& block) {
    double sum = 0.0;
    int64_t values = 0;
    for (int64_t col = block.col_begin; col < block.col_end; ++col) {
      if (SourceOf(g, col).kind == CellKind::kZeroPad) continue;
      for (int64_t c = block.row_begin; c < block.row_end; ++c)
        sum += PaddedValue(v.session, v.n, c, col);
      values += block.row_end - block.row_begin;
    }
    CellLook look;
    look.colormap = v.frame.colormap;
    look.zero_padding = values == 0;
    look.plain = true;
    DrawValueCell(v.draw, BlockMin(grid, block), BlockMax(grid, block),
                  values > 0 ? static_cast<float>(sum / static_cast<double>(values)) : 0.f,
                  style.abs_max, style, look);
  });
  for (int64_t c = 0; c < g.in_channels && !merge.merged(); ++c) {
    for (int64_t col = p.first_col; col < p.first_col + p.cols; ++col) {
      const PaddedCell cell = SourceOf(g, col);
      CellLook look;
      look.colormap = v.frame.colormap;
      look.text = v.input_text;
      look.zero_padding = cell.kind == CellKind::kZeroPad;
      look.ghost = cell.kind == CellKind::kGhost;
      const ImVec2 a = CellMin(p, c, col);
      DrawValueCell(v.draw, a, ImVec2(a.x + p.cell.x - 1.f, a.y + p.cell.y - 1.f),
                    PaddedValue(v.session, v.n, c, col), style.abs_max, style, look);
    }
  }
}

// A kernel frame `rows` high from row `top`, over the taps of the window at `start`.
void DrawFrame(const View& v, const Picture& p, float start, int64_t top, int64_t rows,
               bool ghost) {
  const Geometry& g = v.g;
  const float x0 = p.origin.x + (start - static_cast<float>(p.first_col)) * p.cell.x;
  const float y0 = p.origin.y + static_cast<float>(top) * p.cell.y - 2.f;
  const float y1 = p.origin.y + static_cast<float>(top + rows) * p.cell.y + 1.f;
  const float pitch = static_cast<float>(g.dilation) * p.cell.x;
  if (pitch < 2.f * kMergeBelowPixels) {  // taps too close to frame one by one: one frame
    const ImVec2 a(x0 - 2.f, y0), b(x0 + static_cast<float>(g.kernel_extent) * p.cell.x + 1.f, y1);
    if (ghost)
      DrawDashedRect(v.draw, a, b, WithAlpha(Palette::kKernelFrame, 0.55f), 5.f, 1.5f);
    else
      v.draw->AddRect(a, b, Palette::kKernelFrame, 3.f, 0, 3.5f);
    return;
  }
  // Only the taps over the columns in view.
  const float right = p.origin.x + static_cast<float>(p.cols) * p.cell.x;
  const int64_t k_end = std::clamp<int64_t>(
      static_cast<int64_t>(std::ceil((right - x0) / pitch)) + 1, 0, g.kernel_size);
  for (int64_t k = 0; k < k_end; ++k) {
    const float cx = x0 + static_cast<float>(k * g.dilation) * p.cell.x;
    const ImVec2 a(cx - 2.f, y0), b(cx + p.cell.x + 1.f, y1);
    if (ghost)
      DrawDashedRect(v.draw, a, b, WithAlpha(Palette::kKernelFrame, 0.55f), 5.f, 1.5f);
    else
      v.draw->AddRect(a, b, Palette::kKernelFrame, 3.f, 0, 3.5f);
  }
}

// An output block [rows, L_out]; the current column framed. Returns its bottom.
// `values` holds `columns` values per row (OutputColumns()).
float DrawOutput(const View& v, ImVec2 origin, ImVec2 cell, const std::vector<float>& values,
                 int64_t rows, int64_t columns, float scale) {
  NumberStyle style = v.session.output_style;
  style.abs_max = scale;
  // Rows of a few pixels (a Conv2d kernel much lower than the image): blocks of their mean.
  const GridPlacement grid{origin, cell, 1.f, rows, columns};
  const CellRange visible{0, rows, 0, columns};
  const CellMerge merge = ChooseCellMerge(cell, visible, kMaxBlocksInView / 2);  // 2 sides
  ForEachBlock(grid, merge.merged() ? visible : CellRange{}, merge, [&](const CellBlock& block) {
    double sum = 0.0;
    for (int64_t r = block.row_begin; r < block.row_end; ++r)
      for (int64_t t = block.col_begin; t < block.col_end; ++t)
        sum += values[static_cast<size_t>(r * columns + t)];
    CellLook look;
    look.colormap = v.frame.colormap;
    DrawValueCell(v.draw, BlockMin(grid, block), BlockMax(grid, block),
                  static_cast<float>(sum / static_cast<double>((block.row_end - block.row_begin) *
                                                               (block.col_end - block.col_begin))),
                  scale, style, look);
  });
  if (merge.merged()) {
    if (v.t < columns) OutlineBlockOf(v.draw, grid, merge, 0, v.t, Palette::kCurrentTap, 2.5f);
    return origin.y + cell.y * static_cast<float>(rows);
  }
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t t = 0; t < columns; ++t) {
      const ImVec2 a(origin.x + cell.x * static_cast<float>(t),
                     origin.y + cell.y * static_cast<float>(r));
      const ImVec2 b(a.x + cell.x - 1.f, a.y + cell.y - 1.f);
      CellLook look;
      look.colormap = v.frame.colormap;
      look.text = v.output_text;
      if (t == v.t) {
        look.outline = Palette::kCurrentTap;
        look.outline_thickness = 2.5f;
      }
      DrawValueCell(v.draw, a, b, values[static_cast<size_t>(r * columns + t)], scale, style, look);
    }
  }
  return origin.y + cell.y * static_cast<float>(rows);
}

// How many output columns from t = 0 fit between `x` and the window's right edge.
int64_t OutputColumns(const Geometry& g, float x, float cell_w) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x;
  const int64_t fit = static_cast<int64_t>(std::floor((right - x + 1.f) / cell_w));
  return std::clamp<int64_t>(fit, 0, g.out_length);
}

// A caption line at `pos`, at most `width` wide and inside the picture: shortened with "…" when
// it does not fit (pointing at it shows it whole), left out when not even "…" fits.
void Caption(const View& v, ImVec2 pos, float width, ImU32 color, const std::string& text) {
  const float right = std::min(pos.x + width, v.draw->GetClipRectMax().x);
  const std::string shown = ShortenToWidth(text, right - pos.x);
  if (ImGui::CalcTextSize(shown.c_str()).x > right - pos.x) return;
  v.draw->AddText(pos, color, shown.c_str());
  const ImVec2 end(pos.x + ImGui::CalcTextSize(shown.c_str()).x,
                   pos.y + ImGui::GetTextLineHeight());
  if (shown != text && ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(pos, end))
    ImGui::SetTooltip("%s", text.c_str());
}

// White gaps between the rows of the height-1 Conv2d's input: C separate channel planes, each
// an image of height 1 (the rows stay channels).
void SeparateChannels(const View& v, const Picture& p) {
  if (p.cell.y < 6.f) return;
  const float right = p.origin.x + p.cell.x * static_cast<float>(p.cols);
  for (int64_t c = 1; c < v.g.in_channels; ++c) {
    const float y = p.origin.y + p.cell.y * static_cast<float>(c) - 1.f;
    v.draw->AddLine(ImVec2(p.origin.x - 2.f, y), ImVec2(right + 2.f, y),
                    IM_COL32(255, 255, 255, 255), 3.f);
  }
}

// The output under one picture, from (x, y): Conv1d's row y[n, o], or Conv2d's rows y2d[n, o]
// (the very same numbers when the kernel is as tall as the input).
void DrawOutputUnder(const View& v, bool conv2d, bool image, int64_t kh, float x, float y,
                     float half_w, float label_w, ImVec2 cell) {
  const Session& session = v.session;
  const Geometry& g = v.g;
  const int64_t C = g.in_channels;
  const float line = ImGui::GetTextLineHeight();
  std::vector<float> values;
  std::string out_caption;
  int64_t out_rows = 1;
  const int64_t columns = OutputColumns(g, x + label_w, cell.x);  // only those in view
  if (!conv2d || !image) {
    const auto begin = session.output.data.begin() + OutputIndexOf(g, v.n, v.o, 0);
    values.assign(begin, begin + columns);
    out_caption = conv2d ? "y_conv2d[" + std::to_string(v.n) + ", " + std::to_string(v.o) +
                               ", 0]  " + ShapeText({1, g.out_length}) + "  .squeeze(2)   " +
                               Tr(v.app.i18n, "conv2d.same_numbers")
                         : "y[" + std::to_string(v.n) + ", " + std::to_string(v.o) + "]  " +
                               ShapeText({1, g.out_length});
  } else {
    out_rows = C - kh + 1;
    values = kh == C ? std::vector<float>(
                           session.output.data.begin() + OutputIndexOf(g, v.n, v.o, 0),
                           session.output.data.begin() + OutputIndexOf(g, v.n, v.o, 0) + columns)
                     : Conv2dRows(session, v.n, v.o, kh, columns);
    out_caption = "y2d[" + std::to_string(v.n) + ", " + std::to_string(v.o) + "]  " +
                  ShapeText({out_rows, g.out_length}) +
                  (kh == C ? "   " + std::string(Tr(v.app.i18n, "conv2d.same_numbers")) : "");
  }
  Caption(v, ImVec2(x, y), half_w, kh == C || !conv2d ? Palette::kText : Palette::kError,
          out_caption);
  y += line + 4.f;
  DrawOutput(v, ImVec2(x + label_w, y), cell, values, out_rows, columns,
             session.output_style.abs_max);
}

// Arrows under and beside the kernel frame: where the kernel may move (along L only, or down
// too when it is shorter than the input). Returns the bottom of the input grid.
float DrawMoveArrows(const View& v, const Picture& p, float frame_start, bool moves_down,
                     float half_w) {
  const Geometry& g = v.g;
  const int64_t C = g.in_channels;
  const ImVec2 cell = p.cell;
  const int64_t first_col = p.first_col;
  const float line = ImGui::GetTextLineHeight();
  const float grid_bottom = p.origin.y + cell.y * static_cast<float>(C);
  const float ax = p.origin.x + (frame_start - static_cast<float>(first_col)) * cell.x;
  const float extent = static_cast<float>(g.kernel_extent) * cell.x;
  DrawCurvedArrow(v.draw, ImVec2(ax + extent * 0.2f, grid_bottom + line * 0.6f),
                  ImVec2(ax + extent + cell.x * 1.2f, grid_bottom + line * 0.6f), 0.f,
                  Palette::kKernelFrame, 2.5f, 9.f);
  if (moves_down)
    DrawCurvedArrow(v.draw, ImVec2(ax + extent + 10.f, p.origin.y + cell.y * 0.3f),
                    ImVec2(ax + extent + 10.f, grid_bottom - cell.y * 0.3f), 0.f, Palette::kError,
                    2.5f, 9.f);
  Caption(v, ImVec2(ax + extent + cell.x * 1.4f, grid_bottom + 2.f), half_w,
          moves_down ? Palette::kError : Palette::kKernelFrame,
          Tr(v.app.i18n, moves_down ? "conv2d.moves_both" : "conv2d.moves_along"));
  return grid_bottom;
}

// The code line over one picture: the Conv1d and its x[n], w[o]; or the Conv2d form on screen.
std::string SideCaption(const View& v, bool conv2d, bool image, int64_t kh) {
  const Geometry& g = v.g;
  const int64_t C = g.in_channels;
  const std::string n = std::to_string(v.n), o = std::to_string(v.o);
  if (!conv2d)
    return SpecPython(v.session.recipe.spec) + "   x[" + n + "] " + ShapeText({C, g.length}) +
           "   w[" + o + "] " + ShapeText({g.in_per_group, g.kernel_size});
  if (!image)
    return "nn.Conv2d(" + std::to_string(C) + ", " + std::to_string(g.out_channels) + ", (1, " +
           std::to_string(g.kernel_size) + "))   x[" + n + "].unsqueeze(1) " +
           ShapeText({C, 1, g.length}) + "   w[" + o + "].unsqueeze(1) " +
           ShapeText({g.in_per_group, 1, g.kernel_size});
  return "nn.Conv2d(1, " + std::to_string(g.out_channels) + ", (" + std::to_string(kh) + ", " +
         std::to_string(g.kernel_size) + "))   x[" + n + "].unsqueeze(0) " +
         ShapeText({1, C, g.length});
}

}  // namespace

std::vector<float> Conv2dRows(const Session& session, int64_t n, int64_t out_channel,
                              int64_t kernel_height, int64_t columns) {
  const Geometry& g = session.geometry;
  const int64_t rows = g.in_channels - kernel_height + 1;
  columns = columns < 0 ? g.out_length : std::min(columns, g.out_length);
  std::vector<float> out;
  if (rows <= 0 || kernel_height < 1 || g.groups != 1) return out;
  out.assign(static_cast<size_t>(rows * columns), 0.f);
  const float bias =
      session.recipe.spec.bias ? session.problem.bias.data[static_cast<size_t>(out_channel)] : 0.f;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t t = 0; t < columns; ++t) {
      float sum = 0.f;
      for (int64_t i = 0; i < kernel_height; ++i)
        for (int64_t k = 0; k < g.kernel_size; ++k)
          sum +=
              PaddedValue(session, n, r + i, g.WindowStart(t) + k * g.dilation) *
              session.problem.weight.data[static_cast<size_t>(WeightIndex(g, out_channel, i, k))];
      out[static_cast<size_t>(r * columns + t)] = sum + bias;
    }
  }
  return out;
}

void DrawConv2dPanel(const Frame& frame, AppState& app) {
  if (!BeginPanel(Label(app.i18n, "tab.conv2d").c_str(), frame.layout.conv2d)) {
    EndPanel();
    return;
  }
  ScaleViewText(app.present.on && app.present.region.empty());
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  if (g.batch == 0 || g.out_length == 0 || g.padded_length == 0) {
    MutedText(Tr(app.i18n, "window.nothing"));
    EndPanel();
    return;
  }
  View v{frame,
         app,
         session,
         g,
         ImGui::GetWindowDrawList(),
         std::clamp<int64_t>(frame.coord.n, 0, g.batch - 1),
         std::clamp<int64_t>(frame.coord.out_channel, 0, g.out_channels - 1),
         std::clamp<int64_t>(frame.coord.t, 0, g.out_length - 1),
         CellText{},
         CellText{}};
  const int64_t C = g.in_channels;
  int64_t& chosen_kh = app.teach.conv2d.kernel_height;
  if (chosen_kh < 1 || chosen_kh > C) chosen_kh = C;
  DrawConv2dFormControl(app, g, v.n, &chosen_kh);
  // The lead form, nn.Conv2d(C, O, (1, k)), always equals the Conv1d (groups too); the image
  // of height C only without groups.
  const bool image = app.teach.conv2d.image_view;
  const bool comparable = !image || g.groups == 1;
  const int64_t kh = image ? chosen_kh : C;

  // Two pictures side by side over the table.
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 area_min = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImFont* reading = frame.fonts.reading ? frame.fonts.reading : ImGui::GetFont();
  ImGui::PushFont(reading);  // the table is read from afar: the reading face
  const float table_h = DifferencesTableHeight();
  ImGui::PopFont();
  const float code_h = std::min(avail.y * 0.22f, ImGui::GetTextLineHeightWithSpacing() * 8.f);
  const float half_w = (avail.x - style.ItemSpacing.x * 3.f) * 0.5f;
  const float line = ImGui::GetTextLineHeight();
  const int64_t out_rows_2d = comparable ? C - kh + 1 : 1;
  // Rows: two captions, column labels, C input rows, arrow line, output caption, output rows.
  const float fixed_h = line * 5.f + 34.f;
  const float rows_total = static_cast<float>(C + std::max<int64_t>(1, out_rows_2d));
  // Never less than the captions and 3-pixel rows: when the panel is short (a large text scale)
  // it scrolls rather than drawing the table over the pictures' captions.
  const float pictures_h = std::max(avail.y - table_h - code_h - style.ItemSpacing.y * 2.f,
                                    fixed_h + rows_total * 3.f + line);
  const ImVec2 natural = ValueCellSize(session.input_style);
  char widest[32];
  std::snprintf(widest, sizeof widest, "h=%lld", static_cast<long long>(C - 1));
  const float label_w = ImGui::CalcTextSize(widest).x + 10.f;
  const float cell_h = std::clamp((pictures_h - fixed_h) / rows_total, 3.f, natural.y * kMaxFit);
  const float scale = cell_h / natural.y;
  float cell_w = std::max(3.f, std::floor(natural.x * std::min(scale, 1.2f)));
  const float grid_w = half_w - label_w - 8.f;
  int64_t cols = std::min<int64_t>(g.padded_length, static_cast<int64_t>(grid_w / cell_w));
  if (cols == g.padded_length && cols > 0)  // everything fits: grow the cells to the room
    cell_w = std::min(std::floor(grid_w / static_cast<float>(cols)), natural.x * kMaxFit);
  cols = std::max<int64_t>(1, cols);
  const ImVec2 cell(cell_w, std::floor(cell_h));
  // The pictures take what they need; the table follows right under them.
  const float drawn_h = std::min(pictures_h, fixed_h + rows_total * cell.y + line);
  v.input_text = ChooseCellText(cell, session.input_style, frame.fonts, app.view.show_numbers);
  v.output_text = ChooseCellText(cell, session.output_style, frame.fonts, app.view.show_numbers);
  // Keep the kernel frame in view when the input is wider than the room.
  const int64_t start_col = g.WindowStart(v.t);
  const int64_t first_col =
      std::clamp<int64_t>(start_col - cols / 3, 0, std::max<int64_t>(0, g.padded_length - cols));

  for (int side = 0; side < 2; ++side) {
    const bool conv2d = side == 1;
    const float x = area_min.x + (conv2d ? half_w + style.ItemSpacing.x * 3.f : 0.f);
    if (conv2d) {  // a divider between the two pictures
      const float dx = area_min.x + half_w + style.ItemSpacing.x * 1.5f;
      v.draw->AddLine(ImVec2(dx, area_min.y), ImVec2(dx, area_min.y + drawn_h), Palette::kGrid,
                      1.f);
    }
    float y = area_min.y;
    const std::string caption = SideCaption(v, conv2d, image, kh);
    Caption(v, ImVec2(x, y), half_w, Palette::kKernelFrame, caption);
    y += line + 4.f;
    Caption(v, ImVec2(x, y), half_w, Palette::kMutedText,
            Tr(app.i18n, !conv2d ? "conv2d.sequence_caption"
                         : image ? "conv2d.image_caption"
                                 : "conv2d.height1_caption"));
    y += line + 4.f + line + 4.f;  // the column labels go in the second line
    Picture p{ImVec2(x + label_w, y), cell, first_col, std::min(cols, g.padded_length - first_col),
              label_w};
    if (conv2d && !comparable) continue;
    v.draw->PushClipRect(ImVec2(x, area_min.y), ImVec2(x + half_w, area_min.y + pictures_h), true);
    DrawInputGrid(v, p, conv2d && image ? "h=" : "c");
    if (conv2d && !image) SeparateChannels(v, p);
    const float frame_start = frame.window_start;
    const int64_t frame_rows = conv2d ? kh : C;
    if (conv2d && image) {  // every position it moves down to (every few when rows are thin)
      const int64_t every =
          std::max<int64_t>(1, static_cast<int64_t>(std::ceil(2.f * kMergeBelowPixels / cell.y)));
      for (int64_t r = 1; r + kh <= C; ++r)
        if (r % every == 0 || r + kh == C) DrawFrame(v, p, frame_start, r, kh, true);
    }
    DrawFrame(v, p, frame_start, 0, frame_rows, false);
    const float grid_bottom = DrawMoveArrows(v, p, frame_start, conv2d && kh < C, half_w);
    y = grid_bottom + line + 10.f;
    DrawOutputUnder(v, conv2d, image, kh, x, y, half_w, label_w, cell);
    v.draw->PopClipRect();
  }
  ImGui::SetCursorScreenPos(ImVec2(area_min.x, area_min.y + drawn_h + style.ItemSpacing.y));
  ImGui::PushFont(reading);
  DrawDifferencesTable(app.i18n, g);
  ImGui::PopFont();
  DrawConv2dFormCode(app, session, kh, frame.fonts.mono);
  EndPanel();
}

}  // namespace convstep::gui
