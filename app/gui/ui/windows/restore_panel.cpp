#include "ui/windows/restore_panel.h"

#include <chrono>
#include <ctime>
#include <filesystem>

#include "convstep/io_json.h"
#include "convstep/io_npy.h"
#include "convstep/json_text.h"
#include "convstep/spec.h"
#include "state/autosave.h"
#include "state/tensor_import.h"
#include "ui/draw/colormap.h"
#include "ui/draw/wrap_text.h"
#include "ui/widgets/file_widgets.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {

std::string DescribeAutosave(const I18n& i18n, const std::string& path) {
  auto bytes = ReadFileBytes(path);
  if (!bytes) return {};
  auto parsed = ParseJsonText(*bytes);  // nesting limited: a broken file cannot overflow the stack
  if (!parsed || !parsed->is_object() || !parsed->contains("conv")) return {};
  const nlohmann::json& doc = *parsed;
  std::string layer = "nn.Conv1d(?)";
  if (auto spec = ParseConvJson(doc["conv"])) layer = SpecPython(*spec);
  std::string shape = "?";
  if (doc.contains("input_shape")) {
    shape = doc["input_shape"].dump();
  } else if (doc.contains("input") && doc["input"].is_array()) {
    Shape sizes;
    const nlohmann::json* level = &doc["input"];
    while (level->is_array()) {
      sizes.push_back(static_cast<int64_t>(level->size()));
      if (level->empty()) break;
      level = &(*level)[0];
    }
    shape = FormatShape(sizes);
  } else if (doc.contains("sentences") && doc["sentences"].is_array()) {
    shape = std::to_string(doc["sentences"].size()) + " " + Tr(i18n, "autosave.sentences");
  }
  std::string when;
  std::error_code ec;
  const auto written = std::filesystem::last_write_time(path, ec);
  if (!ec) {
    const auto system = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
        written - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
    const std::time_t time = std::chrono::system_clock::to_time_t(system);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", std::localtime(&time));
    when = text;
  }
  return TrFormat(i18n, "autosave.summary", {layer, shape, when});
}

void DrawRestoreOffer(const Frame& /*frame*/, AppState& app) {
  AutosaveState& autosave = app.files.autosave;
  if (!autosave.offer_open) return;
  if (autosave.orphans.empty()) {
    autosave.offer_open = false;
    return;
  }
  const std::string path = autosave.orphans.front();
  const I18n& i18n = app.i18n;
  CenterNextWindow(36.f);
  const std::string title = std::string(Tr(i18n, "autosave.title")) + "###io_restore";
  bool open = true;
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_AlwaysAutoResize)) {
    KeepWindowOnDisplay();
    const float wrap = DialogWrapWidth(34.f);
    TextWrappedCjk(Tr(i18n, "autosave.explain"), wrap);
    const std::string summary = DescribeAutosave(i18n, path);
    TextWrappedCjk(summary.empty() ? path.c_str() : summary.c_str(), wrap);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kMutedText));
    TextWrappedCjk(path.c_str(), wrap);
    if (autosave.orphans.size() > 1)
      TextWrappedCjk(
          TrFormat(i18n, "autosave.more", {std::to_string(autosave.orphans.size() - 1)}).c_str(),
          wrap);
    ImGui::PopStyleColor();
    ErrorText(autosave.error, wrap);
    if (ImGui::Button(Label(i18n, "autosave.restore").c_str())) {
      PushUndo(app);
      auto restored = RestoreAutosave(app, path);
      if (restored) {
        app.notice = Tr(i18n, "autosave.restored");
        autosave.error.clear();
        autosave.offer_open = !autosave.orphans.empty();
      } else {
        app.files.undo.pop_back();
        autosave.error = LocalizedOneLine(i18n, restored.error());
      }
    }
    SameLineIfFits(Label(i18n, "autosave.discard"), wrap);
    if (ImGui::Button(Label(i18n, "autosave.discard").c_str())) {
      DiscardAutosave(app, path);
      autosave.error.clear();
      autosave.offer_open = !autosave.orphans.empty();
    }
    SameLineIfFits(Label(i18n, "autosave.later"), wrap);
    if (ImGui::Button(Label(i18n, "autosave.later").c_str())) autosave.offer_open = false;
  }
  ImGui::End();
  if (!open) autosave.offer_open = false;
}

}  // namespace convstep::gui
