#include "ui/panels/matmul_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/matmul_view.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

constexpr ImU32 kBlockZero = IM_COL32(236, 236, 236, 255);  ///< W's zeros outside the blocks

// The cells of one axis in view: [first, first + count) of `total`, around `current`.
struct AxisWindow {
  int64_t first = 0;
  int64_t count = 0;
};

AxisWindow WindowAround(int64_t total, int64_t current, int64_t fit) {
  const int64_t count = std::clamp<int64_t>(fit, 1, std::max<int64_t>(1, total));
  const int64_t first = std::clamp<int64_t>(current - count / 3, 0, total - count);
  return AxisWindow{first, count};
}

// Everything one frame of this view shares: the indices of the current step and where the
// three matrices sit.
struct MatmulView {
  MatmulView(const Frame& f, const AppState& a, ImDrawList* d)
      : frame(f), app(a), session(*f.session), g(f.session->geometry), draw(d) {}
  const Frame& frame;
  const AppState& app;
  const Session& session;
  const Geometry& g;
  ImDrawList* draw;
  int64_t n = 0, o = 0, t = 0, row = 0;  ///< current batch item, W row, cols column, tap row
  int64_t outputs_done = 0;              ///< outputs finished, in (n, o, t) order
  ImVec2 cell{0, 0};                     ///< one cell, gap included
  AxisWindow rows_ck, rows_o, cols_t;    ///< the (c, k) axis, the O axis, the L_out axis
  ImVec2 w_origin{0, 0}, cols_origin{0, 0}, y_origin{0, 0};
  CellText weight_text, input_text, output_text;
};

ImVec2 At(const MatmulView& v, ImVec2 origin, int64_t row, int64_t col, int64_t first_row,
          int64_t first_col) {
  return ImVec2(origin.x + v.cell.x * static_cast<float>(col - first_col),
                origin.y + v.cell.y * static_cast<float>(row - first_row));
}

ImVec2 CellEnd(const MatmulView& v, ImVec2 min) {
  return ImVec2(min.x + v.cell.x - 1.f, min.y + v.cell.y - 1.f);
}

// "c0,k1": the channel and tap of an unfolded row.
std::string RowLabel(const Geometry& g, int64_t row) {
  const UnfoldedRow r = UnfoldedRowOf(g, row);
  return "c" + std::to_string(r.in_channel) + ",k" + std::to_string(r.k);
}

void Outline(const MatmulView& v, ImVec2 min, ImVec2 max, ImU32 color, float thickness) {
  v.draw->AddRect(ImVec2(min.x - 1.5f, min.y - 1.5f), ImVec2(max.x + 1.5f, max.y + 1.5f), color,
                  2.f, 0, thickness);
}

// W [O, C·k]: the kernels as rows; with groups, zeros outside each group's block.
void DrawWeightMatrix(const MatmulView& v) {
  for (int64_t o = v.rows_o.first; o < v.rows_o.first + v.rows_o.count; ++o) {
    for (int64_t r = v.rows_ck.first; r < v.rows_ck.first + v.rows_ck.count; ++r) {
      const ImVec2 a = At(v, v.w_origin, o, r, v.rows_o.first, v.rows_ck.first);
      const ImVec2 b = CellEnd(v, a);
      if (!InWeightBlock(v.g, o, r)) {
        v.draw->AddRectFilled(a, b, kBlockZero);
        if (v.weight_text.visible())
          DrawCenteredText(v.draw, a, b, Palette::kPendingText, "0", v.weight_text);
        continue;
      }
      CellLook look;
      look.colormap = v.frame.colormap;
      look.text = v.weight_text;
      DrawValueCell(v.draw, a, b, WeightMatrixValue(v.session, o, r),
                    v.session.weight_style.abs_max, v.session.weight_style, look);
    }
  }
  if (v.g.groups > 1) {  // each group's block, in its group colour
    for (int64_t group = 0; group < v.g.groups; ++group) {
      const int64_t o0 = std::max(group * v.g.out_per_group, v.rows_o.first);
      const int64_t o1 = std::min((group + 1) * v.g.out_per_group, v.rows_o.first + v.rows_o.count);
      const int64_t ck = v.g.in_per_group * v.g.kernel_size;
      const int64_t r0 = std::max(group * ck, v.rows_ck.first);
      const int64_t r1 = std::min((group + 1) * ck, v.rows_ck.first + v.rows_ck.count);
      if (o0 >= o1 || r0 >= r1) continue;
      const ImVec2 a = At(v, v.w_origin, o0, r0, v.rows_o.first, v.rows_ck.first);
      const ImVec2 b = At(v, v.w_origin, o1, r1, v.rows_o.first, v.rows_ck.first);
      v.draw->AddRect(a, ImVec2(b.x - 1.f, b.y - 1.f), GroupColor(group), 0.f, 0, 2.f);
    }
  }
}

// cols [C·k, L_out]: column t is the window of output position t.
void DrawUnfoldedInput(const MatmulView& v) {
  for (int64_t r = v.rows_ck.first; r < v.rows_ck.first + v.rows_ck.count; ++r) {
    for (int64_t t = v.cols_t.first; t < v.cols_t.first + v.cols_t.count; ++t) {
      const PaddedCell source = SourceOf(v.g, UnfoldedPaddedPos(v.g, r, t));
      CellLook look;
      look.colormap = v.frame.colormap;
      look.text = v.input_text;
      look.zero_padding = source.kind == CellKind::kZeroPad;
      look.ghost = source.kind == CellKind::kGhost;
      const ImVec2 a = At(v, v.cols_origin, r, t, v.rows_ck.first, v.cols_t.first);
      DrawValueCell(v.draw, a, CellEnd(v, a), UnfoldedValue(v.session, v.n, r, t),
                    v.session.input_style.abs_max, v.session.input_style, look);
    }
  }
}

// y[n] [O, L_out]: finished outputs in colour, the ones still to come dashed.
void DrawOutputMatrix(const MatmulView& v) {
  for (int64_t o = v.rows_o.first; o < v.rows_o.first + v.rows_o.count; ++o) {
    for (int64_t t = v.cols_t.first; t < v.cols_t.first + v.cols_t.count; ++t) {
      const int64_t index = OutputIndexOf(v.g, v.n, o, t);
      CellLook look;
      look.colormap = v.frame.colormap;
      look.text = v.output_text;
      look.empty = index >= v.outputs_done && !(o == v.o && t == v.t);
      const ImVec2 a = At(v, v.y_origin, o, t, v.rows_o.first, v.cols_t.first);
      DrawValueCell(v.draw, a, CellEnd(v, a), v.session.output.data[static_cast<size_t>(index)],
                    v.session.output_style.abs_max, v.session.output_style, look);
    }
  }
}

// The current row of W, column of cols and output cell; the current tap in W and cols.
void DrawStepFrames(const MatmulView& v) {
  const int64_t ck_end = v.rows_ck.first + v.rows_ck.count;
  const ImVec2 w_row = At(v, v.w_origin, v.o, v.rows_ck.first, v.rows_o.first, v.rows_ck.first);
  const ImVec2 w_end = At(v, v.w_origin, v.o, ck_end - 1, v.rows_o.first, v.rows_ck.first);
  Outline(v, w_row, CellEnd(v, w_end), Palette::kKernelFrame, 2.5f);
  const ImVec2 col = At(v, v.cols_origin, v.rows_ck.first, v.t, v.rows_ck.first, v.cols_t.first);
  const ImVec2 col_end = At(v, v.cols_origin, ck_end - 1, v.t, v.rows_ck.first, v.cols_t.first);
  Outline(v, col, CellEnd(v, col_end), Palette::kKernelFrame, 2.5f);
  const ImVec2 y = At(v, v.y_origin, v.o, v.t, v.rows_o.first, v.cols_t.first);
  Outline(v, y, CellEnd(v, y), Palette::kCurrentTap, 3.f);
  // The tap's two factors, and guides from each to the output cell they feed.
  const ImVec2 w_tap = At(v, v.w_origin, v.o, v.row, v.rows_o.first, v.rows_ck.first);
  const ImVec2 c_tap = At(v, v.cols_origin, v.row, v.t, v.rows_ck.first, v.cols_t.first);
  Outline(v, w_tap, CellEnd(v, w_tap), Palette::kCurrentTap, 3.5f);
  Outline(v, c_tap, CellEnd(v, c_tap), Palette::kCurrentTap, 3.5f);
  const ImU32 guide = WithAlpha(Palette::kCurrentTap, 0.35f);
  const float half_w = v.cell.x * 0.5f, half_h = v.cell.y * 0.5f;
  v.draw->AddLine(ImVec2(w_tap.x + v.cell.x, w_tap.y + half_h), ImVec2(y.x, y.y + half_h), guide,
                  1.5f);
  v.draw->AddLine(ImVec2(c_tap.x + half_w, c_tap.y + v.cell.y), ImVec2(y.x + half_w, y.y), guide,
                  1.5f);
}

// Labels: (c, k) beside cols' rows and under W's columns, o beside W's rows, t over cols.
void DrawLabels(const MatmulView& v) {
  const float line = ImGui::GetTextLineHeight();
  const int64_t every = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(line / v.cell.y)));
  for (int64_t r = v.rows_ck.first; r < v.rows_ck.first + v.rows_ck.count; r += every) {
    const std::string label = RowLabel(v.g, r);
    const ImVec2 a = At(v, v.cols_origin, r, v.cols_t.first, v.rows_ck.first, v.cols_t.first);
    const ImU32 color = r == v.row ? Palette::kCurrentTap : Palette::kMutedText;
    v.draw->AddText(
        ImVec2(a.x - ImGui::CalcTextSize(label.c_str()).x - 6.f, a.y + (v.cell.y - line) * 0.5f),
        color, label.c_str());
  }
  for (int64_t o = v.rows_o.first; o < v.rows_o.first + v.rows_o.count; o += every) {
    const std::string label = "o" + std::to_string(o);
    const ImVec2 a = At(v, v.w_origin, o, v.rows_ck.first, v.rows_o.first, v.rows_ck.first);
    v.draw->AddText(
        ImVec2(a.x - ImGui::CalcTextSize(label.c_str()).x - 6.f, a.y + (v.cell.y - line) * 0.5f),
        o == v.o ? Palette::kCurrentTap : Palette::kMutedText, label.c_str());
  }
  const int64_t col_every = std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(ImGui::CalcTextSize("c00,k0").x / v.cell.x)));
  const float w_bottom = v.w_origin.y + v.cell.y * static_cast<float>(v.rows_o.count) + 3.f;
  for (int64_t r = v.rows_ck.first; r < v.rows_ck.first + v.rows_ck.count; r += col_every) {
    const std::string label = RowLabel(v.g, r);
    const ImVec2 a = At(v, v.w_origin, v.rows_o.first, r, v.rows_o.first, v.rows_ck.first);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    v.draw->AddText(ImVec2(std::floor(a.x + (v.cell.x - w) * 0.5f), w_bottom),
                    r == v.row ? Palette::kCurrentTap : Palette::kMutedText, label.c_str());
  }
  const int64_t t_every = std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(ImGui::CalcTextSize("t=00").x / v.cell.x)));
  for (int64_t t = v.cols_t.first; t < v.cols_t.first + v.cols_t.count; t += t_every) {
    const std::string label = "t=" + std::to_string(t);
    const ImVec2 a = At(v, v.cols_origin, v.rows_ck.first, t, v.rows_ck.first, v.cols_t.first);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    v.draw->AddText(ImVec2(std::floor(a.x + (v.cell.x - w) * 0.5f), a.y - line - 3.f),
                    t == v.t ? Palette::kCurrentTap : Palette::kMutedText, label.c_str());
  }
}

// The sentences over the picture: the matrix form, the current step, the current column.
void DrawExplanation(const MatmulView& v) {
  const I18n& i18n = v.app.i18n;
  const Geometry& g = v.g;
  const int64_t ck = UnfoldedRowCount(g);
  const std::string out_channels = std::to_string(g.out_channels);
  std::string form = "cols = unfold(x[" + std::to_string(v.n) + "]) " +
                     ShapeText({ck, g.out_length}) + "    W = conv.weight.view(" + out_channels +
                     ", " + std::to_string(g.taps) + ")" +
                     (g.groups > 1 ? " → " + ShapeText({g.out_channels, ck}) : "") + "    y[" +
                     std::to_string(v.n) + "] = W @ cols" + (g.has_bias ? " + bias" : "") + " " +
                     ShapeText({g.out_channels, g.out_length});
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kKernelFrame));
  TextWrappedCjk(form.c_str());
  ImGui::PopStyleColor();
  const UnfoldedRow r = UnfoldedRowOf(g, v.row);
  TextWrappedCjk(TrFormat(i18n, "matmul.step",
                          {std::to_string(v.n), std::to_string(v.o), std::to_string(v.t),
                           g.has_bias ? " + bias" : "", std::to_string(r.in_channel),
                           std::to_string(r.k), std::to_string(v.row), std::to_string(g.taps)})
                     .c_str());
  TextWrappedCjk(TrFormat(i18n, "matmul.column",
                          {std::to_string(v.t), std::to_string(v.n), WindowPositionFormula(g),
                           WindowInputPositions(g, v.t, Tr(i18n, "window.pad_label")),
                           std::to_string(g.length - 1)})
                     .c_str());
  if (g.groups > 1)
    MutedText(TrFormat(i18n, "matmul.groups",
                       {std::to_string(g.groups), std::to_string(g.taps), std::to_string(ck)})
                  .c_str());
}

// Cell size and the cells in view: everything when it fits at a readable size, else a window
// of each axis around the current step.
void PlaceMatrices(MatmulView& v, ImVec2 min, ImVec2 avail, float label_w) {
  const Geometry& g = v.g;
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 natural = ValueCellSize(v.session.input_style);
  const float gap = std::max(12.f, natural.x * 0.4f);
  const float fixed_w = label_w + gap + 8.f;
  const float fixed_h = line * 3.f + gap + 12.f;
  const int64_t ck = UnfoldedRowCount(g);
  const float room_w = std::max(1.f, avail.x - fixed_w);
  const float room_h = std::max(1.f, avail.y - fixed_h);
  const float across = static_cast<float>(ck + g.out_length);
  const float down = static_cast<float>(ck + g.out_channels);
  float scale = std::min({room_w / (across * natural.x), room_h / (down * natural.y), kMaxFit});
  scale = std::max(scale, 0.45f);
  v.cell = ImVec2(std::floor(natural.x * scale), std::floor(natural.y * scale));
  const int64_t fit_w = static_cast<int64_t>(room_w / v.cell.x);
  const int64_t fit_h = static_cast<int64_t>(room_h / v.cell.y);
  // Share the room in proportion when it does not hold everything.
  const int64_t ck_w = std::max<int64_t>(
      1, fit_w >= ck + g.out_length
             ? ck
             : static_cast<int64_t>(static_cast<float>(fit_w) * static_cast<float>(ck) / across));
  const int64_t ck_h = std::max<int64_t>(
      1, fit_h >= ck + g.out_channels
             ? ck
             : static_cast<int64_t>(static_cast<float>(fit_h) * static_cast<float>(ck) / down));
  v.rows_ck = WindowAround(ck, v.row, std::min(ck_w, ck_h));
  v.cols_t = WindowAround(g.out_length, v.t, std::max<int64_t>(1, fit_w - v.rows_ck.count));
  v.rows_o = WindowAround(g.out_channels, v.o, std::max<int64_t>(1, fit_h - v.rows_ck.count));
  const float top = min.y + line + 4.f;  // the t labels
  v.cols_origin =
      ImVec2(min.x + label_w + v.cell.x * static_cast<float>(v.rows_ck.count) + gap, top);
  v.w_origin = ImVec2(min.x + label_w, top + v.cell.y * static_cast<float>(v.rows_ck.count) + gap);
  v.y_origin = ImVec2(v.cols_origin.x, v.w_origin.y);
}

// Captions naming the three matrices: W under its column labels, cols at the top left, y
// under y.
void DrawCaptions(const MatmulView& v, float label_w) {
  const float line = ImGui::GetTextLineHeight();
  const Geometry& g = v.g;
  const std::string w_caption = "W " + ShapeText({g.out_channels, UnfoldedRowCount(g)});
  const float below = v.w_origin.y + v.cell.y * static_cast<float>(v.rows_o.count) + line + 8.f;
  v.draw->AddText(ImVec2(v.w_origin.x, below), Palette::kKernelFrame, w_caption.c_str());
  const std::string y_caption = "y[" + std::to_string(v.n) + "] = W @ cols " +
                                ShapeText({g.out_channels, g.out_length}) + "  (" +
                                Tr(v.app.i18n, "matmul.same_as_conv") + ")";
  v.draw->AddText(ImVec2(v.y_origin.x, below), Palette::kKernelFrame, y_caption.c_str());
  const std::string cols_caption = "cols " + ShapeText({UnfoldedRowCount(g), g.out_length});
  v.draw->AddText(ImVec2(v.w_origin.x - label_w + 2.f, v.cols_origin.y - line - 3.f),
                  Palette::kKernelFrame, cols_caption.c_str());
}

}  // namespace

void DrawMatmulPanel(const Frame& frame, AppState& app) {
  if (!BeginPanel(Label(app.i18n, "tab.matmul").c_str(), frame.layout.matmul)) {
    EndPanel();
    return;
  }
  ScaleViewText(app.present.on && app.present.region.empty());
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  if (g.batch == 0 || g.out_length == 0 || g.out_channels == 0 || g.kernel_size == 0 ||
      g.in_channels == 0 || session.output.data.empty()) {
    MutedText(Tr(app.i18n, "window.nothing"));
    EndPanel();
    return;
  }
  MatmulView v(frame, app, ImGui::GetWindowDrawList());
  v.n = std::clamp<int64_t>(frame.coord.n, 0, g.batch - 1);
  v.o = std::clamp<int64_t>(frame.coord.out_channel, 0, g.out_channels - 1);
  v.t = std::clamp<int64_t>(frame.coord.t, 0, g.out_length - 1);
  v.row =
      std::clamp<int64_t>(UnfoldedRowOfTap(g, v.o, frame.coord.tap), 0, UnfoldedRowCount(g) - 1);
  v.outputs_done = frame.step ? frame.step->outputs_done : 0;
  DrawExplanation(v);

  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const std::string widest = RowLabel(g, UnfoldedRowCount(g) - 1);
  const float label_w =
      std::max(ImGui::CalcTextSize(widest.c_str()).x,
               ImGui::CalcTextSize(("o" + std::to_string(g.out_channels)).c_str()).x) +
      10.f;
  PlaceMatrices(v, min, avail, label_w);
  v.weight_text = ChooseCellText(v.cell, session.weight_style, frame.fonts, app.view.show_numbers);
  v.input_text = ChooseCellText(v.cell, session.input_style, frame.fonts, app.view.show_numbers);
  v.output_text = ChooseCellText(v.cell, session.output_style, frame.fonts, app.view.show_numbers);
  // The matrices and their captions at their smallest readable size may need more height than
  // is left under the explanation (a large text scale): the panel scrolls to them.
  const float line = ImGui::GetTextLineHeight();
  const float drawn_h =
      v.w_origin.y + v.cell.y * static_cast<float>(v.rows_o.count) + line * 2.f + 8.f - min.y;
  const float height = std::max(avail.y, drawn_h);
  v.draw->PushClipRect(min, ImVec2(min.x + avail.x, min.y + height), true);
  DrawWeightMatrix(v);
  DrawUnfoldedInput(v);
  DrawOutputMatrix(v);
  DrawStepFrames(v);
  DrawLabels(v);
  DrawCaptions(v, label_w);
  v.draw->PopClipRect();
  ImGui::Dummy(ImVec2(avail.x, height));
  EndPanel();
}

}  // namespace convstep::gui
