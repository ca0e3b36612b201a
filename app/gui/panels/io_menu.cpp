#include "panels/io_menu.h"

#include "io/tensor_import.h"
#include "panels/export_panel.h"
#include "panels/import_panel.h"
#include "panels/panel_common.h"
#include "panels/restore_panel.h"
#include "panels/values_panel.h"

namespace convstep::gui {
namespace {

// GLFW key codes (the GLFW backend's io.KeysDown[] indices).
constexpr int kKeyE = 69;
constexpr int kKeyO = 79;
constexpr int kKeyS = 83;
constexpr int kKeyV = 86;
constexpr int kKeyZ = 90;

void PasteFromClipboard(AppState& app) {
  const char* clip = ImGui::GetClipboardText();
  const std::string text = clip ? clip : "";
  auto tensor = ParsePastedTensor(text);
  if (tensor) {
    OfferImport(app, std::move(tensor).value(), kPastedOrigin);
    if (app.io.import.open) ShowPasteText(app, text);  // ambiguous: ask, showing the text
  } else {
    ShowPasteText(app, text);  // shows why it could not be read
  }
}

}  // namespace

void DrawFileMenuItems(AppState& app) {
  const I18n& i18n = app.i18n;
  const bool idle = !app.io.exporting.job;
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
  if (ImGui::MenuItem(Label(i18n, "edit.undo").c_str(), "Ctrl+Z", false, !app.io.undo.empty()))
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

void HandleIoKeys(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl || app.io.exporting.job) return;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(kKeyO)) ShowOpenFile(app);
  if (pressed(kKeyS)) ShowSaveSession(app, io.KeyShift);
  if (pressed(kKeyE)) ShowExport(app);
  if (io.WantTextInput) return;  // a text field has the keyboard: its own undo and paste
  if (pressed(kKeyZ)) UndoValues(app);
  if (pressed(kKeyV)) PasteFromClipboard(app);
}

void DrawIoWindows(const Frame& frame, AppState& app) {
  if (!app.io.dropped_paths.empty() && !app.io.exporting.job) HandleDroppedFiles(app);
  DrawImportWindow(frame, app);
  DrawValuesWindow(frame, app);
  DrawCellEditor(frame, app);
  DrawExportWindows(frame, app);
  DrawRestoreOffer(frame, app);
}

}  // namespace convstep::gui
