#include "ui/panels/code_panel.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "model/code_view.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

constexpr ImU32 kCommentColor = IM_COL32(0, 110, 60, 255);
constexpr float kCopiedSeconds = 2.f;

std::vector<std::string_view> Lines(const std::string& text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.emplace_back(text.data() + start, end - start);
    start = end + 1;
  }
  return lines;
}

// Where a line's comment starts ('#' outside a string), or npos.
size_t CommentStart(std::string_view line) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Monospaced text, only the visible lines, comments in green.
void CodeText(const std::string& text, bool colour_comments) {
  const std::vector<std::string_view> lines = Lines(text);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const std::string_view line = lines[static_cast<size_t>(i)];
      const size_t comment = colour_comments ? CommentStart(line) : std::string_view::npos;
      if (comment == std::string_view::npos) {
        ImGui::TextUnformatted(line.data(), line.data() + line.size());
        continue;
      }
      if (comment > 0) {
        ImGui::TextUnformatted(line.data(), line.data() + comment);
        ImGui::SameLine(0.f, 0.f);
      }
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kCommentColor));
      ImGui::TextUnformatted(line.data() + comment, line.data() + line.size());
      ImGui::PopStyleColor();
    }
  }
}

// Continues the line with the button labelled `key` when it fits there (a narrow side at a large
// text scale puts it on the next line instead of past the edge).
void SameLineIfButtonFits(const AppState& app, const char* key) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button_w = ImGui::CalcTextSize(Label(app.i18n, key).c_str(), nullptr, true).x +
                         style.FramePadding.x * 2.f;
  const float right = ImGui::GetItemRectMax().x + style.ItemSpacing.x + button_w;
  if (right <= ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x) ImGui::SameLine();
}

void CopyButton(AppState& app, const char* key, int button, const std::string& text) {
  if (ImGui::Button(Label(app.i18n, key).c_str())) {
    ImGui::SetClipboardText(text.c_str());
    app.teach.code.copied_seconds = kCopiedSeconds;
    app.teach.code.copied_button = button;
  }
  if (app.teach.code.copied_seconds > 0.f && app.teach.code.copied_button == button) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kCommentColor));
    ImGui::TextUnformatted(Tr(app.i18n, "code.copied"));
    ImGui::PopStyleColor();
  }
}

const std::string& PrintText(AppState& app, int64_t n) {
  CodeView& code = app.teach.code;
  if (code.print_for != app.session || code.print_which != code.printed || code.print_n != n) {
    code.print_text = TorchPrint(*app.session, code.printed, n);
    code.print_for = app.session;
    code.print_which = code.printed;
    code.print_n = n;
  }
  return code.print_text;
}

void PrintedTensorCombo(AppState& app, int64_t n) {
  const Session& session = *app.session;
  CodeView& code = app.teach.code;
  const PrintedTensor choices[] = {PrintedTensor::kInputGiven, PrintedTensor::kInputPermuted,
                                   PrintedTensor::kWeight,     PrintedTensor::kBias,
                                   PrintedTensor::kOutput,     PrintedTensor::kOutputItem};
  if (code.printed == PrintedTensor::kBias && !session.recipe.spec.bias)
    code.printed = PrintedTensor::kWeight;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.f);
  const std::string current = "print(" + PrintedExpression(session, code.printed, n) + ")";
  if (BeginComboFitting("##printed", current)) {
    for (PrintedTensor choice : choices) {
      if (choice == PrintedTensor::kBias && !session.recipe.spec.bias) continue;
      if (choice == PrintedTensor::kInputPermuted && session.recipe.layout != InputLayout::kNLC)
        continue;
      const std::string label = "print(" + PrintedExpression(session, choice, n) + ")";
      if (ImGui::Selectable(label.c_str(), choice == code.printed)) code.printed = choice;
    }
    ImGui::EndCombo();
  }
}

}  // namespace

const std::string& CodePanelText(AppState& app) {
  CodeView& code = app.teach.code;
  if (code.code_for != app.session) {
    code.python = SessionPython(*app.session) + EquivalentFormsPython(*app.session);
    code.code_for = app.session;
  }
  return code.python;
}

void DrawCodePanel(const Frame& frame, AppState& app) {
  if (!BeginPanel(Label(app.i18n, "tab.code").c_str(), frame.layout.code)) {
    EndPanel();
    return;
  }
  ScaleViewText(app.present.on && app.present.region.empty());
  CodeView& code = app.teach.code;
  code.copied_seconds = std::max(0.f, code.copied_seconds - frame.dt);
  const std::string& python = CodePanelText(app);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float total_w = ImGui::GetContentRegionAvail().x;
  const float code_w = std::floor(total_w * 0.56f);
  const float print_w = total_w - code_w - style.ItemSpacing.x;
  const float height = ImGui::GetContentRegionAvail().y;
  ImFont* mono = frame.fonts.mono;

  ImGui::BeginChild("code_side", ImVec2(code_w, height), false);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(app.i18n, "code.title"));
  SameLineIfButtonFits(app, "code.copy");
  CopyButton(app, "code.copy", 1, python);
  MutedText(Tr(app.i18n, "code.explain"));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.f, 1.f, 1.f, 1.f));
  ImGui::BeginChild("code_text", ImVec2(0.f, 0.f), true, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono) ImGui::PushFont(mono);
  CodeText(python, true);
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("print_side", ImVec2(print_w, height), false);
  const int64_t n =
      std::clamp<int64_t>(frame.coord.n, 0, std::max<int64_t>(0, frame.geometry().batch - 1));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(app.i18n, "code.print_title"));
  ImGui::SameLine();
  PrintedTensorCombo(app, n);
  const std::string& printed = PrintText(app, n);
  SameLineIfButtonFits(app, "code.copy_print");
  CopyButton(app, "code.copy_print", 2, printed);
  MutedText(Tr(app.i18n, "code.print_explain"));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.f, 1.f, 1.f, 1.f));
  ImGui::BeginChild("print_text", ImVec2(0.f, 0.f), true, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono) ImGui::PushFont(mono);
  CodeText(printed, false);
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::EndChild();
  EndPanel();
}

}  // namespace convstep::gui
