#include "platform/run_modes.h"

#include <glad/gl.h>
// glad first.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <vector>

#include "platform/bench.h"
#include "platform/x_connection.h"
#include "state/background.h"
#include "state/export_job.h"
#include "ui/keys.h"
#include "ui/ui.h"

namespace convstep::gui {
namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// The display size of this frame: the --size of a still picture, else the window's (or an
// export's fixed size), and the monitor's content scale; the fonts follow.
void PrepareDisplay(AppState& app, const DesktopWindow& window, const AppOptions& options,
                    bool still, bool first_frame, StartupClock* clock) {
  if (still) {
    SetDisplaySize(app, static_cast<float>(options.width), static_cast<float>(options.height));
  } else {
    SetContentScale(app, ContentScale(window.platform));
    int window_w = 0, window_h = 0;
    glfwGetWindowSize(window.platform.window, &window_w, &window_h);
    const ImVec2 display = ExportDisplaySize(app, window_w, window_h);  // exports
    SetDisplaySize(app, display.x, display.y);
  }
  if (app.view.fonts_dirty) RebuildFonts(app);
  if (first_frame && clock) clock->fonts_ready = Clock::now();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (still) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(options.width), static_cast<float>(options.height));
    io.DisplayFramebufferScale = ImVec2(1.f, 1.f);
    io.DeltaTime = 1.f / 60.f;  // a fixed clock: the same frames give the same picture
  }
}

// Builds the UI of one frame; returns the time it took on the CPU (layout and draw lists).
double BuildUi(AppState& app) {
  const auto start = Clock::now();
  ImGui::NewFrame();
  DrawUi(app, ImGui::GetIO().DeltaTime);
  ImGui::Render();
  return MillisecondsBetween(start, Clock::now());
}

// Renders the built UI into `framebuffer` (0: the window) of the display's size in pixels, or
// `width` x `height` when given. Returns the vertex count.
int RenderUi(unsigned framebuffer, int width = 0, int height = 0) {
  const ImGuiIO& io = ImGui::GetIO();
  const int fb_w =
      width > 0 ? width : static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x);
  const int fb_h =
      height > 0 ? height : static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
  glViewport(0, 0, fb_w, fb_h);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return ImGui::GetDrawData()->TotalVtxCount;
}

bool ShouldClose(const DesktopWindow& window, const AppState& app) {
  return glfwWindowShouldClose(window.platform.window) || app.quit_requested;
}

void PrintStartup(const StartupClock& clock) {
  const auto now = Clock::now();
  std::printf(
      "startup: first frame on screen after %.1f ms (state %.1f ms, window %.1f ms, fonts "
      "%.1f ms, first frame %.1f ms)\n",
      MillisecondsBetween(clock.process_start, now),
      MillisecondsBetween(clock.process_start, clock.state_ready),
      MillisecondsBetween(clock.state_ready, clock.window_ready),
      MillisecondsBetween(clock.window_ready, clock.fonts_ready),
      MillisecondsBetween(clock.fonts_ready, now));
  std::fflush(stdout);
}

void PrintBench(const AppOptions& options, const AppState& app, const std::vector<double>& frame_ms,
                const std::vector<double>& ui_ms, int vertices) {
  const auto& g = app.session->geometry;
  std::printf(
      "bench: %dx%d, input [%lld, %lld, %lld], out_channels %lld, kernel_size %lld, granularity "
      "%s, speed 16x\n",
      options.width, options.height, static_cast<long long>(g.batch),
      static_cast<long long>(g.in_channels), static_cast<long long>(g.length),
      static_cast<long long>(g.out_channels), static_cast<long long>(g.kernel_size),
      GranularityName(app.timeline.granularity));
  if (options.bench_edits > 0) return;
  std::printf("ui (layout and draw lists, CPU only): p50: %.2f ms p95: %.2f ms; vertices: %d\n",
              PercentileOf(ui_ms, 0.5), PercentileOf(ui_ms, 0.95), vertices);
  std::printf("frames: %zu p50: %.2f ms p95: %.2f ms max: %.2f ms\n", frame_ms.size(),
              PercentileOf(frame_ms, 0.5), PercentileOf(frame_ms, 0.95),
              frame_ms.empty() ? 0.0 : *std::max_element(frame_ms.begin(), frame_ms.end()));
}

}  // namespace

bool OpenDesktopWindow(const AppOptions& options, AppState& app, FilesRun& files, int width,
                       int height, DesktopWindow& window, std::string* error) {
  const bool still = !options.screenshot_path.empty();
  if (!CreatePlatform(window.platform, width, height, !still, error)) return false;
  SetContentScale(app, still ? 1.f : ContentScale(window.platform));
  if (still && !CreateRenderTarget(window.target, options.width, options.height, error)) {
    DestroyPlatform(window.platform);
    return false;
  }
  AttachFiles(files, app, window.platform.window);
  // A lost X connection or window autosaves and exits with kDisplayLostExit (x_connection.h).
  WatchDisplayConnection(app, window.platform.window);
  // Lesson keys are queued as they happen: a presentation clicker's PageDown is pressed and
  // released within one frame, which Dear ImGui 1.86's key state would miss.
  glfwSetWindowUserPointer(window.platform.window, &app);
  glfwSetKeyCallback(window.platform.window,
                     [](GLFWwindow* glfw_window, int key, int scancode, int action, int mods) {
                       ImGui_ImplGlfw_KeyCallback(glfw_window, key, scancode, action, mods);
                       auto* state = static_cast<AppState*>(glfwGetWindowUserPointer(glfw_window));
                       if (state && action == GLFW_PRESS) QueueLessonKey(*state, key);
                     });
  return true;
}

void CloseDesktopWindow(DesktopWindow& window) {
  DestroyRenderTarget(window.target);
  DestroyPlatform(window.platform);
}

int RunInteractive(const AppOptions& options, AppState& app, FilesRun& files, DesktopWindow& window,
                   StartupClock& clock) {
  ReplayPermute(app);
  glfwSwapInterval(1);
  for (int frame = 0;; ++frame) {
    // Idle (nothing moving, nobody touching): wait for input instead of spinning at 60 fps.
    if (IsAnimating(app) || FilesBusy(app) || BuildPending(app)) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(0.1);
    }
    if (ShouldClose(window, app)) break;
    int fb_w = 0, fb_h = 0;  // minimised (a 0x0 framebuffer): nothing to draw, wait
    glfwGetFramebufferSize(window.platform.window, &fb_w, &fb_h);
    if (fb_w <= 0 || fb_h <= 0) {
      glfwWaitEventsTimeout(0.25);
      continue;
    }
    // Presentation mode (F5, --present); an export of chosen panels uses its layout offscreen
    // and leaves the window as it was.
    const std::shared_ptr<ExportJob>& job = app.files.exporting.job;
    const bool slide_export = job && job->request.region == ExportRegion::kChosenPanels;
    SetFullscreen(window.platform, slide_export ? job->presenting : app.present.on);
    PrepareDisplay(app, window, options, false, frame == 0, &clock);
    const bool capture = BeginFilesFrame(files, app);
    BuildUi(app);
    EndFilesFrame(files, app, capture, glfwGetTime());
    RenderUi(0);
    glfwSwapBuffers(window.platform.window);
    if (frame == 0 && options.startup_time) {
      glFinish();
      PrintStartup(clock);
    }
  }
  return 0;
}

int RunScreenshot(const AppOptions& options, AppState& app, DesktopWindow& window) {
  app.permute.progress = 1.f;  // a still picture shows the permuted result
  for (int frame = 0;; ++frame) {
    glfwPollEvents();
    if (ShouldClose(window, app)) return 0;
    PrepareDisplay(app, window, options, true, frame == 0, nullptr);
    BuildUi(app);
    RenderUi(window.target.framebuffer, options.width, options.height);
    if (frame + 1 < options.frames) continue;
    const auto pixels = ReadPixels(options.width, options.height);
    std::string error;
    if (!WritePng(options.screenshot_path, options.width, options.height, pixels, &error)) {
      std::cerr << "convstep: error: " << error << "\n";
      return 1;
    }
    return 0;
  }
}

int RunBench(const AppOptions& options, AppState& app, DesktopWindow& window, StartupClock& clock) {
  const bool edits = options.bench_edits > 0;
  const int frames = edits ? options.bench_edits : options.bench_frames;
  ReplayPermute(app);
  glfwSwapInterval(0);  // measure the work, not the monitor
  app.timeline.playing = true;
  app.timeline.speed = kMaxSpeed;
  EditScript script;
  std::vector<FrameTiming> timings;     // --bench-edits
  std::vector<double> frame_ms, ui_ms;  // whole frames; building the UI alone (CPU)
  int vertices = 0;
  auto last = Clock::now();
  for (int frame = 0; static_cast<int>(frame_ms.size()) < frames; ++frame) {
    glfwPollEvents();
    if (ShouldClose(window, app)) break;
    PrepareDisplay(app, window, options, false, frame == 0, &clock);
    const auto* session_before = app.session.get();
    std::string edit;
    if (edits && frame > 0) {
      const int64_t made = script.applied;
      StepEditScript(script, app, frame);
      if (script.applied != made) edit = script.last;
    }
    const double ui_time = BuildUi(app);
    vertices = RenderUi(0);
    glfwSwapBuffers(window.platform.window);
    if (frame == 0 && options.startup_time) {
      glFinish();
      PrintStartup(clock);
    }
    if (edits && app.session.get() != session_before) RecordSwap(script, app);
    glFinish();
    const auto now = Clock::now();
    if (frame > 0) {
      frame_ms.push_back(MillisecondsBetween(last, now));
      ui_ms.push_back(ui_time);
      timings.push_back({frame_ms.back(), ui_time, edit});
    }
    last = now;
  }
  PrintBench(options, app, frame_ms, ui_ms, vertices);
  if (edits) PrintEditBench(timings, script);
  return 0;
}

}  // namespace convstep::gui
