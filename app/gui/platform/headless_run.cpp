#include "platform/headless_run.h"

#include <glad/gl.h>
// glad first.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <csignal>
#include <iostream>

#include "file_target.h"
#include "platform/interrupt.h"
#include "platform/window.h"
#include "platform/x_connection.h"
#include "state/autosave.h"
#include "state/export_job.h"
#include "state/session_file.h"
#include "state/settings.h"
#include "ui/ui.h"
#include "ui/windows/export_panel.h"

namespace convstep::gui {
namespace {

// Files dropped on the window: queued, opened by the next frame (state/tensor_import.h).
void OnDrop(GLFWwindow* window, int count, const char** paths) {
  auto* app = static_cast<AppState*>(glfwGetWindowUserPointer(window));
  if (!app) return;
  for (int i = 0; i < count; ++i) app->files.dropped_paths.emplace_back(paths[i]);
  glfwPostEmptyEvent();
}

ExportRequest RequestFromOptions(const AppOptions& options, const AppState& app) {
  const FileOptions& files = options.files;
  ExportRequest request;
  request.kind = files.export_gif.empty() ? ExportKind::kPngSequence : ExportKind::kGif;
  request.path = files.export_gif.empty() ? files.export_png_dir : files.export_gif;
  request.granularity = app.timeline.granularity;
  request.from = files.from;
  const int64_t count = StepCount(app);
  request.to = files.to >= 0 ? files.to : std::min(count, files.from + 24);
  request.delay_ms = files.delay_ms;
  request.region = files.region == "panels" ? ExportRegion::kSlidingPanels : ExportRegion::kWindow;
  request.window_size = false;
  request.width = options.width;
  request.height = options.height;
  return request;
}

}  // namespace

int PrepareFiles(const AppOptions& options, AppState& app, FilesRun& run, int* width, int* height) {
  const bool headless =
      !options.screenshot_path.empty() || options.bench_frames > 0 || options.files.Headless();
  run.interactive = !headless;
  // A file size limit (ulimit -f) makes a write fail with EFBIG, reported like a full disk,
  // instead of killing the process mid-export.
  std::signal(SIGXFSZ, SIG_IGN);
  if (!options.screenshot_path.empty()) {  // refused before a window opens, as exports are
    auto target = exporting::ResolveWriteTarget(options.screenshot_path, "screenshot.png");
    if (!target) {
      std::cerr << "convstep: error: --screenshot: " << target.error().OneLine() << "\n";
      return kUsageError;
    }
  }
  const bool use_config =
      !options.files.no_settings && (run.interactive || options.files.restore_autosave);
  const std::string dir = use_config ? ConfigDir() : std::string();
  if (run.interactive && !dir.empty()) {
    LoadSettings(app, dir);
    if (!options.files.size_given && app.files.settings.window_width > 0) {
      *width = app.files.settings.window_width;
      *height = app.files.settings.window_height;
    }
  }
  if (options.files.restore_autosave) {
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
  if (run.interactive && !dir.empty()) StartAutosave(app, dir, !options.files.restore_autosave);
  return -1;
}

int RunHeadlessIo(const AppOptions& options, AppState& app) {
  const FileOptions& files = options.files;
  if (!files.save_session.empty()) {
    auto saved = SaveSessionFile(app, files.save_session);
    if (!saved) {
      std::cerr << "convstep: error: " << saved.error().OneLine() << "\n";
      return kUsageError;
    }
    std::cout << "convstep: saved the session to " << files.save_session << "\n";
  }
  if (files.export_gif.empty() && files.export_png_dir.empty()) return 0;
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
  FilesRun run;
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
  if (!app.files.exporting.error.empty()) {
    std::cerr << "convstep: error: " << app.files.exporting.error << "\n";
    return 1;
  }
  std::cout << "convstep: " << app.files.exporting.message << "\n";
  return 0;
}

void AttachFiles(FilesRun& run, AppState& app, GLFWwindow* window) {
  if (!run.interactive) return;
  glfwSetWindowUserPointer(window, &app);
  glfwSetDropCallback(window, OnDrop);
  // The ini file lives with the settings (the string outlives the ImGui context: app does).
  ImGui::GetIO().IniFilename = app.files.settings.enabled && !app.files.settings.ini_path.empty()
                                   ? app.files.settings.ini_path.c_str()
                                   : nullptr;
}

ImVec2 ExportDisplaySize(const AppState& app, int window_w, int window_h) {
  return ExportDisplaySize(app, ImVec2(static_cast<float>(window_w), static_cast<float>(window_h)));
}

bool FilesBusy(const AppState& app) {
  return ExportRunning(app);
}

bool BeginFilesFrame(FilesRun& /*run*/, AppState& app) {
  if (!ExportRunning(app)) return false;
  ImGuiIO& io = ImGui::GetIO();
  const int window_w = static_cast<int>(io.DisplaySize.x);
  const int window_h = static_cast<int>(io.DisplaySize.y);
  const ImVec2 display = ExportDisplaySize(app, window_w, window_h);
  if (window_w > 0 && window_h > 0 &&
      (display.x != static_cast<float>(window_w) || display.y != static_cast<float>(window_h))) {
    // Drawn at the export's size and shown scaled to the window.
    const ImVec2 scale(display.x / static_cast<float>(window_w),
                       display.y / static_cast<float>(window_h));
    if (io.MousePos.x > -FLT_MAX)
      io.MousePos = ImVec2(io.MousePos.x * scale.x, io.MousePos.y * scale.y);
    io.DisplayFramebufferScale =
        ImVec2(io.DisplayFramebufferScale.x / scale.x, io.DisplayFramebufferScale.y / scale.y);
    io.DisplaySize = display;
  }
  HidePointerDuringExport(app);
  return PrepareExportFrame(app);
}

void EndFilesFrame(FilesRun& run, AppState& app, bool capture, double now) {
  if (capture) CaptureExportFrame(app, run.capture, ImGui::GetDrawData());
  if (!ExportRunning(app)) DestroyExportCapture(run.capture);
  if (!run.interactive) return;
  if (!ExportRunning(app)) AutosaveTick(app, now);  // an export walks the steps, it edits nothing
  if (now - app.files.settings.last_check >=
      0.5) {  // settings change by hand: twice a second will do
    app.files.settings.last_check = now;
    SaveSettingsIfChanged(app);
  }
}

void FinishFiles(FilesRun& run, AppState& app, GLFWwindow* window) {
  DestroyExportCapture(run.capture);
  if (!run.interactive) return;
  if (window) {
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    if (w >= 64 && h >= 64) {
      app.files.settings.window_width = w;
      app.files.settings.window_height = h;
    }
  }
  SaveSettingsIfChanged(app);
  if (ImGui::GetCurrentContext() && ImGui::GetIO().IniFilename)
    ImGui::SaveIniSettingsToDisk(ImGui::GetIO().IniFilename);
  FinishAutosave(app);
}

}  // namespace convstep::gui
