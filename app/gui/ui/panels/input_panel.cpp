#include "ui/panels/input_panel.h"

#include <algorithm>

#include "model/sentences_input.h"
#include "state/cell_edit.h"
#include "state/practice.h"
#include "ui/draw/cell_blocks.h"
#include "ui/draw/labeled_grid.h"
#include "ui/draw/picked_cell.h"
#include "ui/panels/narrow_grid.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// The real input positions l the current window reads (for the outline), as [first, last].
void WindowSpan(const Frame& frame, int64_t* first, int64_t* last) {
  *first = 0;
  *last = -1;
  if (!frame.step) return;
  bool any = false;
  for (const PaddedCell& cell : frame.step->window_cells) {
    if (cell.kind == CellKind::kZeroPad) continue;
    if (!any || cell.source < *first) *first = cell.source;
    if (!any || cell.source > *last) *last = cell.source;
    any = true;
  }
}

}  // namespace

namespace {

// The width of the row labels: "word 12" / "c12", or the longest token of typed sentences.
float RowLabelWidth(const Session& session, int64_t n, int64_t rows, bool nlc, const char* word) {
  char widest[48];
  if (nlc)
    std::snprintf(widest, sizeof widest, "%s %lld", word, static_cast<long long>(rows - 1));
  else
    std::snprintf(widest, sizeof widest, "c%lld", static_cast<long long>(rows - 1));
  float row_label_w = ImGui::CalcTextSize(widest).x + 10.f;
  char token[48];
  for (int64_t l = 0; nlc && l < rows && l < 512; ++l)  // sentences: the tokens label the rows
    if (TokenLabel(session, n, l, token, sizeof token))
      row_label_w = std::max(row_label_w, ImGui::CalcTextSize(token).x + 10.f);
  return row_label_w;
}

// Each channel's group colour, between the labels and the cells.
void DrawGroupBars(ImDrawList* draw, const LabeledGrid& lg, const Geometry& g, bool nlc) {
  const GridPlacement& grid = lg.grid;
  if (nlc) {
    for (int64_t c = lg.visible.col_begin; c < lg.visible.col_end; ++c)
      draw->AddRectFilled(ImVec2(grid.CellMin(0, c).x, grid.origin.y - 5.f),
                          ImVec2(grid.CellMax(0, c).x, grid.origin.y - 1.f),
                          GroupColor(g.GroupOfIn(c)));
  } else {
    for (int64_t c = lg.visible.row_begin; c < lg.visible.row_end; ++c)
      draw->AddRectFilled(ImVec2(grid.origin.x - 5.f, grid.CellMin(c, 0).y),
                          ImVec2(grid.origin.x - 1.f, grid.CellMax(c, 0).y),
                          GroupColor(g.GroupOfIn(c)));
  }
}

// The cells a student picked for a click-the-cells exercise: a thick teal frame and a dot.
void DrawPickedCells(ImDrawList* draw, const LabeledGrid& lg, const AppState& app,
                     const Geometry& g, int64_t n, bool nlc) {
  const ExerciseState& exercise = app.teach.exercise;
  if (!exercise.current || exercise.current->answer_kind != AnswerKind::kCells) return;
  for (int64_t index : exercise.picked_cells) {
    const int64_t l = index % g.length, c = (index / g.length) % g.in_channels;
    if (index < 0 || index / (g.length * g.in_channels) != n ||
        index >= g.batch * g.in_channels * g.length)
      continue;  // another batch item, or a cell the session no longer has
    const int64_t row = nlc ? l : c, col = nlc ? c : l;
    DrawPickedCell(draw, lg.grid.CellMin(row, col), lg.grid.CellMax(row, col));
  }
}

// The pointer over input cell (hovered_row, hovered_col) of batch item n: hover and pin, a
// double click opens the value editor, a tooltip names the cell. A click on nothing releases.
void HandleInputHover(const Frame& frame, AppState& app, int64_t n, bool nlc, int64_t hovered_row,
                      int64_t hovered_col, bool clicked) {
  const Session& session = *frame.session;
  if (hovered_row < 0 && clicked) app.hover.pinned = HoverTarget{};  // click on nothing: release
  if (hovered_row >= 0) {
    const int64_t l = nlc ? hovered_row : hovered_col;
    const int64_t c = nlc ? hovered_col : hovered_row;
    const bool picking = PickingCells(app);  // an exercise takes the click: pick the cell
    if (picking && clicked) TogglePickedCell(app, InputIndex(session.geometry, n, c, l));
    ReportHover(app.hover, HoverTarget{HoverKind::kInput, n, c, l}, clicked && !picking);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))  // type or drag a new value
      OpenCellEditor(app, CellRef{EditedTensor::kInput, n, hovered_row, hovered_col},
                     ImGui::GetIO().MousePos);
    const float value = session.input_given.at(n, hovered_row, hovered_col);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(TrFormat(app.i18n, nlc ? "input.tooltip_nlc" : "input.tooltip_ncl",
                                    {std::to_string(n), std::to_string(l), std::to_string(c),
                                     FormatValue(value, session.input_style).c_str()})
                               .c_str());
    const HoverTarget target{HoverKind::kInput, n, c, l};
    const size_t uses = ComputeHighlight(session, target, frame.coord).output.size();
    MutedText(TrFormat(app.i18n, "input.tooltip_uses", {std::to_string(uses)}).c_str());
    ImGui::EndTooltip();
  }
}

// The row and column labels: words (or their tokens) and channels, or channels and positions;
// the column labels `lift` pixels higher, above the batch's card stack.
void DrawInputLabels(ImDrawList* draw, const LabeledGrid& lg, const Session& session, int64_t n,
                     bool nlc, const char* word, int64_t hovered_row, int64_t hovered_col,
                     float lift) {
  DrawGridLabels(
      draw, lg,
      [&](int64_t i, char* buf, size_t size) {
        if (nlc && TokenLabel(session, n, i, buf, size)) return;
        if (nlc)
          std::snprintf(buf, size, "%s %lld", word, static_cast<long long>(i));
        else
          std::snprintf(buf, size, "c%lld", static_cast<long long>(i));
      },
      [&](int64_t j, char* buf, size_t size) {
        if (nlc)
          std::snprintf(buf, size, "c%lld", static_cast<long long>(j));
        else
          std::snprintf(buf, size, "%lld", static_cast<long long>(j));
      },
      hovered_row, hovered_col, lift);
}

// Zoomed out: blocks of cells, each drawn as the mean of its cells.
void DrawMeanBlocks(ImDrawList* draw, const LabeledGrid& lg, const CellMerge& merge,
                    const Session& session, int64_t n, ColorMap colormap) {
  ForEachBlock(lg.grid, merge.merged() ? lg.visible : CellRange{}, merge,
               [&](const CellBlock& block) {
                 double sum = 0.0;
                 for (int64_t r = block.row_begin; r < block.row_end; ++r)
                   for (int64_t col = block.col_begin; col < block.col_end; ++col)
                     sum += session.input_given.at(n, r, col);
                 const double count = static_cast<double>((block.row_end - block.row_begin) *
                                                          (block.col_end - block.col_begin));
                 CellLook look;
                 look.colormap = colormap;
                 DrawValueCell(draw, BlockMin(lg.grid, block), BlockMax(lg.grid, block),
                               static_cast<float>(sum / count), session.input_style.abs_max,
                               session.input_style, look);
               });
}

// The rectangle of the rows (NLC) or columns (NCL) from `first` to `last` in the canvas: the
// part the canvas keeps in view while the window slides.
void WindowSpanRect(int64_t first, int64_t last, bool nlc, float top, float row_label_w,
                    ImVec2 cell, ImVec2 content, ImVec2* focus_min, ImVec2* focus_max) {
  const float a = static_cast<float>(first), b = static_cast<float>(last + 1);
  *focus_min = nlc ? ImVec2(0.f, top + a * cell.y) : ImVec2(row_label_w + a * cell.x, 0.f);
  *focus_max =
      nlc ? ImVec2(content.x, top + b * cell.y) : ImVec2(row_label_w + b * cell.x, content.y);
}

}  // namespace

void DrawInputPanel(const Frame& frame, AppState& app) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const bool nlc = session.recipe.layout == InputLayout::kNLC;
  const std::string shape =
      ShapeText(session.input_given.shape) + (nlc ? "  (N, L, C)" : "  (N, C, L)");
  if (!BeginPanel(PanelLabel(app.i18n, "panel.input", shape).c_str(), frame.layout.input)) {
    EndPanel();
    return;
  }
  const int64_t n = std::min(frame.coord.n, std::max<int64_t>(0, g.batch - 1));
  DrawBatchCards(frame, app, "input_cards", n, nullptr);
  if (g.batch == 0) {
    MutedText(Tr(app.i18n, "batch.empty"));
    EndPanel();
    return;
  }

  // NLC: rows are words (l), columns are components (c). NCL: rows c, columns l.
  const int64_t rows = nlc ? g.length : g.in_channels;
  const int64_t cols = nlc ? g.in_channels : g.length;
  CanvasView& view = app.canvases.input;
  const ImVec2 natural = ValueCellSize(session.input_style);
  const float line = ImGui::GetTextLineHeight();
  const char* word = Tr(app.i18n, "axis.word_short");
  const float row_label_w = RowLabelWidth(session, n, rows, nlc, word);
  // The other batch items as a stack of cards behind the grid: shallower in a narrow panel.
  const CardStack wanted{std::min<int64_t>(g.batch - 1, 4),
                         std::min<float>(6.f, natural.y * 0.25f)};
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 fitted = FittedCell(
      natural, rows, cols, avail,
      ImVec2(row_label_w + wanted.Depth() + 2.f, line + 6.f + wanted.Depth()), view.zoom);
  const NarrowGrid fit = FitNarrowGrid(fitted, natural, TightCellWidth(session.input_style), cols,
                                       row_label_w, avail.x, wanted);
  const ImVec2 cell = fit.cell;
  const float stack = fit.stack.offset;
  const float depth = fit.stack.Depth();
  const ImVec2 content = LabeledGridContent(rows, cols, cell, row_label_w, line + 6.f + depth,
                                            ImVec2(depth + 2.f, 2.f));
  int64_t first = 0, last = -1;
  WindowSpan(frame, &first, &last);
  ImVec2 focus_min(0, 0), focus_max(0, 0);
  if (last >= first)
    WindowSpanRect(first, last, nlc, line + 6.f + depth, row_label_w, cell, content, &focus_min,
                   &focus_max);
  const CanvasFrame canvas = BeginCanvas("input_canvas", view, ImGui::GetContentRegionAvail(),
                                         content, last >= first ? &focus_min : nullptr, &focus_max);
  const LabeledGrid lg = PlaceLabeledGrid(canvas, rows, cols, cell, 1.f, row_label_w,
                                          line + 6.f + depth, ImVec2(0.f, 0.f));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 grid_max(lg.grid.origin.x + lg.grid.Size().x, lg.grid.origin.y + lg.grid.Size().y);
  DrawCardStack(draw, ImVec2(lg.grid.origin.x - 2.f, lg.grid.origin.y - 2.f),
                ImVec2(grid_max.x + 1.f, grid_max.y + 1.f),
                std::min(g.batch - 1 - n, fit.stack.cards), stack);
  const CellText text =
      NarrowCellText(fit, session.input_style, frame.fonts, app.view.show_numbers);
  const Highlight& highlight = *frame.highlight;
  const TapState* tap = frame.step && !frame.step->taps.empty() && !frame.step->window_complete
                            ? &frame.step->taps[static_cast<size_t>(frame.step->coord.tap)]
                            : nullptr;
  const int64_t group = frame.step ? frame.step->group : 0;
  int64_t hovered_row = -1, hovered_col = -1;
  if (canvas.hovered && ImGui::IsMouseHoveringRect(lg.cells_min, lg.cells_max))
    CellAt(lg.grid, ImGui::GetIO().MousePos, &hovered_row, &hovered_col);

  // The outlines: per cell, or with many cells in view one per block of cells.
  const bool blocks =
      (lg.visible.row_end - lg.visible.row_begin) * (lg.visible.col_end - lg.visible.col_begin) >
      kPerCellMarksMaxCells;
  auto in_window = [&](int64_t r, int64_t col) {
    const int64_t l = nlc ? r : col, c = nlc ? col : r;
    return frame.step && l >= first && l <= last && g.GroupOfIn(c) == group &&
           WindowReads(*frame.step, l);
  };
  auto lit = [&](int64_t r, int64_t col) {
    const int64_t l = nlc ? r : col, c = nlc ? col : r;
    return highlight.active() && highlight.n == n && highlight.HasInput(InputIndex(g, n, c, l));
  };
  const CellMerge merge = ChooseCellMerge(cell, lg.visible);
  draw->PushClipRect(lg.cells_min, lg.cells_max, true);
  DrawMeanBlocks(draw, lg, merge, session, n, frame.colormap);
  for (int64_t r = lg.visible.row_begin; r < lg.visible.row_end && !merge.merged(); ++r) {
    for (int64_t col = lg.visible.col_begin; col < lg.visible.col_end; ++col) {
      const int64_t l = nlc ? r : col;
      const int64_t c = nlc ? col : r;
      const float value = session.input_given.at(n, r, col);
      const bool is_tap = tap && tap->cell.kind != CellKind::kZeroPad && tap->cell.source == l &&
                          tap->in_channel == c;
      const Outline outline = blocks ? CellOutline(false, is_tap, false, cell.y)
                                     : CellOutline(lit(r, col), is_tap, in_window(r, col), cell.y);
      CellLook look;
      look.colormap = frame.colormap;
      look.text = text;
      look.outline = outline.color;
      look.outline_thickness = outline.thickness;
      DrawValueCell(draw, lg.grid.CellMin(r, col), lg.grid.CellMax(r, col), value,
                    session.input_style.abs_max, session.input_style, look);
    }
  }
  if (merge.merged()) {
    const float block_h = cell.y * static_cast<float>(merge.rows);
    OutlineLitBlocks(draw, lg.grid, lg.visible, merge, in_window, Palette::kKernelFrame,
                     CellOutline(false, false, true, block_h).thickness);
    if (highlight.active())
      OutlineLitBlocks(draw, lg.grid, lg.visible, merge, lit, Palette::kHighlight,
                       CellOutline(true, false, false, block_h).thickness);
    if (tap && tap->cell.kind != CellKind::kZeroPad)
      OutlineBlockOf(draw, lg.grid, merge, nlc ? tap->cell.source : tap->in_channel,
                     nlc ? tap->in_channel : tap->cell.source, Palette::kCurrentTap,
                     CellOutline(false, true, false, block_h).thickness);
  } else if (blocks) {
    OutlineCellBlocks(draw, lg.grid, lg.visible, in_window, Palette::kKernelFrame,
                      CellOutline(false, false, true, cell.y).thickness);
    if (highlight.active())
      OutlineCellBlocks(draw, lg.grid, lg.visible, lit, Palette::kHighlight,
                        CellOutline(true, false, false, cell.y).thickness);
  }
  DrawPickedCells(draw, lg, app, g, n, nlc);
  draw->PopClipRect();
  if (g.groups > 1) DrawGroupBars(draw, lg, g, nlc);
  DrawInputLabels(draw, lg, session, n, nlc, word, hovered_row, hovered_col, depth);
  DrawAxisCaption(draw, CornerCaptionPos(lg),
                  nlc ? Tr(app.i18n, "axis.l_by_c") : Tr(app.i18n, "axis.c_by_l"));

  HandleInputHover(frame, app, n, nlc, hovered_row, hovered_col, canvas.clicked);
  EndCanvas(canvas, view, Tr(app.i18n, "canvas.follow"));
  EndPanel();
}

}  // namespace convstep::gui
