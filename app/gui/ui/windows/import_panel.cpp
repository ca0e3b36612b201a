#include "ui/windows/import_panel.h"

#include <filesystem>

#include <imgui_stdlib.h>

#include "platform/file_picker.h"
#include "state/background.h"
#include "state/tensor_import.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/file_widgets.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

std::string OriginText(const I18n& i18n, const std::string& origin) {
  return origin == kPastedOrigin ? std::string(Tr(i18n, "import.pasted")) : origin;
}

// The readings of the pending tensor as radio buttons, each with ✓ fits / ✗ and why.
void DrawReadings(AppState& app, PendingImport& pending) {
  const I18n& i18n = app.i18n;
  int fitting = 0;
  for (const ImportOption& option : pending.options) fitting += option.fits ? 1 : 0;
  ImGui::TextUnformatted(
      TrFormat(i18n, "import.read",
               {FormatShape(pending.tensor.shape), std::to_string(pending.tensor.numel()),
                OriginText(i18n, pending.origin)})
          .c_str());
  if (fitting > 1)
    MutedText(Tr(i18n, "import.ambiguous"));
  else if (fitting == 0)
    ErrorText(Tr(i18n, "import.none_fits"));
  ImGui::Spacing();
  for (size_t i = 0; i < pending.options.size(); ++i) {
    const ImportOption& option = pending.options[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string label =
        ImportTargetLabel(i18n, option.target) + "   " + FormatShape(option.shape);
    if (!option.fits) ImGui::BeginDisabled();
    if (ImGui::RadioButton(label.c_str(), pending.chosen == static_cast<int>(i)))
      pending.chosen = static_cast<int>(i);
    if (!option.fits) ImGui::EndDisabled();
    ImGui::SameLine();
    if (option.fits) {
      SuccessText(Tr(i18n, "import.fits"));
    } else {
      ImGui::NewLine();
      ImGui::Indent(ImGui::GetFontSize() * 1.6f);
      ErrorText(LocalizedError(i18n, option.error));
      ImGui::Unindent(ImGui::GetFontSize() * 1.6f);
    }
    ImGui::PopID();
  }
}

}  // namespace

void ShowOpenFile(AppState& app) {
  if (OpenSystemFilePicker()) return;  // the browser's own chooser
  ImportWindow& window = app.files.import;
  if (window.path.empty()) {  // start from the folder ConvStep was started in
    std::error_code ec;
    const std::string here = std::filesystem::current_path(ec).string();
    if (!ec) window.path = here + "/";
  }
  window.open = true;
  window.paste_mode = false;
  window.focus_field = true;
  window.pending.reset();
  window.error.clear();
}

void ShowPasteText(AppState& app, const std::string& text) {
  ImportWindow& window = app.files.import;
  window.open = true;
  window.paste_mode = true;
  window.focus_field = text.empty();
  window.text = text;
  window.parsed_text = "\x01";  // force a parse
  window.pending.reset();
  window.error.clear();
  UpdatePastedText(app);
}

void UpdatePastedText(AppState& app) {
  ImportWindow& window = app.files.import;
  if (!window.paste_mode || window.text == window.parsed_text) return;
  window.parsed_text = window.text;
  window.pending.reset();
  window.error.clear();
  bool blank = true;
  for (char c : window.text) blank = blank && std::isspace(static_cast<unsigned char>(c));
  if (blank) return;
  auto tensor = ParsePastedTensor(window.text);
  if (!tensor) {
    window.error = LocalizedError(app.i18n, tensor.error());
    return;
  }
  PendingImport pending;
  pending.origin = kPastedOrigin;
  pending.options = ImportOptions(*app.session, *tensor, kPastedOrigin, SessionLimits(app));
  int fitting = 0;
  for (size_t i = 0; i < pending.options.size(); ++i)
    if (pending.options[i].fits) {
      ++fitting;
      pending.chosen = static_cast<int>(i);
    }
  if (fitting != 1) pending.chosen = -1;  // ambiguous: the user says which
  pending.tensor = std::move(tensor).value();
  window.pending = std::move(pending);
}

bool UseChosenImport(AppState& app) {
  ImportWindow& window = app.files.import;
  if (!window.pending || window.pending->chosen < 0 ||
      window.pending->chosen >= static_cast<int>(window.pending->options.size()))
    return false;
  const PendingImport& pending = *window.pending;
  const ImportOption& option = pending.options[static_cast<size_t>(pending.chosen)];
  const Tensor weight_before = app.session->problem.weight;
  auto imported = ImportTensor(app, pending.tensor, option.target, pending.origin);
  if (!imported) {
    window.error = LocalizedError(app.i18n, imported.error());
    return false;
  }
  app.notice = ImportNotice(app, weight_before, pending.origin, option);
  window.open = false;
  window.pending.reset();
  window.error.clear();
  window.text.clear();
  window.parsed_text.clear();
  return true;
}

void DrawImportWindow(const Frame& /*frame*/, AppState& app) {
  ImportWindow& window = app.files.import;
  if (!window.open) return;
  const I18n& i18n = app.i18n;
  const std::string shown =
      window.error + (window.pending ? "\n" + std::to_string(window.pending->options.size()) : "");
  CenterNextWindowFitting(40.f, shown, &window.fitted);
  bool open = true;
  const std::string title =
      std::string(Tr(i18n, window.paste_mode ? "import.paste_title" : "import.open_title")) +
      "###io_import";
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (window.paste_mode) {
      MutedText(Tr(i18n, "import.paste_explain"));
      if (window.focus_field) {
        ImGui::SetKeyboardFocusHere();
        window.focus_field = false;
      }
      ImGui::PushFont(app.fonts.mono);
      ImGui::InputTextMultiline("##paste", &window.text,
                                ImVec2(width, ImGui::GetTextLineHeight() * 9.f),
                                ImGuiInputTextFlags_AllowTabInput);
      ImGui::PopFont();
      if (ImGui::Button(Label(i18n, "import.from_clipboard").c_str())) {
        const char* clip = ImGui::GetClipboardText();
        window.text = clip ? clip : "";
      }
      UpdatePastedText(app);
    } else {
      MutedText(Tr(i18n, "import.open_explain"));
      const float button_w =
          ImGui::CalcTextSize(Tr(i18n, "import.open")).x + ImGui::GetStyle().FramePadding.x * 2.f;
      const bool enter = PathField("##path", &window.path, &window.focus_field,
                                   width - button_w - ImGui::GetStyle().ItemSpacing.x);
      ImGui::SameLine();
      if (ImGui::Button(Label(i18n, "import.open").c_str()) || enter) {
        window.pending.reset();
        window.error.clear();
        auto opened = OpenAnyFile(app, window.path);
        if (!opened) {
          window.error = LocalizedError(app.i18n, opened.error());
        } else if (!app.files.import.pending) {
          window.open = false;  // opened at once (a session, or a tensor that fits one way)
        }
      }
    }
    ErrorText(window.error);
    if (window.pending) {
      ImGui::Separator();
      DrawReadings(app, *window.pending);
      ImGui::Spacing();
      const bool can_use = window.pending->chosen >= 0;
      if (!can_use) ImGui::BeginDisabled();
      if (ImGui::Button(Label(i18n, "import.use").c_str())) UseChosenImport(app);
      if (!can_use) ImGui::EndDisabled();
      ImGui::SameLine();
    }
    if (window.open && ImGui::Button(Label(i18n, "import.cancel").c_str())) window.open = false;
    if (EscapePressed()) window.open = false;
  }
  ImGui::End();
  if (!open) window.open = false;
}

}  // namespace convstep::gui
