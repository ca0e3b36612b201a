#include "ui/menus/file_menu.h"

#include "platform/page_url.h"
#include "state/share_link.h"
#include "state/tensor_import.h"
#include "ui/keys.h"
#include "ui/widgets/panel_common.h"
#include "ui/windows/export_panel.h"
#include "ui/windows/import_panel.h"
#include "ui/windows/restore_panel.h"
#include "ui/windows/values_panel.h"

namespace convstep::gui {
namespace {

void PasteFromClipboard(AppState& app) {
  const char* clip = ImGui::GetClipboardText();
  const std::string text = clip ? clip : "";
  auto tensor = ParsePastedTensor(text);
  if (tensor) {
    OfferImport(app, std::move(tensor).value(), kPastedOrigin);
    if (app.files.import.open) ShowPasteText(app, text);  // ambiguous: ask, showing the text
  } else {
    ShowPasteText(app, text);  // shows why it could not be read
  }
}

}  // namespace

void CopyShareLink(AppState& app) {
  const std::string link = PageUrlWithoutFragment() + "#" + ShareFragment(app);
  ImGui::SetClipboardText(link.c_str());
  app.notice = TrFormat(app.i18n, "notice.link_copied", {link});
}

void DrawFileMenuItems(AppState& app) {
  const I18n& i18n = app.i18n;
  const bool idle = !app.files.exporting.job;
  if (ImGui::MenuItem(Label(i18n, "file.open").c_str(), "Ctrl+O", false, idle)) ShowOpenFile(app);
  if (ImGui::MenuItem(Label(i18n, "file.paste").c_str(), "Ctrl+V", false, idle))
    ShowPasteText(app, "");
  ImGui::Separator();
  if (ImGui::MenuItem(Label(i18n, "file.save_menu").c_str(), "Ctrl+S", false, idle))
    ShowSaveSession(app, false);
  if (ImGui::MenuItem(Label(i18n, "file.save_as").c_str(), "Ctrl+Shift+S", false, idle))
    ShowSaveSession(app, true);
  if (ImGui::MenuItem(Label(i18n, "file.export").c_str(), "Ctrl+E", false, idle)) ShowExport(app);
  ImGui::Separator();
}

void DrawEditMenu(AppState& app) {
  const I18n& i18n = app.i18n;
  if (!ImGui::BeginMenu(Label(i18n, "edit.menu").c_str())) return;
  if (ImGui::MenuItem(Label(i18n, "edit.undo").c_str(), "Ctrl+Z", false, !app.files.undo.empty()))
    UndoValues(app);
  ImGui::Separator();
  if (ImGui::MenuItem(Label(i18n, "edit.values_menu").c_str())) ShowValuesWindow(app, 0);
  ImGui::Separator();
  const Session& session = *app.session;
  if (ImGui::MenuItem(Label(i18n, "edit.copy_input").c_str()))
    CopyTensorText(app, session.input_given, "x");
  if (ImGui::MenuItem(Label(i18n, "edit.copy_weight").c_str()))
    CopyTensorText(app, session.problem.weight, "conv.weight");
  if (ImGui::MenuItem(Label(i18n, "edit.copy_bias").c_str(), nullptr, false,
                      session.recipe.spec.bias))
    CopyTensorText(app, session.problem.bias, "conv.bias");
  if (ImGui::MenuItem(Label(i18n, "edit.copy_output").c_str()))
    CopyTensorText(app, session.output, "y");
  ImGui::Separator();
  if (ImGui::MenuItem(Label(i18n, "edit.copy_link").c_str())) CopyShareLink(app);
  ImGui::EndMenu();
}

void DrawColorMapMenu(AppState& app) {
  if (!ImGui::BeginMenu(Label(app.i18n, "colormap.menu").c_str())) return;
  const char* keys[] = {"colormap.blue_orange", "colormap.blue_red", "colormap.purple_green"};
  for (size_t i = 0; i < 3; ++i)
    if (ImGui::MenuItem(Label(app.i18n, keys[i]).c_str(), nullptr,
                        app.view.colormap == kColorMaps[i]))
      app.view.colormap = kColorMaps[i];
  ImGui::EndMenu();
}

void HandleFileKeys(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl || app.files.exporting.job) return;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(keys::kO)) ShowOpenFile(app);
  if (pressed(keys::kS)) ShowSaveSession(app, io.KeyShift);
  if (pressed(keys::kE)) ShowExport(app);
  if (io.WantTextInput) return;  // a text field has the keyboard: its own undo and paste
  if (pressed(keys::kZ)) UndoValues(app);
  if (pressed(keys::kV)) PasteFromClipboard(app);
}

void DrawFileWindows(const Frame& frame, AppState& app) {
  if (!app.files.dropped_paths.empty() && !app.files.exporting.job) HandleDroppedFiles(app);
  DrawImportWindow(frame, app);
  DrawValuesWindow(frame, app);
  DrawCellEditor(frame, app);
  DrawExportWindows(frame, app);
  DrawRestoreOffer(frame, app);
}

}  // namespace convstep::gui
