#include "platform/window.h"

#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>
#endif

#include "state/app_state.h"
#include "state/language.h"
#include "ui/draw/theme.h"
#include "ui/fonts.h"
#include "ui/ui.h"

namespace convstep::gui {
namespace {

std::string GlfwError() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown GLFW error";
}

}  // namespace

bool CreatePlatform(Platform& platform, int width, int height, bool visible, std::string* error) {
  if (!glfwInit()) {
    *error = "cannot initialise GLFW (" + GlfwError() +
             "); is there a display? Headless: run under xvfb-run -a";
    return false;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
#ifdef __EMSCRIPTEN__
  // An opaque canvas with no depth, stencil or multisample buffers: the UI needs none, and each
  // one costs the browser's compositor in every frame.
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_SAMPLES, 0);
#endif
  platform.window =
      glfwCreateWindow(width, height, "ConvStep — nn.Conv1d step by step", nullptr, nullptr);
  if (!platform.window) {
    *error = "cannot open an OpenGL 3.3 window (" + GlfwError() + ")";
    glfwTerminate();
    return false;
  }
  glfwMakeContextCurrent(platform.window);
#ifdef __EMSCRIPTEN__
  // The browser: WebGL 2 (OpenGL ES 3.0); glad's stand-in loads nothing (platform/web/include).
  constexpr const char* kGlslVersion = "#version 300 es";
#else
  constexpr const char* kGlslVersion = "#version 330 core";
#endif
  if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(glfwGetProcAddress))) {
    *error = "cannot load OpenGL 3.3 functions";
    glfwDestroyWindow(platform.window);
    glfwTerminate();
    platform.window = nullptr;
    return false;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // fixed tiles: nothing to remember yet
  ImGui_ImplGlfw_InitForOpenGL(platform.window, true);
  ImGui_ImplOpenGL3_Init(kGlslVersion);
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  platform.imgui_ready = true;
  return true;
}

void DestroyPlatform(Platform& platform) {
  if (platform.imgui_ready) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    platform.imgui_ready = false;
  }
  if (platform.window) glfwDestroyWindow(platform.window);
  platform.window = nullptr;
  glfwTerminate();
}

void SetFullscreen(Platform& platform, bool fullscreen) {
  if (!platform.window || platform.fullscreen == fullscreen) return;
  platform.fullscreen = fullscreen;
  if (fullscreen) {
    glfwGetWindowPos(platform.window, &platform.windowed_x, &platform.windowed_y);
    glfwGetWindowSize(platform.window, &platform.windowed_w, &platform.windowed_h);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return;
    glfwSetWindowMonitor(platform.window, monitor, 0, 0, mode->width, mode->height,
                         mode->refreshRate);
  } else {
    glfwSetWindowMonitor(platform.window, nullptr, platform.windowed_x, platform.windowed_y,
                         platform.windowed_w, platform.windowed_h, GLFW_DONT_CARE);
  }
}

float ContentScale(const Platform& platform) {
#ifdef __EMSCRIPTEN__
  (void)platform;  // the browser's devicePixelRatio (emscripten 3.1.6's GLFW has no content scale)
  const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  return ratio > 0.f ? ratio : 1.f;
#else
  float x = 1.f, y = 1.f;
  glfwGetWindowContentScale(platform.window, &x, &y);
  return x > 0.f ? x : 1.f;
#endif
}

void RebuildFonts(AppState& app) {
  const float pixels = AppFontPixels(app);
  LoadAppFonts(app, ImGui::GetIO().Fonts);  // with the CJK glyphs the language and sentences use
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  ApplyStyle(pixels / kBaseFontPixels);
  if (app.view.high_contrast) ApplyHighContrast(ImGui::GetStyle());
  app.view.fonts_dirty = false;
}

bool CreateRenderTarget(RenderTarget& target, int width, int height, std::string* error) {
  target.width = width;
  target.height = height;
  glGenFramebuffers(1, &target.framebuffer);
  glGenTextures(1, &target.color);
  glBindTexture(GL_TEXTURE_2D, target.color);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target.color, 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!complete) {
    *error = "cannot create a " + std::to_string(width) + "x" + std::to_string(height) +
             " offscreen framebuffer";
    DestroyRenderTarget(target);
  }
  return complete;
}

void DestroyRenderTarget(RenderTarget& target) {
  if (target.framebuffer) glDeleteFramebuffers(1, &target.framebuffer);
  if (target.color) glDeleteTextures(1, &target.color);
  target = RenderTarget{};
}

std::vector<unsigned char> ReadPixels(int width, int height) {
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL's rows start at the bottom; PNG's at the top.
  const size_t row = static_cast<size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::copy_n(
        pixels.begin() + static_cast<std::ptrdiff_t>(row * static_cast<size_t>(height - 1 - y)),
        row, flipped.begin() + static_cast<std::ptrdiff_t>(row * static_cast<size_t>(y)));
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque
  return flipped;
}

}  // namespace convstep::gui
