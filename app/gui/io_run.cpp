#include "io_run.h"

#include <glad/gl.h>
// glad first.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <iostream>

#include "interrupt.h"
#include "io/autosave.h"
#include "io/export_job.h"
#include "io/session_file.h"
#include "io/settings.h"
#include "panels/export_panel.h"
#include "platform.h"
#include "ui.h"
#include "x_connection.h"

namespace convstep::gui {
namespace {

// Files dropped on the window: queued, opened by the next frame (io/tensor_import.h).
void OnDrop(GLFWwindow* window, int count, const char** paths) {
  auto* app = static_cast<AppState*>(glfwGetWindowUserPointer(window));
  if (!app) return;
  for (int i = 0; i < count; ++i) app->io.dropped_paths.emplace_back(paths[i]);
  glfwPostEmptyEvent();
}

ExportRequest RequestFromOptions(const AppOptions& options, const AppState& app) {
  const IoOptions& io = options.io;
  ExportRequest request;
  request.kind = io.export_gif.empty() ? ExportKind::kPngSequence : ExportKind::kGif;
  request.path = io.export_gif.empty() ? io.export_png_dir : io.export_gif;
  request.granularity = app.timeline.granularity;
  request.from = io.from;
  const int64_t count = StepCount(app);
  request.to = io.to >= 0 ? io.to : std::min(count, io.from + 24);
  request.delay_ms = io.delay_ms;
  request.region = io.region == "panels" ? ExportRegion::kSlidingPanels : ExportRegion::kWindow;
  request.window_size = false;
  request.width = options.width;
  request.height = options.height;
  return request;
}

}  // namespace

int PrepareIo(const AppOptions& options, AppState& app, IoRun& run, int* width, int* height) {
  const bool headless = !options.screenshot_path.empty() || options.bench_frames > 0 ||
                        options.io.Headless();
  run.interactive = !headless;
  const bool use_config = !options.io.no_settings && (run.interactive || options.io.restore_autosave);
  const std::string dir = use_config ? ConfigDir() : std::string();
  if (run.interactive && !dir.empty()) {
    LoadSettings(app, dir);
    if (!options.io.size_given && app.io.settings.window_width > 0) {
      *width = app.io.settings.window_width;
      *height = app.io.settings.window_height;
    }
  }
  if (options.io.restore_autosave) {
    const std::vector<std::string> orphans =
        dir.empty() ? std::vector<std::string>() : FindOrphanAutosaves(dir);
    if (orphans.empty()) {
      std::cerr << "convstep: error: --restore-autosave: no autosave to restore in "
                << (dir.empty() ? std::string("(no config folder)") : dir) << "\n";
      return kUsageError;
    }
    auto restored = RestoreAutosave(app, orphans.front());
    if (!restored) {
      std::cerr << "convstep: error: " << restored.error().OneLine() << "\n";
      return kUsageError;
    }
    std::cerr << "convstep: restored " << orphans.front() << "\n";
  }
  // Autosave for interactive runs; the offer to restore only when nothing was asked for.
  if (run.interactive && !dir.empty())
    StartAutosave(app, dir, !options.io.restore_autosave);
  return -1;
}

int RunHeadlessIo(const AppOptions& options, AppState& app) {
  const IoOptions& io = options.io;
  if (!io.save_session.empty()) {
    auto saved = SaveSessionFile(app, io.save_session);
    if (!saved) {
      std::cerr << "convstep: error: " << saved.error().OneLine() << "\n";
      return kUsageError;
    }
    std::cout << "convstep: saved the session to " << io.save_session << "\n";
  }
  if (io.export_gif.empty() && io.export_png_dir.empty()) return 0;
  const ExportRequest request = RequestFromOptions(options, app);
  if (auto ok = CheckExportRequest(app, request); !ok) {
    std::cerr << "convstep: error: " << ok.error().OneLine() << "\n";
    return kUsageError;
  }
  Platform platform;
  std::string error;
  if (!CreatePlatform(platform, options.width, options.height, /*visible=*/false, &error)) {
    std::cerr << "convstep: error: " << error << "\n";
    return 1;
  }
  // A lost display stops the export and removes its unfinished files (x_connection.h).
  WatchDisplayConnection(app, platform.window, DisplayRun::kHeadlessExport);
  ImGui::GetIO().IniFilename = nullptr;
  SetContentScale(app, 1.f);
  app.permute.progress = 1.f;
  app.permute.playing = false;
  IoRun run;
  if (auto started = StartExport(app, request, options.width, options.height); !started) {
    std::cerr << "convstep: error: " << started.error().OneLine() << "\n";
    DestroyPlatform(platform);
    return kUsageError;
  }
  InstallInterruptHandlers();
  bool interrupted = false;
  const ImVec2 size(static_cast<float>(options.width), static_cast<float>(options.height));
  // A frame budget well above what the export needs (warm-up + settle frames per step).
  const int64_t budget = (request.to - request.from + 2) * (kExportSettleFrames + 2) + 100;
  for (int64_t frame = 0; ExportRunning(app) && frame < budget; ++frame) {
    if (InterruptRequested() && !interrupted) {
      interrupted = true;
      CancelExport(app);  // the job removes its temporary GIF or the frames it wrote
    }
    glfwPollEvents();
    SetDisplaySize(app, size.x, size.y);
    if (app.view.fonts_dirty) RebuildFonts(app);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& imgui = ImGui::GetIO();
    imgui.DisplaySize = size;
    imgui.DisplayFramebufferScale = ImVec2(1.f, 1.f);
    imgui.DeltaTime = 1.f / 60.f;
    imgui.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    const bool capture = PrepareExportFrame(app);
    ImGui::NewFrame();
    DrawUi(app, imgui.DeltaTime);
    ImGui::Render();
    if (capture) CaptureExportFrame(app, run.capture, ImGui::GetDrawData());
  }
  if (ExportRunning(app)) FailExport(app, "the export did not finish (internal frame budget)");
  DestroyExportCapture(run.capture);
  DestroyPlatform(platform);
  if (interrupted) {
    std::cerr << "convstep: export interrupted; its unfinished files were removed\n";
    return kInterruptedExit;
  }
  if (!app.io.exporting.error.empty()) {
    std::cerr << "convstep: error: " << app.io.exporting.error << "\n";
    return 1;
  }
  std::cout << "convstep: " << app.io.exporting.message << "\n";
  return 0;
}

void AttachIo(IoRun& run, AppState& app, GLFWwindow* window) {
  if (!run.interactive) return;
  glfwSetWindowUserPointer(window, &app);
  glfwSetDropCallback(window, OnDrop);
  // The ini file lives with the settings (the string outlives the ImGui context: app does).
  ImGui::GetIO().IniFilename =
      app.io.settings.enabled && !app.io.settings.ini_path.empty() ? app.io.settings.ini_path.c_str()
                                                                   : nullptr;
}

ImVec2 IoDisplaySize(const AppState& app, int window_w, int window_h) {
  return ExportDisplaySize(app, ImVec2(static_cast<float>(window_w), static_cast<float>(window_h)));
}

bool IoBusy(const AppState& app) {
  return ExportRunning(app);
}

bool BeginIoFrame(IoRun& run, AppState& app) {
  (void)run;
  if (!ExportRunning(app)) return false;
  ImGuiIO& io = ImGui::GetIO();
  const int window_w = static_cast<int>(io.DisplaySize.x);
  const int window_h = static_cast<int>(io.DisplaySize.y);
  const ImVec2 display = IoDisplaySize(app, window_w, window_h);
  if (window_w > 0 && window_h > 0 &&
      (display.x != static_cast<float>(window_w) || display.y != static_cast<float>(window_h))) {
    // Drawn at the export's size and shown scaled to the window.
    const ImVec2 scale(display.x / static_cast<float>(window_w),
                       display.y / static_cast<float>(window_h));
    if (io.MousePos.x > -FLT_MAX)
      io.MousePos = ImVec2(io.MousePos.x * scale.x, io.MousePos.y * scale.y);
    io.DisplayFramebufferScale = ImVec2(io.DisplayFramebufferScale.x / scale.x,
                                        io.DisplayFramebufferScale.y / scale.y);
    io.DisplaySize = display;
  }
  HidePointerDuringExport(app);
  return PrepareExportFrame(app);
}

void EndIoFrame(IoRun& run, AppState& app, bool capture, double now) {
  if (capture) CaptureExportFrame(app, run.capture, ImGui::GetDrawData());
  if (!ExportRunning(app)) DestroyExportCapture(run.capture);
  if (!run.interactive) return;
  if (!ExportRunning(app)) AutosaveTick(app, now);  // an export walks the steps, it edits nothing
  if (now - app.io.settings.last_check >= 0.5) {  // settings change by hand: twice a second will do
    app.io.settings.last_check = now;
    SaveSettingsIfChanged(app);
  }
}

void FinishIo(IoRun& run, AppState& app, GLFWwindow* window) {
  DestroyExportCapture(run.capture);
  if (!run.interactive) return;
  if (window) {
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    if (w >= 64 && h >= 64) {
      app.io.settings.window_width = w;
      app.io.settings.window_height = h;
    }
  }
  SaveSettingsIfChanged(app);
  if (ImGui::GetCurrentContext() && ImGui::GetIO().IniFilename)
    ImGui::SaveIniSettingsToDisk(ImGui::GetIO().IniFilename);
  FinishAutosave(app);
}

}  // namespace convstep::gui
