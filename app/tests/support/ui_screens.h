// Whole-UI frames for the layout tests: the screens they look at (the seed example, lesson
// chapters), a frame once the layout has settled, and the glyphs a panel drew (how many, how
// tall, how tall its digits are).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "state/lesson.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "ui/windows/open_window.h"

namespace convstep::gui::testing {

// What is on screen: the seed example at step 34 (the README's picture) with a side tab, a view
// tab and a window of choice, or a lesson chapter (its own side tab, view tab and windows).
struct Screen {
  const char* name;
  int chapter;                          ///< 1-based; 0: the seed example
  SideTab side = SideTab::kParameters;  ///< the seed example's side tab
  MainView view = MainView::kSteps;     ///< the seed example's view tab
  const char* window = nullptr;         ///< a window opened on top (OpenableWindowNames)
  const char* window_id = nullptr;      ///< its "###id"
};
inline const Screen kScreens[] = {{"seed example, step 34", 0},
                                  {"chapter 3 (kernel bank)", 3},
                                  {"chapter 4 (dot product)", 4},
                                  {"chapter 6 (output)", 6}};

// Every other screen: the other chapters, the Sentences side tab, the other view tabs and the
// windows the menus open.
inline const Screen kMoreScreens[] = {
    {"chapter 1 (input)", 1},
    {"chapter 2 (permute)", 2},
    {"chapter 5 (sliding window)", 5},
    {"chapter 7 (formula)", 7},
    {"chapter 8", 8},
    {"chapter 9 (forgot the permute?)", 9},
    {"chapter 10 (Conv1d vs Conv2d)", 10},
    {"chapter 11", 11},
    {"Sentences tab", 0, SideTab::kSentences},
    {"PyTorch code view", 0, SideTab::kParameters, MainView::kCode},
    {"Conv1d vs Conv2d view", 0, SideTab::kParameters, MainView::kConv2d},
    {"Conv1d as a matrix multiply view", 0, SideTab::kParameters, MainView::kMatmul},
    {"Fit window", 0, SideTab::kParameters, MainView::kSteps, "fit", "###fit_window"},
    {"Forgot the permute? window", 0, SideTab::kParameters, MainView::kSteps, "forgot-permute",
     "###forgot_permute_modal"},
    {"Export window", 0, SideTab::kParameters, MainView::kSteps, "export", "###io_export"},
    {"Values window", 0, SideTab::kParameters, MainView::kSteps, "values", "###io_values"},
};

// Closes every window the menus open (the next screen opens its own).
inline void CloseWindows(AppState& app) {
  app.teach.fit.open = false;
  app.show_forgot_permute = false;
  app.files.values.open = false;
  app.files.exporting.open = false;
  ImGui::GetCurrentContext()->OpenPopupStack.resize(0);  // the forgot-the-permute modal
}

inline void ShowScreen(AppState& app, const Screen& screen) {
  CloseWindows(app);
  if (screen.chapter > 0) {
    auto opened = OpenChapter(app, screen.chapter - 1, /*still=*/true);
    ASSERT_TRUE(opened) << opened.error().message;
  } else {
    app.view.show.side = screen.side;
    app.view.show.view = screen.view;
    auto opened =
        OpenSpecFile(app, std::string(CONVSTEP_ASSETS_DIR) + "/presets/01_seed_example.json");
    ASSERT_TRUE(opened) << opened.error().message;
    SeekStep(app, 34);
  }
  if (screen.window) ASSERT_TRUE(OpenWindowNamed(app, screen.window)) << screen.window;
  app.permute.progress = 1.f;
  app.window_tween.progress = 1.f;
}

// Frames until the layout settles (fonts, scroll bars, follow), then one measured frame.
inline void SettledFrame(HeadlessUi& ui, AppState& app) {
  for (int i = 0; i < 3; ++i) ui.Frame(app, 1e-4f);
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;  // only glyphs are textured
  ui.Frame(app, 1e-4f);
}

// True when resting the pointer at `at` for a second (frames of 0.25 s, the clock stopped)
// shows a tooltip: how a widget that shortens its text shows the whole of it. Moves the pointer
// away again afterwards.
inline bool HoverShowsTooltip(HeadlessUi& ui, AppState& app, ImVec2 at) {
  const bool playing = app.timeline.playing;
  app.timeline.playing = false;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  bool shown = false;
  for (int i = 0; i < 5 && !shown; ++i) {
    ui.Frame(app, 0.25f);
    for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
      shown = shown || (window->Active && (window->Flags & ImGuiWindowFlags_Tooltip) != 0 &&
                        window->DrawList->VtxBuffer.Size > 0);
  }
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ui.Frame(app, 1e-4f);
  app.timeline.playing = playing;
  return shown;
}

// Glyphs drawn by a panel (found by its "###id"); their median height is a digit's height.
struct PanelGlyphs {
  size_t count = 0;
  float median_height = 0.f;
  float median_digit_height = 0.f;  ///< of the digits 0-9 alone (found by their atlas texels)
  bool scrolls = false;
};

// The atlas texels of the digits 0-9 of every loaded face: a glyph quad whose top-left texel is
// one of these is a digit.
inline std::vector<ImVec2> DigitTexels() {
  std::vector<ImVec2> texels;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (ImWchar c = '0'; c <= '9'; ++c)
      if (const ImFontGlyph* glyph = font->FindGlyphNoFallback(c))
        texels.push_back(ImVec2(glyph->U0, glyph->V0));
  return texels;
}

inline float Median(std::vector<float> values) {
  if (values.empty()) return 0.f;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

inline bool Shown(const char* panel) {
  ImGuiWindow* window = ImGui::FindWindowByName(panel);
  return window && window->Active;
}

inline PanelGlyphs GlyphsOf(const char* panel) {
  PanelGlyphs out;
  ImGuiWindow* window = ImGui::FindWindowByName(panel);
  if (!window || !window->WasActive) return out;
  const std::vector<GlyphQuad> glyphs = GlyphQuads(window);
  out.count = glyphs.size();
  out.scrolls = WindowScrolls(window);
  const std::vector<ImVec2> digits = DigitTexels();
  std::vector<float> heights, digit_heights;
  for (const GlyphQuad& glyph : glyphs) {
    heights.push_back(glyph.rect.GetHeight());
    for (const ImVec2& texel : digits)
      if (texel.x == glyph.texel.x && texel.y == glyph.texel.y) {
        digit_heights.push_back(glyph.rect.GetHeight());
        break;
      }
  }
  out.median_height = Median(heights);
  out.median_digit_height = Median(digit_heights);
  return out;
}

}  // namespace convstep::gui::testing
