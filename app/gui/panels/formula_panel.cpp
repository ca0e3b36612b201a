#include "panels/formula_panel.h"

#include <algorithm>

#include "draw/colormap.h"
#include "panels/panel_common.h"

namespace convstep::gui {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

bool SymmetricPadding(const Geometry& g) {
  return g.pad_left == g.pad_right;
}

// Text pieces drawn one after another on a line, each in its own colour.
void Pieces(std::initializer_list<std::pair<std::string, ImU32>> pieces) {
  bool first = true;
  for (const auto& [text, color] : pieces) {
    if (!first) ImGui::SameLine(0.f, 0.f);
    first = false;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

std::string LengthFormulaNumbers(const Geometry& g) {
  const std::string padding =
      SymmetricPadding(g) ? "2·" + S(g.pad_left) : S(g.pad_left) + " + " + S(g.pad_right);
  return "⌊(" + S(g.length) + " + " + padding + " − " + S(g.dilation) + "·(" + S(g.kernel_size) +
         " − 1) − 1) / " + S(g.stride) + "⌋ + 1 = " + S(g.out_length);
}

void DrawFormulaPanel(const Frame& frame, AppState& app) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  if (!BeginPanel("###formula_strip", frame.layout.formula,
                  ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
    EndPanel();
    return;
  }
  const bool nlc = session.recipe.layout == InputLayout::kNLC;
  const ImU32 text = Palette::kText, muted = Palette::kMutedText, accent = Palette::kKernelFrame;
  const ImU32 input_color = IM_COL32(0, 90, 160, 255), output_color = IM_COL32(150, 60, 0, 255);
  // Line 1: the pipeline.
  ImGui::PushFont(frame.fonts.bold);
  const std::string conv = SpecPython(session.recipe.spec);
  if (nlc) {
    Pieces({{"x " + ShapeText(session.input_given.shape), input_color},
            {"  →  permute(0, 2, 1)  →  ", accent},
            {ShapeText(g.InputShape()), input_color},
            {"  →  " + conv + "  →  ", accent},
            {"y " + ShapeText(g.OutputShape()), output_color}});
  } else {
    Pieces({{"x " + ShapeText(g.InputShape()), input_color},
            {"  →  " + conv + "  →  ", accent},
            {"y " + ShapeText(g.OutputShape()), output_color}});
  }
  ImGui::PopFont();
  // Line 2: L_out.
  const std::string symbolic =
      SymmetricPadding(g)
          ? "L_out = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1"
          : "L_out = ⌊(L + pad_left + pad_right − dilation·(k − 1) − 1) / stride⌋ + 1";
  Pieces({{symbolic, muted}, {"  =  " + LengthFormulaNumbers(g), text}});
  if (session.recipe.spec.padding_kind == PaddingKind::kSame) {
    ImGui::SameLine();
    Pieces(
        {{"  " + TrFormat(app.i18n, "formula.same_note", {S(g.pad_left), S(g.pad_right)}), muted}});
  }
  // Line 3: weight, parameters, MACs.
  const int64_t weights = g.out_channels * g.in_per_group * g.kernel_size;
  const std::string params =
      S(g.out_channels) + "·" + S(g.in_per_group) + "·" + S(g.kernel_size) + " = " +
      FormatCount(weights) +
      (g.has_bias ? " + " + FormatCount(g.out_channels) + " " + Tr(app.i18n, "formula.bias_word") +
                        " = " + FormatCount(weights + g.out_channels)
                  : "");
  const std::string macs = S(g.batch) + "·" + S(g.out_channels) + "·" + S(g.out_length) + " · " +
                           S(g.in_per_group) + "·" + S(g.kernel_size) + " = " +
                           FormatCount(g.MacCount());
  Pieces({{Tr(app.i18n, "formula.weight"), muted},
          {" " + ShapeText(g.WeightShape()), text},
          {"   " + std::string(Tr(app.i18n, "formula.parameters")) + " ", muted},
          {params, text},
          {"   " + std::string(Tr(app.i18n, "formula.macs")) + " ", muted},
          {macs, text}});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(app.i18n, "formula.macs_tooltip"));

  // The colour legend, in the top-right corner when there is room.
  const float legend_w = std::min(260.f, ImGui::GetWindowWidth() * 0.2f);
  const ImVec2 win = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const ImVec2 pos(win.x + size.x - legend_w - pad,
                   win.y + ImGui::GetStyle().WindowPadding.y + 2.f);
  if (legend_w > 120.f) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const char* caption = Tr(app.i18n, "legend.caption");
    const float caption_w = ImGui::CalcTextSize(caption).x;
    draw->AddRectFilled(ImVec2(pos.x - 8.f, pos.y - 4.f),
                        ImVec2(pos.x + legend_w + 4.f, win.y + size.y - 4.f),
                        ImGui::GetColorU32(ImGuiCol_WindowBg));
    draw->AddText(ImVec2(pos.x + (legend_w - caption_w) * 0.5f, pos.y), muted, caption);
    const float bar_y = pos.y + ImGui::GetTextLineHeight() + 3.f;
    DrawColorLegend(draw, ImVec2(pos.x, bar_y), legend_w, ImGui::GetTextLineHeight() * 0.8f,
                    Tr(app.i18n, "legend.negative"), Tr(app.i18n, "legend.positive"));
    if (ImGui::IsMouseHoveringRect(ImVec2(pos.x, pos.y),
                                   ImVec2(pos.x + legend_w, win.y + size.y))) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(Tr(app.i18n, "legend.tooltip"));
      ImGui::Text("x: ±%s   w: ±%s   y: ±%s",
                  FormatValue(session.input_style.abs_max, session.input_style).c_str(),
                  FormatValue(session.weight_style.abs_max, session.weight_style).c_str(),
                  FormatValue(session.output_style.abs_max, session.output_style).c_str());
      ImGui::EndTooltip();
    }
  }
  EndPanel();
}

}  // namespace convstep::gui
