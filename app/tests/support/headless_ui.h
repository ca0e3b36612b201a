// Helpers for the app tests: an AppState on the repository's assets, and a headless Dear ImGui
// context (fonts built, no renderer) that runs whole UI frames.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include "state/app_state.h"
#include "state/language.h"
#include "ui/draw/theme.h"
#include "ui/fonts.h"
#include "ui/ui.h"

namespace convstep::gui::testing {

/// An AppState opened on the default session (the seed example). Fails the test otherwise.
inline void InitApp(AppState& app) {
  std::string error;
  ASSERT_TRUE(InitAppState(app, CONVSTEP_ASSETS_DIR, &error)) << error;
}

/// A Recipe for the seed layer with simple, hand-checkable values.
inline Recipe ArangeSeedRecipe() {
  Recipe recipe;
  recipe.source = ValueSource::kArange;
  return recipe;
}

/// A Dear ImGui context with a built font atlas and no renderer: NewFrame / Render work, so
/// whole frames of the UI run and their draw lists can be inspected.
class HeadlessUi {
 public:
  explicit HeadlessUi(ImVec2 display = ImVec2(1600.f, 900.f)) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    // The GLFW backend's key map: GLFW key codes index io.KeysDown.
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_LeftArrow] = 263;
    io.KeyMap[ImGuiKey_RightArrow] = 262;
    io.KeyMap[ImGuiKey_Home] = 268;
    io.KeyMap[ImGuiKey_End] = 269;
    io.KeyMap[ImGuiKey_Escape] = 256;
    io.KeyMap[ImGuiKey_Enter] = 257;
    io.KeyMap[ImGuiKey_Backspace] = 259;
    io.KeyMap[ImGuiKey_Tab] = 258;
  }
  ~HeadlessUi() { ImGui::DestroyContext(context_); }
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  /// Loads the app's fonts at its text size (as the platform layer would) and builds the atlas.
  void BuildFonts(AppState& app) {
    ImGuiIO& io = ImGui::GetIO();
    const float pixels = AppFontPixels(app);
    LoadAppFonts(app, io.Fonts);
    unsigned char* pixels_rgba = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels_rgba, &width, &height);
    ApplyStyle(pixels / kBaseFontPixels);
    if (app.view.high_contrast) ApplyHighContrast(ImGui::GetStyle());
    app.view.fonts_dirty = false;
  }

  /// Runs one frame of the whole UI; returns the number of vertices it produced.
  int Frame(AppState& app, float dt = 1.f / 60.f) {
    ImGuiIO& io = ImGui::GetIO();
    SetDisplaySize(app, io.DisplaySize.x, io.DisplaySize.y);
    if (app.view.fonts_dirty) BuildFonts(app);
    io.DeltaTime = dt;
    ImGui::NewFrame();
    DrawUi(app, dt);
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }

  /// Presses and releases a key (a GLFW key code) over two frames.
  void PressKey(AppState& app, int key) {
    ImGui::GetIO().KeysDown[key] = true;
    Frame(app);
    ImGui::GetIO().KeysDown[key] = false;
    Frame(app);
  }

  /// Types a character.
  void TypeChar(AppState& app, unsigned int c) {
    ImGui::GetIO().AddInputCharacter(c);
    Frame(app);
  }

 private:
  ImGuiContext* context_ = nullptr;
};

}  // namespace convstep::gui::testing
