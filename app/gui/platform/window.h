// The platform layer of the executable (not in the tested library): the GLFW window, its
// OpenGL 3.3 context loaded with glad, Dear ImGui's GLFW + OpenGL3 backends, fonts on the GPU,
// and an offscreen framebuffer for screenshots.
#pragma once

#include <string>
#include <vector>

struct GLFWwindow;

namespace convstep::gui {

struct AppState;

/// The window and backends.
struct Platform {
  GLFWwindow* window = nullptr;
  bool imgui_ready = false;
  bool fullscreen = false;             ///< on the monitor (presentation mode)
  int windowed_x = 0, windowed_y = 0;  ///< where the window was before full screen
  int windowed_w = 0, windowed_h = 0;
};

/// Puts the window full screen on its monitor (its current video mode) or back where it was.
void SetFullscreen(Platform& platform, bool fullscreen);

/// Opens a window of width x height (hidden when !visible) with a GL 3.3 core context, creates
/// the ImGui context and backends. On failure says why in `error`.
bool CreatePlatform(Platform& platform, int width, int height, bool visible, std::string* error);

/// Shuts the backends and the window down.
void DestroyPlatform(Platform& platform);

/// The window's content scale (1 on ordinary monitors, 2 on HiDPI).
float ContentScale(const Platform& platform);

/// Rebuilds the font atlas at the app's text size and uploads it; rescales the style.
void RebuildFonts(AppState& app);

/// An offscreen colour buffer to render screenshots into, independent of the screen's size.
struct RenderTarget {
  unsigned framebuffer = 0, color = 0;
  int width = 0, height = 0;
};

/// Creates an RGBA8 framebuffer of the given size.
bool CreateRenderTarget(RenderTarget& target, int width, int height, std::string* error);
/// Deletes it.
void DestroyRenderTarget(RenderTarget& target);
/// Reads the bound framebuffer's pixels as RGBA rows from top to bottom.
std::vector<unsigned char> ReadPixels(int width, int height);
/// Writes RGBA pixels to a PNG file.
bool WritePng(const std::string& path, int width, int height,
              const std::vector<unsigned char>& rgba, std::string* error);

}  // namespace convstep::gui
