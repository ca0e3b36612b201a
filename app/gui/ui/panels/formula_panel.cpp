#include "ui/panels/formula_panel.h"

#include <algorithm>

#include "ui/draw/colormap.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

bool SymmetricPadding(const Geometry& g) {
  return g.pad_left == g.pad_right;
}

// Text pieces drawn one after another on a line, each in its own colour.
// Returns the right edge of the line.
float Pieces(std::initializer_list<std::pair<std::string, ImU32>> pieces) {
  bool first = true;
  float right = 0.f;
  for (const auto& [text, color] : pieces) {
    if (!first) ImGui::SameLine(0.f, 0.f);
    first = false;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    right = ImGui::GetItemRectMax().x;
  }
  return right;
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
                  ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_HorizontalScrollbar)) {
    EndPanel();
    return;
  }
  const bool nlc = session.recipe.layout == InputLayout::kNLC;
  const ImU32 text = Palette::kText, muted = Palette::kMutedText, accent = Palette::kKernelFrame;
  const ImU32 input_color = IM_COL32(0, 90, 160, 255), output_color = IM_COL32(150, 60, 0, 255);
  float text_right = 0.f;
  // Line 1: the pipeline.
  ImGui::PushFont(frame.fonts.bold);
  const std::string conv = SpecPython(session.recipe.spec);
  if (nlc) {
    text_right = Pieces({{"x " + ShapeText(session.input_given.shape), input_color},
                         {"  →  permute(0, 2, 1)  →  ", accent},
                         {ShapeText(g.InputShape()), input_color},
                         {"  →  " + conv + "  →  ", accent},
                         {"y " + ShapeText(g.OutputShape()), output_color}});
  } else {
    text_right = Pieces({{"x " + ShapeText(g.InputShape()), input_color},
                         {"  →  " + conv + "  →  ", accent},
                         {"y " + ShapeText(g.OutputShape()), output_color}});
  }
  ImGui::PopFont();
  if (app.edit_error) {  // the picture is the last valid one, not what the controls say
    ImGui::SameLine(0.f, ImGui::GetFontSize());
    text_right =
        std::max(text_right, Pieces({{Tr(app.i18n, "formula.last_valid"), Palette::kError}}));
  }
  // Line 2: L_out.
  const std::string symbolic =
      SymmetricPadding(g)
          ? "L_out = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1"
          : "L_out = ⌊(L + pad_left + pad_right − dilation·(k − 1) − 1) / stride⌋ + 1";
  text_right =
      std::max(text_right, Pieces({{symbolic, muted}, {"  =  " + LengthFormulaNumbers(g), text}}));
  if (session.recipe.spec.padding_kind == PaddingKind::kSame) {
    ImGui::SameLine();
    text_right = std::max(
        text_right,
        Pieces({{"  " + TrFormat(app.i18n, "formula.same_note", {S(g.pad_left), S(g.pad_right)}),
                 muted}}));
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
  text_right = std::max(
      text_right, Pieces({{Tr(app.i18n, "formula.weight"), muted},
                          {" " + ShapeText(g.WeightShape()), text},
                          {"   " + std::string(Tr(app.i18n, "formula.parameters")) + " ", muted},
                          {params, text},
                          {"   " + std::string(Tr(app.i18n, "formula.macs")) + " ", muted},
                          {macs, text}}));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(app.i18n, "formula.macs_tooltip"));

  // The colour legend, in the top-right corner when the lines leave room for it; otherwise
  // the parameters panel shows it (from the next frame on).
  const float legend_w = std::min(ImGui::GetFontSize() * 14.f, ImGui::GetWindowWidth() * 0.22f);
  const ImVec2 win = ImGui::GetWindowPos();
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const ImVec2 pos(win.x + ImGui::GetWindowWidth() - legend_w - pad,
                   win.y + ImGui::GetStyle().WindowPadding.y);
  app.memory.legend_in_strip =
      pos.x > text_right + ImGui::GetFontSize() || !app.view.show.parameters;
  if (app.memory.legend_in_strip) DrawLegend(frame, app, pos, legend_w);
  EndPanel();
}

}  // namespace convstep::gui
