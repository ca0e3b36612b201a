// ConvStep: set-up, loop, tear-down (the shape of Dear ImGui's example_glfw_opengl3).
// Everything drawn lives in convstep_gui (ui.h); this file only owns the window, the clock,
// screenshots and the frame-time benchmark.
#include <glad/gl.h>
// glad first.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

#include "app_state.h"
#include "assets.h"
#include "bench.h"
#include "io/session_file.h"
#include "io_run.h"
#include "language.h"
#include "lesson.h"
#include "options.h"
#include "platform.h"
#include "presentation_mode.h"
#include "stage_panels.h"
#include "ui.h"
#include "x_connection.h"

namespace {

using convstep::gui::AppOptions;
using convstep::gui::AppState;

// Applies --lang (or the remembered language) and --lesson. Returns an exit code, or -1.
int ApplyTeachingOptions(const AppOptions& options, AppState& app) {
  std::string language = options.language;
  if (language.empty())
    language =
        convstep::gui::ReadLanguageSetting(convstep::gui::LanguageSettingPath()).value_or("en");
  if (language != "en" && !convstep::gui::SetLanguage(app, language))
    std::cerr << "convstep: warning: " << app.notice << "\n";
  if (options.lesson > 0) {
    const bool still = !options.screenshot_path.empty();
    auto opened = convstep::gui::OpenChapter(app, options.lesson - 1, still);
    if (!opened) {
      std::cerr << "convstep: error: --lesson " << options.lesson << ": "
                << opened.error().OneLine() << "\n";
      return convstep::gui::kUsageError;
    }
  }
  return -1;
}

// Applies --spec, --granularity, --step and --text-scale. Returns an exit code, or -1 to run.
int ApplyOptions(const AppOptions& options, AppState& app) {
  if (const int code = ApplyTeachingOptions(options, app); code >= 0) return code;
  if (!options.spec_path.empty()) {
    auto opened = convstep::gui::OpenSessionFile(app, options.spec_path);  // a spec or a session
    if (!opened) {
      std::cerr << "convstep: error: " << opened.error().OneLine() << "\n";
      return convstep::gui::kUsageError;
    }
  }
  if (options.granularity) convstep::gui::SetGranularity(app, *options.granularity);
  if (options.step) {
    const int64_t count = convstep::gui::StepCount(app);
    if (*options.step >= count) {
      std::cerr << "convstep: error: --step " << *options.step << " is out of range: there are "
                << count << " steps at granularity "
                << convstep::GranularityName(app.timeline.granularity) << ", numbered 0 to "
                << count - 1 << "\n";
      return convstep::gui::kUsageError;
    }
    convstep::gui::SeekStep(app, *options.step);
    app.window_tween.progress = 1.f;
  }
  if (options.io.text_scale_given) app.view.text_scale = options.text_scale;
  if (options.present) convstep::gui::SetPresenting(app, true);
  if (convstep::gui::ParseRegionPanels(options.io.region, &app.present.region))
    convstep::gui::SetPresenting(app, true);  // the panels fill a slide-sized frame
  convstep::gui::PinOption pin;
  if (convstep::gui::ParsePin(options.pin, &pin)) {
    const convstep::gui::HoverKind kind = pin.kind == "output"  ? convstep::gui::HoverKind::kOutput
                                          : pin.kind == "input" ? convstep::gui::HoverKind::kInput
                                                                : convstep::gui::HoverKind::kWeight;
    const convstep::gui::HoverTarget target{kind, pin.a, pin.b, pin.c};
    if (!convstep::gui::TargetExists(*app.session, target)) {
      std::cerr << "convstep: error: --pin " << options.pin << " names no cell of this session\n";
      return convstep::gui::kUsageError;
    }
    app.hover.pinned = target;
  }
  return -1;
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const size_t index =
      static_cast<size_t>(std::ceil(fraction * static_cast<double>(values.size()))) - 1;
  return values[std::min(index, values.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  const auto process_start = std::chrono::steady_clock::now();  // for --startup-time
  const convstep::gui::ParsedOptions parsed = convstep::gui::ParseOptions(argc, argv);
  if (parsed.exit) {
    std::cout << parsed.output;
    std::cerr << parsed.error;
    return parsed.exit_code;
  }
  const AppOptions& options = parsed.options;
  AppState app;
  std::string error;
  if (!convstep::gui::InitAppState(app, convstep::gui::FindAssetsDir(), &error)) {
    std::cerr << "convstep: error: " << error << "\n";
    return 1;
  }
  convstep::gui::SetMemoryBudgetMiB(app, options.max_memory_mib);
  const auto state_ready = std::chrono::steady_clock::now();
  auto window_ready = state_ready, fonts_ready = state_ready;
  convstep::gui::IoRun io_run;  // settings, autosave, drops, exports (io_run.h)
  int window_width = options.width, window_height = options.height;
  if (const int code =
          convstep::gui::PrepareIo(options, app, io_run, &window_width, &window_height);
      code >= 0)
    return code;
  if (const int code = ApplyOptions(options, app); code >= 0) return code;
  if (options.io.Headless()) return convstep::gui::RunHeadlessIo(options, app);

  const bool screenshot = !options.screenshot_path.empty();
  const bool bench_edits = options.bench_edits > 0;
  const bool bench = options.bench_frames > 0 || bench_edits;
  const int bench_frames = bench_edits ? options.bench_edits : options.bench_frames;
  convstep::gui::EditScript edit_script;
  std::vector<convstep::gui::FrameTiming> timings;  // --bench-edits
  std::string frame_edit;
  convstep::gui::Platform platform;
  if (!convstep::gui::CreatePlatform(platform, window_width, window_height, !screenshot, &error)) {
    std::cerr << "convstep: error: " << error << "\n";
    return 1;
  }
  window_ready = std::chrono::steady_clock::now();
  convstep::gui::SetContentScale(app, screenshot ? 1.f : convstep::gui::ContentScale(platform));
  convstep::gui::RenderTarget target;
  if (screenshot &&
      !convstep::gui::CreateRenderTarget(target, options.width, options.height, &error)) {
    std::cerr << "convstep: error: " << error << "\n";
    convstep::gui::DestroyPlatform(platform);
    return 1;
  }
  convstep::gui::AttachIo(io_run, app, platform.window);
  // A lost X connection or window autosaves and exits with kDisplayLostExit (x_connection.h).
  convstep::gui::WatchDisplayConnection(app, platform.window);
  // Lesson keys are queued as they happen: a presentation clicker's PageDown is pressed and
  // released within one frame, which Dear ImGui 1.86's key state would miss.
  glfwSetWindowUserPointer(platform.window, &app);
  glfwSetKeyCallback(platform.window,
                     [](GLFWwindow* window, int key, int scancode, int action, int mods) {
                       ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
                       auto* state = static_cast<AppState*>(glfwGetWindowUserPointer(window));
                       if (state && action == GLFW_PRESS)
                         convstep::gui::QueueLessonKey(*state, key);
                     });
  if (screenshot) {
    app.permute.progress = 1.f;  // a still picture shows the permuted result
  } else {
    convstep::gui::ReplayPermute(app);
  }
  if (bench) {
    glfwSwapInterval(0);  // measure the work, not the monitor
    app.timeline.playing = true;
    app.timeline.speed = convstep::gui::kMaxSpeed;
  } else {
    glfwSwapInterval(1);
  }

  std::vector<double> frame_ms, ui_ms;  // whole frames; building the UI alone (CPU)
  using Clock = std::chrono::steady_clock;
  auto last = Clock::now();
  int exit_code = 0;
  int vertices = 0;
  for (int frame = 0;; ++frame) {
    // Idle (nothing moving, nobody touching): wait for input instead of spinning at 60 fps.
    if (screenshot || bench || convstep::gui::IsAnimating(app) || convstep::gui::IoBusy(app) ||
        convstep::gui::BuildPending(app)) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(0.1);
    }
    if (glfwWindowShouldClose(platform.window) || app.quit_requested) break;
    if (!screenshot && !bench) {  // minimised (a 0x0 framebuffer): nothing to draw, wait
      int fb_w = 0, fb_h = 0;
      glfwGetFramebufferSize(platform.window, &fb_w, &fb_h);
      if (fb_w <= 0 || fb_h <= 0) {
        glfwWaitEventsTimeout(0.25);
        continue;
      }
    }
    if (!screenshot) convstep::gui::SetContentScale(app, convstep::gui::ContentScale(platform));
    if (!screenshot && !bench) convstep::gui::SetFullscreen(platform, app.present.on);
    if (screenshot) {
      convstep::gui::SetDisplaySize(app, static_cast<float>(options.width),
                                    static_cast<float>(options.height));
    } else {
      int window_w = 0, window_h = 0;
      glfwGetWindowSize(platform.window, &window_w, &window_h);
      const ImVec2 display = convstep::gui::IoDisplaySize(app, window_w, window_h);  // exports
      convstep::gui::SetDisplaySize(app, display.x, display.y);
    }
    if (app.view.fonts_dirty) convstep::gui::RebuildFonts(app);
    if (frame == 0) fonts_ready = Clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (screenshot) {
      io.DisplaySize =
          ImVec2(static_cast<float>(options.width), static_cast<float>(options.height));
      io.DisplayFramebufferScale = ImVec2(1.f, 1.f);
      io.DeltaTime = 1.f / 60.f;  // a fixed clock: the same frames give the same picture
    }
    const bool capture = !screenshot && !bench && convstep::gui::BeginIoFrame(io_run, app);
    const auto ui_start = Clock::now();
    const auto* session_before = app.session.get();
    frame_edit.clear();
    if (bench_edits && frame > 0) {
      const int64_t made = edit_script.applied;
      convstep::gui::StepEditScript(edit_script, app, frame);
      if (edit_script.applied != made) frame_edit = edit_script.last;
    }
    ImGui::NewFrame();
    convstep::gui::DrawUi(app, io.DeltaTime);
    ImGui::Render();
    const double ui_time =
        std::chrono::duration<double, std::milli>(Clock::now() - ui_start).count();
    if (!screenshot && !bench) convstep::gui::EndIoFrame(io_run, app, capture, glfwGetTime());
    const int fb_w = screenshot ? options.width
                                : static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    const int fb_h = screenshot ? options.height
                                : static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    glBindFramebuffer(GL_FRAMEBUFFER, screenshot ? target.framebuffer : 0);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    vertices = ImGui::GetDrawData()->TotalVtxCount;
    if (screenshot) {
      if (frame + 1 >= options.frames) {
        const auto pixels = convstep::gui::ReadPixels(options.width, options.height);
        if (!convstep::gui::WritePng(options.screenshot_path, options.width, options.height, pixels,
                                     &error)) {
          std::cerr << "convstep: error: " << error << "\n";
          exit_code = 1;
        }
        break;
      }
      continue;
    }
    glfwSwapBuffers(platform.window);
    if (frame == 0 && options.startup_time) {
      glFinish();
      const auto ms = [](auto from, auto to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
      };
      std::printf(
          "startup: first frame on screen after %.1f ms (state %.1f ms, window %.1f ms, fonts "
          "%.1f ms, first frame %.1f ms)\n",
          ms(process_start, Clock::now()), ms(process_start, state_ready),
          ms(state_ready, window_ready), ms(window_ready, fonts_ready),
          ms(fonts_ready, Clock::now()));
      std::fflush(stdout);
    }
    if (bench_edits && app.session.get() != session_before)
      convstep::gui::RecordSwap(edit_script, app);
    if (bench) {
      glFinish();
      const auto now = Clock::now();
      if (frame > 0) {
        frame_ms.push_back(std::chrono::duration<double, std::milli>(now - last).count());
        ui_ms.push_back(ui_time);
        timings.push_back({frame_ms.back(), ui_time, frame_edit});
      }
      last = now;
      if (static_cast<int>(frame_ms.size()) >= bench_frames) break;
    }
  }
  convstep::gui::FinishIo(io_run, app, platform.window);  // settings saved, autosave removed
  convstep::gui::DestroyRenderTarget(target);
  convstep::gui::DestroyPlatform(platform);
  if (bench) {
    const auto& g = app.session->geometry;
    std::printf(
        "bench: %dx%d, input [%lld, %lld, %lld], out_channels %lld, kernel_size %lld, granularity "
        "%s, speed 16x\n",
        options.width, options.height, static_cast<long long>(g.batch),
        static_cast<long long>(g.in_channels), static_cast<long long>(g.length),
        static_cast<long long>(g.out_channels), static_cast<long long>(g.kernel_size),
        convstep::GranularityName(app.timeline.granularity));
    if (bench_edits) {
      convstep::gui::PrintEditBench(timings, edit_script);
      return exit_code;
    }
    std::printf("ui (layout and draw lists, CPU only): p50: %.2f ms p95: %.2f ms; vertices: %d\n",
                Percentile(ui_ms, 0.5), Percentile(ui_ms, 0.95), vertices);
    std::printf("frames: %zu p50: %.2f ms p95: %.2f ms max: %.2f ms\n", frame_ms.size(),
                Percentile(frame_ms, 0.5), Percentile(frame_ms, 0.95),
                frame_ms.empty() ? 0.0 : *std::max_element(frame_ms.begin(), frame_ms.end()));
  }
  return exit_code;
}
