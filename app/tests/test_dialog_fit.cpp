// The windows that size themselves to what they hold (the offer to restore an unsaved session,
// the export window) stay on a small display at a projector's text size: their text wraps and
// their buttons take a second line rather than run past the window's edge.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "state/language.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "support/ui_screens.h"
#include "ui/windows/open_window.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

// What of the window `id` does not fit: a window wider than the display, or glyphs cut at its
// left or right edge (a window taller than the display scrolls, so rows cut at its bottom are
// fine).
std::string WhatDoesNotFit(const char* id) {
  ImGuiWindow* window = ImGui::FindWindowByName(id);
  if (window == nullptr || !window->Active) return std::string(id) + " is not shown";
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImRect rect = window->Rect();
  std::string report;
  if (rect.Min.x < 0.f || rect.Min.y < 0.f || rect.Max.x > display.x || rect.Max.y > display.y)
    report += "the window (" + std::to_string(rect.GetWidth()) + " wide) passes the display\n";
  auto cut = testing::FindCutGlyphs(window);
  cut.erase(std::remove_if(cut.begin(), cut.end(),
                           [](const testing::CutGlyph& glyph) {
                             return glyph.glyph.Min.x >= glyph.visible.Min.x - 1.f &&
                                    glyph.glyph.Max.x <= glyph.visible.Max.x + 1.f;
                           }),
            cut.end());
  if (!cut.empty())
    report += std::to_string(cut.size()) + " glyphs cut, the first at x " +
              std::to_string(cut.front().glyph.Min.x) + " where " + cut.front().window +
              " ends at " + std::to_string(cut.front().visible.Max.x) + "\n";
  return report;
}

struct Setting {
  ImVec2 display;
  float text_scale;
  const char* language;
};
const Setting kSettings[] = {{{1024, 768}, 1.f, "en"}, {{1024, 768}, 2.f, "en"},
                             {{1024, 768}, 3.f, "en"}, {{1000, 700}, 2.f, "en"},
                             {{1366, 768}, 3.f, "en"}, {{1024, 768}, 2.f, "zh"},
                             {{1024, 768}, 3.f, "zh"}, {{800, 600}, 2.f, "en"}};

TEST(DialogFit, TheRestoreOfferFitsAndShowsEveryButtonAtAnyTextSize) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (const Setting& setting : kSettings) {
    if (!SetLanguage(app, setting.language)) GTEST_SKIP() << "no CJK font here";
    SetTextScale(app, setting.text_scale);
    ImGui::GetIO().DisplaySize = setting.display;
    // Two sessions left by runs that did not exit cleanly (their files need not exist: the
    // offer then names the path).
    app.files.autosave.orphans = {"/home/student/.config/convstep/autosave-123456.json",
                                  "/home/student/.config/convstep/autosave-654321.json"};
    app.files.autosave.offer_open = true;
    testing::SettledFrame(ui, app);
    EXPECT_EQ(WhatDoesNotFit("###io_restore"), "")
        << setting.display.x << "x" << setting.display.y << ", text scale " << setting.text_scale
        << ", " << setting.language;
  }
}

TEST(DialogFit, TheExportWindowFitsAtAnyTextSize) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (const Setting& setting : kSettings) {
    if (!SetLanguage(app, setting.language)) GTEST_SKIP() << "no CJK font here";
    SetTextScale(app, setting.text_scale);
    ImGui::GetIO().DisplaySize = setting.display;
    testing::CloseWindows(app);
    ASSERT_TRUE(OpenWindowNamed(app, "export"));
    testing::SettledFrame(ui, app);
    EXPECT_EQ(WhatDoesNotFit("###io_export"), "")
        << setting.display.x << "x" << setting.display.y << ", text scale " << setting.text_scale
        << ", " << setting.language;
  }
}

}  // namespace
}  // namespace convstep::gui
