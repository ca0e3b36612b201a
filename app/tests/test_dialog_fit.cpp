// The windows that size themselves to what they hold or that the menus open (the offer to
// restore an unsaved session, the export, forgot-the-permute, fit, values and save windows)
// stay on a small display at a projector's text size: their text wraps and their rows take
// another line rather than run past the window's edge.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

#include "state/language.h"
#include "state/presentation_mode.h"
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

// Applies `setting`'s language, text scale and display size; false when the language has no
// font here (Chinese without a CJK face).
bool ApplySetting(AppState& app, const Setting& setting) {
  if (!SetLanguage(app, setting.language)) return false;
  SetTextScale(app, setting.text_scale);
  ImGui::GetIO().DisplaySize = setting.display;
  return true;
}

// "1024x768, text scale 2, zh": a setting, named in a failure.
std::string Describe(const Setting& setting) {
  char text[96];
  std::snprintf(text, sizeof text, "%.0fx%.0f, text scale %g, %s", setting.display.x,
                setting.display.y, setting.text_scale, setting.language);
  return text;
}

// Two sessions left by runs that did not exit cleanly (their files need not exist: the offer
// then names the path), offered for restoring.
void OfferTwoSessions(AppState& app) {
  app.files.autosave.orphans = {"/home/student/.config/convstep/autosave-123456.json",
                                "/home/student/.config/convstep/autosave-654321.json"};
  app.files.autosave.offer_open = true;
}

TEST(DialogFit, TheRestoreOfferFitsAndShowsEveryButtonAtAnyTextSize) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (const Setting& setting : kSettings) {
    if (!ApplySetting(app, setting)) GTEST_SKIP() << "no CJK font here";
    OfferTwoSessions(app);
    testing::SettledFrame(ui, app);
    EXPECT_EQ(WhatDoesNotFit("###io_restore"), "") << Describe(setting);
  }
}

// The windows the menus open (OpenWindowNamed's names, with their window ids): the export
// window, "What if I forget the permute?" (whose Python lines take more lines rather than run
// past its edge), the fit, values and save windows.
TEST(DialogFit, TheMenusWindowsFitAtAnyTextSize) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  const std::pair<const char*, const char*> windows[] = {
      {"export", "###io_export"},
      {"forgot-permute", "###forgot_permute_modal"},
      {"fit", "###fit_window"},
      {"values", "###io_values"},
      {"save", "###io_save"}};
  for (const Setting& setting : kSettings) {
    if (!ApplySetting(app, setting)) GTEST_SKIP() << "no CJK font here";
    for (const auto& [name, id] : windows) {
      testing::CloseWindows(app);
      ASSERT_TRUE(OpenWindowNamed(app, name));
      testing::SettledFrame(ui, app);
      EXPECT_EQ(WhatDoesNotFit(id), "") << name << ", " << Describe(setting);
    }
  }
}

// The restore offer opens centred at the usual text size; presentation mode then enlarges its
// text and it grows: it is centred again (it grew to the right and down from its old corner and
// came back flush against the display's right edge), a margin on either side.
TEST(DialogFit, AGrownRestoreOfferStaysCentred) {
  for (const Setting& setting : {Setting{{1024, 768}, 1.f, "en"}, Setting{{1366, 768}, 1.f, "zh"},
                                 Setting{{1920, 1080}, 1.f, "en"}}) {
    AppState app;
    testing::InitApp(app);
    HeadlessUi ui;
    if (!ApplySetting(app, setting)) GTEST_SKIP() << "no CJK font here";
    OfferTwoSessions(app);
    testing::SettledFrame(ui, app);
    ImGuiWindow* offer = ImGui::FindWindowByName("###io_restore");
    ASSERT_TRUE(offer && offer->Active) << Describe(setting);
    const ImVec2 small = offer->Size;
    SetPresenting(app, true);
    testing::SettledFrame(ui, app);
    ASSERT_TRUE(offer->Active) << Describe(setting);
    EXPECT_GT(offer->Size.x, small.x * 1.5f) << Describe(setting);  // it did grow
    const ImVec2 display = setting.display;
    EXPECT_NEAR(offer->Pos.x + offer->Size.x * 0.5f, display.x * 0.5f, 1.5f) << Describe(setting);
    if (offer->Size.y < display.y)
      EXPECT_NEAR(offer->Pos.y + offer->Size.y * 0.5f, display.y * 0.5f, 1.5f) << Describe(setting);
    EXPECT_GE(offer->Pos.x, display.x * 0.02f) << Describe(setting);
    EXPECT_LE(offer->Pos.x + offer->Size.x, display.x * 0.98f) << Describe(setting);
    EXPECT_EQ(WhatDoesNotFit("###io_restore"), "") << Describe(setting);
  }
}

}  // namespace
}  // namespace convstep::gui
