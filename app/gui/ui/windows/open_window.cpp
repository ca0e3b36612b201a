#include "ui/windows/open_window.h"

#include <utility>

#include "ui/windows/export_panel.h"
#include "ui/windows/values_panel.h"

namespace convstep::gui {
namespace {

using Opener = void (*)(AppState&);

// Each window and what its menu item does to open it.
const std::vector<std::pair<std::string, Opener>>& Openers() {
  static const std::vector<std::pair<std::string, Opener>> openers = {
      {"fit", [](AppState& app) { app.teach.fit.open = true; }},
      {"forgot-permute", [](AppState& app) { app.show_forgot_permute = true; }},
      {"values", [](AppState& app) { ShowValuesWindow(app, 0); }},
      {"export", [](AppState& app) { ShowExport(app); }},
      {"save", [](AppState& app) { ShowSaveSession(app, /*ask=*/true); }},
  };
  return openers;
}

}  // namespace

const std::vector<std::string>& OpenableWindowNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& opener : Openers()) out.push_back(opener.first);
    return out;
  }();
  return names;
}

bool OpenWindowNamed(AppState& app, const std::string& name) {
  for (const auto& opener : Openers())
    if (opener.first == name) {
      opener.second(app);
      return true;
    }
  return false;
}

}  // namespace convstep::gui
