#include "ui/panels/conv2d_parts.h"

#include <algorithm>
#include <string>

#include "convstep/codegen_equivalents.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {

void DrawConv2dFormControl(AppState& app, const Geometry& g, int64_t n, int64_t* kh) {
  const int64_t C = g.in_channels;
  const std::string c = std::to_string(C), o = std::to_string(g.out_channels),
                    k = std::to_string(g.kernel_size);
  TextWrappedCjk(
      TrFormat(app.i18n, "conv2d.intro", {std::to_string(n), c, std::to_string(g.length)}).c_str());
  bool& image = app.teach.conv2d.image_view;
  if (ImGui::RadioButton(TrFormat(app.i18n, "conv2d.form_height1", {c, o, k}).c_str(), !image))
    image = false;
  ImGui::SameLine();
  if (ImGui::RadioButton(TrFormat(app.i18n, "conv2d.form_image", {c}).c_str(), image)) image = true;
  if (!image) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(IM_COL32(0, 110, 60, 255)));
    TextWrappedCjk(TrFormat(app.i18n, "conv2d.height1_note", {c, o, k}).c_str());
    ImGui::PopStyleColor();
    return;
  }
  if (g.groups != 1) {
    MutedText(TrFormat(app.i18n, "conv2d.groups", {std::to_string(g.groups)}).c_str());
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(app.i18n, "conv2d.kernel_height"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.f);
  int height = static_cast<int>(*kh);
  if (ImGui::SliderInt("##kernel_height", &height, 1, static_cast<int>(std::min<int64_t>(C, 64))))
    *kh = height;
  ImGui::SameLine();
  const std::string note = *kh == C ? TrFormat(app.i18n, "conv2d.full_height", {c})
                                    : TrFormat(app.i18n, "conv2d.short_height",
                                               {std::to_string(*kh), c, std::to_string(C - *kh + 1),
                                                std::to_string(*kh - 1)});
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(
                                           *kh == C ? IM_COL32(0, 110, 60, 255) : Palette::kError));
  TextWrappedCjk(note.c_str());
  ImGui::PopStyleColor();
}

void DrawDifferencesTable(const I18n& i18n, const Geometry& g) {
  const std::string k = std::to_string(g.kernel_size);
  const std::string c = std::to_string(g.in_channels);
  const ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("differences", 3, flags)) return;
  ImGui::TableSetupColumn(Tr(i18n, "conv2d.aspect"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
  ImGui::TableSetupColumn("nn.Conv1d", ImGuiTableColumnFlags_WidthStretch, 1.f);
  ImGui::TableSetupColumn("nn.Conv2d", ImGuiTableColumnFlags_WidthStretch, 1.f);
  ImGui::TableHeadersRow();
  const std::string rows[][3] = {
      {Tr(i18n, "conv2d.row_batch"), Tr(i18n, "conv2d.batch_1d"), Tr(i18n, "conv2d.batch_2d")},
      {Tr(i18n, "conv2d.row_channels"), TrFormat(i18n, "conv2d.channels_1d", {c}),
       Tr(i18n, "conv2d.channels_2d")},
      {Tr(i18n, "conv2d.row_kernel"), TrFormat(i18n, "conv2d.kernel_1d", {c, k}),
       Tr(i18n, "conv2d.kernel_2d")},
      {Tr(i18n, "conv2d.row_moves"), Tr(i18n, "conv2d.moves_1d"), Tr(i18n, "conv2d.moves_2d")},
      {Tr(i18n, "conv2d.row_out"),
       TrFormat(i18n, "conv2d.out_1d", {std::to_string(g.out_channels)}),
       Tr(i18n, "conv2d.out_2d")},
  };
  for (const auto& row : rows) {
    ImGui::TableNextRow();
    for (int column = 0; column < 3; ++column) {
      ImGui::TableSetColumnIndex(column);
      TextWrappedCjk(row[column].c_str());
    }
  }
  ImGui::EndTable();
}

float DifferencesTableHeight() {
  const float line = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.f + 1.f;
  return line * 6.f + 4.f;
}

void DrawConv2dFormCode(const AppState& app, const Session& session, int64_t kh, ImFont* mono) {
  const Geometry& g = session.geometry;
  const bool image = app.teach.conv2d.image_view && g.groups == 1;
  const std::string code =
      image ? ImageConv2dPython(session.recipe.spec, g, kh) : Conv2dPython(session.recipe.spec, g);
  MutedText(Tr(app.i18n, "conv2d.code_caption"));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.f, 1.f, 1.f, 1.f));
  // The rest of the panel, and at least two lines (the panel scrolls to them when short).
  const float code_h =
      std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 2.f);
  ImGui::BeginChild("conv2d_code", ImVec2(0.f, code_h), true, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono) ImGui::PushFont(mono);
  ImGui::TextUnformatted(code.c_str());
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace convstep::gui
