#include "ui/panels/sentences_panel.h"

#include <algorithm>

#include <imgui_stdlib.h>

#include "convstep/sentences.h"
#include "model/sentences_input.h"
#include "state/language.h"
#include "ui/draw/colormap.h"
#include "ui/fonts.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// The [N, L] token grid of `sentences`, padded as EmbedSentences pads them.
void TokenTable(const std::vector<std::string>& sentences) {
  std::vector<std::vector<std::string>> rows;
  size_t longest = 0;
  for (const std::string& sentence : sentences) {
    rows.push_back(Tokenize(sentence));
    longest = std::max(longest, rows.back().size());
  }
  if (rows.empty() || longest == 0) return;
  const int columns = static_cast<int>(std::min<size_t>(longest, 60)) + 1;
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_RowBg;
  const float rows_h = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(rows.size() + 1) +
                       ImGui::GetStyle().ScrollbarSize + 8.f;
  const float height =
      std::min(rows_h, std::max(ImGui::GetFrameHeight() * 3.f, ImGui::GetContentRegionAvail().y));
  if (!ImGui::BeginTable("tokens", columns, flags, ImVec2(0.f, height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("n \\ l");
  for (int l = 0; l + 1 < columns; ++l) ImGui::TableSetupColumn(std::to_string(l).c_str());
  ImGui::TableHeadersRow();
  const ImVec4 muted = ImGui::ColorConvertU32ToFloat4(Palette::kMutedText);
  for (size_t n = 0; n < rows.size(); ++n) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%zu", n);
    for (int l = 0; l + 1 < columns; ++l) {
      ImGui::TableSetColumnIndex(l + 1);
      if (static_cast<size_t>(l) < rows[n].size()) {
        ImGui::TextUnformatted(rows[n][static_cast<size_t>(l)].c_str());
      } else {
        ImGui::TextColored(muted, "%s", kPadToken);
      }
    }
  }
  ImGui::EndTable();
}

}  // namespace

void DrawSentencesPanel(const Frame& frame, AppState& app) {
  if (!BeginPanel(Label(app.i18n, "tab.sentences").c_str(), frame.layout.sentences)) {
    EndPanel();
    return;
  }
  SentencesInput& input = app.teach.sentences;
  MutedText(Tr(app.i18n, "sentences.explain"));
  const float lines = 5.5f;
  const bool edited = ImGui::InputTextMultiline(
      "##sentences", &input.text,
      ImVec2(-1.f, ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2.f));
  // Chinese typed or pasted: the atlas holds only the glyphs in use, so add the new ones.
  if (edited && CjkFontAvailable(app) && FontLacksGlyphs(frame.fonts.ui, input.text))
    app.view.fonts_dirty = true;
  const std::vector<std::string> sentences = SplitSentences(input.text);
  // "Example" as wide as its word; "Use these sentences" takes the rest.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float example_w =
      ImGui::CalcTextSize(Tr(app.i18n, "sentences.example")).x + style.FramePadding.x * 4.f;
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float use_text_w =
      ImGui::CalcTextSize(Tr(app.i18n, "sentences.use")).x + style.FramePadding.x * 2.f;
  // Too narrow for both on one line (a large text scale): one button a line, each full width.
  const bool stacked = avail_w - example_w - style.ItemSpacing.x < use_text_w;
  const float use_w = stacked ? avail_w : avail_w - example_w - style.ItemSpacing.x;
  ImGui::BeginDisabled(sentences.empty());
  if (ImGui::Button(Label(app.i18n, "sentences.use").c_str(), ImVec2(use_w, 0.f))) {
    SetSentences(app, sentences);
    if (CjkFontAvailable(app) && FontLacksGlyphs(frame.fonts.ui, input.text))
      app.view.fonts_dirty = true;
  }
  ImGui::EndDisabled();
  if (!stacked) ImGui::SameLine();
  if (ImGui::Button(Label(app.i18n, "sentences.example").c_str(),
                    ImVec2(stacked ? avail_w : example_w, 0.f))) {
    input.text = kExampleSentences;
    if (CjkFontAvailable(app) && FontLacksGlyphs(frame.fonts.ui, input.text))
      app.view.fonts_dirty = true;
  }
  const Session& session = *frame.session;
  const Recipe& recipe = session.recipe;
  if (!input.error.empty() && app.edit_error) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
    TextWrappedCjk(LocalizedMessage(app.i18n, app.edit_error->error).c_str());
    ImGui::PopStyleColor();
    TextWrappedCjk(LocalizedHint(app.i18n, app.edit_error->error).c_str());
  } else if (recipe.values == ValuesFrom::kSentences) {
    const Geometry& g = session.geometry;
    TextWrappedCjk(
        TrFormat(app.i18n, "sentences.in_use",
                 {std::to_string(g.batch), std::to_string(g.length), std::to_string(g.in_channels)})
            .c_str());
  } else {
    MutedText(Tr(app.i18n, "sentences.not_in_use"));
  }
  if (CjkFontAvailable(app) == false) {
    bool cjk = false;
    for (unsigned char c : input.text) cjk = cjk || c >= 0xE0;  // a 3-byte UTF-8 character
    if (cjk) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
      TextWrappedCjk(Tr(app.i18n, "notice.no_cjk_font_sentences"));
      ImGui::PopStyleColor();
    }
  }
  ImGui::Spacing();
  TextWrappedCjk(Tr(app.i18n, "sentences.tokens"));
  TokenTable(sentences);
  EndPanel();
}

}  // namespace convstep::gui
