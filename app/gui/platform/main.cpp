// ConvStep: parse the command line, make the state, apply the options, then run one of the
// modes (run_modes.h: interactive, screenshot, bench) or a headless export (headless_run.h).
#include <chrono>
#include <iostream>
#include <string>

#include "model/stage_panels.h"
#include "platform/assets.h"
#include "platform/headless_run.h"
#include "platform/options.h"
#include "platform/run_modes.h"
#include "state/app_state.h"
#include "state/language.h"
#include "state/lesson.h"
#include "state/presentation_mode.h"
#include "state/session_file.h"
#include "state/share_link.h"
#include "ui/windows/open_window.h"

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

// Applies --spec, --link, --granularity, --step and --text-scale. Returns an exit code, or -1 to
// run.
int ApplyOptions(const AppOptions& options, AppState& app) {
  if (const int code = ApplyTeachingOptions(options, app); code >= 0) return code;
  if (!options.spec_path.empty()) {
    auto opened = convstep::gui::OpenSessionFile(app, options.spec_path);  // a spec or a session
    if (!opened) {
      std::cerr << "convstep: error: " << opened.error().OneLine() << "\n";
      return convstep::gui::kUsageError;
    }
  }
  if (!options.link.empty()) {  // a bad link opens the seed example with the error, as in a page
    auto opened = convstep::gui::ApplyShareFragment(app, options.link);
    if (!opened) std::cerr << "convstep: warning: --link: " << opened.error().OneLine() << "\n";
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
  if (options.files.text_scale_given) app.view.text_scale = options.text_scale;
  if (options.present) convstep::gui::SetPresenting(app, true);
  if (convstep::gui::ParseRegionPanels(options.files.region, &app.present.region))
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
  if (!options.open_window.empty() && !convstep::gui::OpenWindowNamed(app, options.open_window)) {
    std::string names;
    for (const std::string& name : convstep::gui::OpenableWindowNames())
      names += (names.empty() ? "" : ", ") + name;
    std::cerr << "convstep: error: --open " << options.open_window
              << " names no window; use one of: " << names << "\n";
    return convstep::gui::kUsageError;
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  convstep::gui::StartupClock clock;  // for --startup-time
  clock.process_start = std::chrono::steady_clock::now();
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
  app.build.threads_override = options.threads;
  clock.state_ready = std::chrono::steady_clock::now();
  convstep::gui::FilesRun files;  // settings, autosave, drops, exports (headless_run.h)
  int width = options.width, height = options.height;
  if (const int code = convstep::gui::PrepareFiles(options, app, files, &width, &height); code >= 0)
    return code;
  if (const int code = ApplyOptions(options, app); code >= 0) return code;
  if (options.files.Headless()) return convstep::gui::RunHeadlessIo(options, app);

  convstep::gui::DesktopWindow window;
  if (!convstep::gui::OpenDesktopWindow(options, app, files, width, height, window, &error)) {
    std::cerr << "convstep: error: " << error << "\n";
    return 1;
  }
  clock.window_ready = std::chrono::steady_clock::now();
  int exit_code = 0;
  if (!options.screenshot_path.empty()) {
    exit_code = convstep::gui::RunScreenshot(options, app, window);
  } else if (options.bench_frames > 0 || options.bench_edits > 0) {
    exit_code = convstep::gui::RunBench(options, app, window, clock);
  } else {
    exit_code = convstep::gui::RunInteractive(options, app, files, window, clock);
  }
  convstep::gui::FinishFiles(files, app, window.platform.window);  // settings, autosave
  convstep::gui::CloseDesktopWindow(window);
  return exit_code;
}
