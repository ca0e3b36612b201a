#include "ui/panels/dot_product_panel.h"

#include <algorithm>
#include <cmath>

#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

std::string InputLabel(const TapState& tap, const I18n& i18n) {
  char text[64];
  if (tap.cell.kind == CellKind::kZeroPad)
    std::snprintf(text, sizeof text, "%s[%lld]", Tr(i18n, "dot.pad"),
                  static_cast<long long>(tap.padded_pos));
  else
    std::snprintf(text, sizeof text, "x[%lld, %lld]%s", static_cast<long long>(tap.in_channel),
                  static_cast<long long>(tap.cell.source),
                  tap.cell.kind == CellKind::kGhost ? "*" : "");
  return text;
}

std::string WeightLabel(int64_t o, const TapState& tap) {
  char text[64];
  std::snprintf(text, sizeof text, "w[%lld, %lld, %lld]", static_cast<long long>(o),
                static_cast<long long>(tap.channel_in_group), static_cast<long long>(tap.k));
  return text;
}

// The summary under the table: Σ, + bias, = y.
void DrawSummary(const Frame& frame, const AppState& app) {
  const Session& session = *frame.session;
  const StepState& step = *frame.step;
  const TapCoord& at = step.coord;
  const TapState& last = step.taps[static_cast<size_t>(at.tap)];
  const NumberStyle& out_style = session.output_style;
  ImGui::PushFont(frame.fonts.mono);
  ImGui::Text("Σ  = %s", FormatValue(last.running_sum, out_style).c_str());
  if (step.has_bias) {
    ImGui::Text("+ b[%lld] = %s", static_cast<long long>(at.out_channel),
                FormatValue(step.bias, session.weight_style).c_str());
  }
  ImGui::PopFont();
  if (!step.has_bias) MutedText(Tr(app.i18n, "dot.no_bias"));
  char target[96];
  std::snprintf(target, sizeof target, "y[%lld, %lld, %lld]", static_cast<long long>(at.n),
                static_cast<long long>(at.out_channel), static_cast<long long>(at.t));
  if (step.window_complete) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushFont(frame.fonts.bold);
    const std::string text =
        std::string("= ") + target + " = " + FormatValue(step.output, out_style).c_str();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImU32 fill = DivergingColor(step.output, out_style.abs_max, frame.colormap);
    draw->AddRectFilled(ImVec2(pos.x - 2.f, pos.y - 2.f),
                        ImVec2(pos.x + size.x + 8.f, pos.y + size.y + 4.f), fill, 4.f);
    draw->AddRect(ImVec2(pos.x - 2.f, pos.y - 2.f),
                  ImVec2(pos.x + size.x + 8.f, pos.y + size.y + 4.f), Palette::kKernelFrame, 4.f, 0,
                  2.f);
    draw->AddText(ImVec2(pos.x + 3.f, pos.y + 1.f), TextColorOn(fill), text.c_str());
    ImGui::Dummy(ImVec2(size.x + 10.f, size.y + 6.f));
    ImGui::PopFont();
    if (!app.present.on)
      MutedText(
          TrFormat(app.i18n, "dot.torch_value", {FormatPrecise(step.output).c_str()}).c_str());
  } else {
    ImGui::PushFont(frame.fonts.bold);
    ImGui::TextUnformatted((std::string("= ") + target + " = …").c_str());
    ImGui::PopFont();
    if (!app.present.on)
      MutedText(TrFormat(app.i18n, "dot.so_far",
                         {std::to_string(step.taps_done), std::to_string(step.taps.size())})
                    .c_str());
  }
}

// A table cell's text, or only its space when the table's clip would cut it: a number half
// scrolled out of a narrow table ("-0.009" of -0.0093) would read as another number.
void WholeText(const char* text) {
  const ImVec2 pos = ImGui::GetCursorScreenPos(), size = ImGui::CalcTextSize(text);
  if (InsideClipRect(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + size.x, pos.y + size.y)))
    ImGui::TextUnformatted(text);
  else
    ImGui::Dummy(size);
}

// One row of the taps table: its input and weight (named when `wide`, "c k" when `narrow`),
// the product and the running sum; hovering the row lights the tap's cells everywhere.
void DrawTapRow(const Session& session, AppState& app, int64_t out_channel, const TapState& tap,
                int row, bool is_current, bool wide, bool narrow) {
  const Geometry& g = session.geometry;
  ImGui::TableNextRow();
  if (is_current) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, Palette::kCurrentRow);
  const ImU32 text = tap.done ? Palette::kText : Palette::kPendingText;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(text));
  int col = 0;
  ImGui::TableSetColumnIndex(col++);
  // An invisible selectable spanning the row: hovering it lights the tap's cells.
  ImGui::PushID(row);
  ImGui::Selectable("##tap", false,
                    ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
  const bool row_hovered = ImGui::IsItemHovered();
  const bool row_clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  ImGui::PopID();
  ImGui::SameLine(0.f, 0.f);
  if (tap.cell.kind == CellKind::kZeroPad)  // padding reads as padding, not as a 0
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kPaddingText));
  ImGui::TextUnformatted(TapPositionLabel(tap, g, app.i18n).c_str());
  if (tap.cell.kind == CellKind::kZeroPad) ImGui::PopStyleColor();
  ImGui::TableSetColumnIndex(col++);
  if (wide || narrow) {
    if (wide) {
      ImGui::TextUnformatted(InputLabel(tap, app.i18n).c_str());
    } else {
      ImGui::Text("c%lld k%lld", static_cast<long long>(tap.in_channel),
                  static_cast<long long>(tap.k));
    }
    ImGui::TableSetColumnIndex(col++);
  }
  WholeText(FormatValue(tap.x, session.input_style).c_str());
  if (wide) {
    ImGui::TableSetColumnIndex(col++);
    ImGui::TextUnformatted(WeightLabel(out_channel, tap).c_str());
  }
  ImGui::TableSetColumnIndex(col++);
  WholeText((std::string("× ") + FormatValue(tap.w, session.weight_style).c_str()).c_str());
  ImGui::TableSetColumnIndex(col++);
  if (tap.done)
    WholeText((std::string("= ") + FormatValue(tap.product, session.output_style).c_str()).c_str());
  ImGui::TableSetColumnIndex(col++);
  if (tap.done) WholeText(FormatValue(tap.running_sum, session.output_style).c_str());
  ImGui::PopStyleColor();
  if (row_hovered && tap.done)  // the digits the table rounds away, for checking the sum by hand
    ImGui::SetTooltip(
        "%s", TrFormat(app.i18n, "dot.precise_row",
                       {FormatPrecise(tap.product).c_str(), FormatPrecise(tap.running_sum).c_str()})
                  .c_str());
  if (row_hovered)
    ReportHover(app.hover,
                HoverTarget{HoverKind::kWeight, out_channel, tap.channel_in_group, tap.k},
                row_clicked);
}

// How much larger than the UI text the table and its sum can be drawn in `avail` (1 to 1.5),
// with the short "c0 k1" names: on a lesson's stage the products are read from afar.
float TableTextScale(const FontSet& fonts, const Session& session, const StepState& step,
                     ImVec2 avail) {
  ImGui::PushFont(fonts.mono);
  auto width = [](const char* text) { return ImGui::CalcTextSize(text).x; };
  const float pad = ImGui::GetStyle().CellPadding.x * 2.f + 1.f;
  const float need_w = width("-00 pad") + width("c00 k0") +
                       width(WidestValueText(session.input_style)) + width("× ") +
                       width(WidestValueText(session.weight_style)) + width("= ") +
                       2.f * width(WidestValueText(session.output_style)) + pad * 6.f +
                       ImGui::GetStyle().ScrollbarSize;
  const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.f;
  ImGui::PopFont();
  const float need_h = row_h * static_cast<float>(step.taps.size() + 1) + 4.f +
                       ImGui::GetTextLineHeightWithSpacing() * 4.6f + 8.f;
  return std::clamp(std::min(avail.x / need_w, avail.y / need_h), 1.f, 1.5f);
}

}  // namespace

std::string TapPositionLabel(const TapState& tap, const Geometry& g, const I18n& i18n) {
  const long long l = static_cast<long long>(tap.padded_pos - g.pad_left);
  char text[64];
  if (tap.cell.kind == CellKind::kZeroPad)
    std::snprintf(text, sizeof text, "%lld %s", l, Tr(i18n, "dot.pad"));
  else if (tap.cell.kind == CellKind::kGhost)
    std::snprintf(text, sizeof text, "%lld→%lld", l, static_cast<long long>(tap.cell.source));
  else
    std::snprintf(text, sizeof text, "%lld", l);
  return text;
}

void DrawDotProductPanel(const Frame& frame, AppState& app) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  std::string shape;
  if (frame.step) {
    char text[96];
    std::snprintf(text, sizeof text, "y[%lld, %lld, %lld]", static_cast<long long>(frame.coord.n),
                  static_cast<long long>(frame.coord.out_channel),
                  static_cast<long long>(frame.coord.t));
    shape = text;
  }
  if (!BeginPanel(PanelLabel(app.i18n, "panel.dot_product", shape).c_str(),
                  frame.layout.dot_product)) {
    EndPanel();
    return;
  }
  if (!frame.step) {
    MutedText(Tr(app.i18n, "window.nothing"));
    EndPanel();
    return;
  }
  const StepState& step = *frame.step;
  const TapCoord& at = step.coord;
  // Presenting, the narration says what the sum is: the products get the room.
  const bool presenting = app.present.on;
  if (!presenting)
    TextWrappedCjk(TrFormat(app.i18n, "dot.formula",
                            {std::to_string(at.out_channel), std::to_string(g.in_per_group),
                             std::to_string(g.kernel_size), std::to_string(g.taps)})
                       .c_str());
  ImGui::SetWindowFontScale(
      TableTextScale(frame.fonts, session, step, ImGui::GetContentRegionAvail()));
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Presenting, the rows sit closer (the text is large already): six taps, their running Σ and
  // the sum fit under the narration on a 1024x768 projector.
  if (presenting)
    ImGui::PushStyleVar(
        ImGuiStyleVar_CellPadding,
        ImVec2(std::round(ImGui::GetFontSize() * 0.1f), std::round(ImGui::GetFontSize() * 0.03f)));
  // The products are rounded for display, the sums are not: a note under the table says so, or
  // a student adding the shown products by hand would find another last digit. The table leaves
  // room for the note, Σ, the bias and y (3.2 lines); PyTorch's float32 value may scroll.
  const char* rounding_note = Tr(app.i18n, "dot.rounding_note");
  const float note_h = ImGui::CalcTextSize(rounding_note, nullptr, false, avail.x).y +
                       ImGui::GetStyle().ItemSpacing.y;
  const float summary_h = line * 3.2f + 8.f + note_h;
  ImGui::PushFont(frame.fonts.mono);
  // Wide: the x[c, l] and w[o, c, k] names beside the numbers; narrow: "c0 k1"; compact:
  // numbers only (hovering a row still lights its cells everywhere).
  const float pad = ImGui::GetStyle().CellPadding.x * 2.f + 1.f;
  auto width = [](const char* text) { return ImGui::CalcTextSize(text).x; };
  const char* x_text = WidestValueText(session.input_style);
  const char* w_text = WidestValueText(session.weight_style);
  const char* y_text = WidestValueText(session.output_style);
  const char* sum_header = Tr(app.i18n, "dot.running_sum");
  const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.f;
  const float rows_h = row_h * static_cast<float>(step.taps.size() + 1) + 4.f;
  const ImVec2 table_size(avail.x, std::max(line * 3.f, std::min(rows_h, avail.y - summary_h)));
  const float scrollbar = rows_h > table_size.y ? ImGui::GetStyle().ScrollbarSize : 0.f;
  float compact_need = std::max(width("x"), width(x_text)) + width("× ") + width(w_text) +
                       std::max(width("= x·w"), width("= ") + width(y_text)) +
                       std::max(width(sum_header), width(y_text)) + pad * 4.f + scrollbar;
  // The position column: l = t·stride + k·dilation − padding, as wide as its widest entry.
  float position_w = width("l");
  for (const TapState& tap : step.taps)
    position_w = std::max(position_w, width(TapPositionLabel(tap, g, app.i18n).c_str()));
  compact_need += position_w + pad;
  const float name_w = width("x[00, 00]*") + width("w[00, 00, 0]") + pad * 2.f;
  const float ck_w = width("c00 k0") + pad;
  const bool wide = avail.x >= compact_need + name_w;
  const bool narrow = !wide && avail.x >= compact_need + ck_w;
  const int columns = (wide ? 6 : (narrow ? 5 : 4)) + 1;  // + the position column
  // Too narrow even for the numbers alone, the table scrolls sideways rather than cut them.
  // Presenting, lines between the closer columns keep "0.3461 0.4828" two numbers from afar.
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingFixedFit |
                                (presenting ? ImGuiTableFlags(ImGuiTableFlags_BordersInnerV) : 0);
  const int64_t window_id = OutputIndexOf(g, at.n, at.out_channel, at.t);
  const bool new_window = app.memory.dot_product_scrolled_window != window_id;
  if (ImGui::BeginTable("taps", columns, flags, table_size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    const char* wide_headers[] = {"x[c, l]", "x",     "w[o, c, k]",
                                  "× w",     "= x·w", Tr(app.i18n, "dot.running_sum")};
    const char* narrow_headers[] = {"c, k", "x", "× w", "= x·w", Tr(app.i18n, "dot.running_sum")};
    const char* const* headers =
        wide ? wide_headers : (narrow ? narrow_headers : narrow_headers + 1);
    ImGui::TableSetupColumn("l", ImGuiTableColumnFlags_WidthFixed);
    for (int col = 1; col < columns; ++col)
      ImGui::TableSetupColumn(headers[col - 1], ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    const int64_t current = step.window_complete ? -1 : at.tap;
    // Keep the current tap's row in the middle when the step moves to a new tap or window.
    if (current >= 0 && (app.memory.dot_product_scrolled_tap != current || new_window)) {
      const float row_top = row_h * static_cast<float>(current + 1);
      ImGui::SetScrollY(std::max(0.f, row_top - (table_size.y - row_h) * 0.5f));
      app.memory.dot_product_scrolled_tap = current;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(step.taps.size()), row_h);
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        DrawTapRow(session, app, at.out_channel, step.taps[static_cast<size_t>(row)], row,
                   row == current, wide, narrow);
      }
    }
    ImGui::EndTable();
  }
  if (presenting) ImGui::PopStyleVar();
  ImGui::PopFont();
  app.memory.dot_product_scrolled_window = window_id;
  MutedText(rounding_note);
  DrawSummary(frame, app);
  ImGui::SetWindowFontScale(1.f);
  EndPanel();
}

}  // namespace convstep::gui
