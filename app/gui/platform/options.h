// The app's command line: --spec, --step, --granularity, --screenshot [--size] [--frames],
// --bench-frames, --text-scale, --lesson, --lang, --link, --open, --help, --version. Bad flags give
// a clear message and exit 2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "convstep/walkthrough.h"
#include "platform/file_options.h"

namespace convstep::gui {

/// Exit status for usage errors and unusable input files.
inline constexpr int kUsageError = 2;

/// What the command line asked for.
struct AppOptions {
  std::string spec_path;                   ///< --spec FILE.json (empty: the seed example)
  std::optional<int64_t> step;             ///< --step K
  std::optional<Granularity> granularity;  ///< --granularity tap|window|row|batch
  std::string screenshot_path;             ///< --screenshot OUT.png
  int width = 1600, height = 900;          ///< --size WxH (window / screenshot size)
  int frames = 30;                         ///< --frames N rendered before the screenshot
  int bench_frames = 0;                    ///< --bench-frames N (0: interactive)
  int bench_edits = 0;            ///< --bench-edits N: N frames while a scripted edit sequence runs
  int64_t max_memory_mib = 1024;  ///< --max-memory MiB: the memory budget of a configuration
  int threads = 0;  ///< --threads N: threads of a big recompute (0: the setting, else all cores)
  bool startup_time = false;  ///< --startup-time: print the time to the first frame
  bool present = false;       ///< --present: start in presentation mode (full screen)
  float text_scale = 1.f;     ///< --text-scale S (1 = 18 px text)
  std::string pin;            ///< --pin KIND:A,B,C, a highlight pinned at start
  int lesson = 0;             ///< --lesson N: open chapter N (1-based; 0: none)
  std::string language;       ///< --lang en|zh (empty: the remembered choice)
  std::string link;           ///< --link FRAGMENT: a share link's screen (share_link.h)
  std::string open_window;    ///< --open NAME: a window opened at start (ui/windows/open_window.h)
  FileOptions
      files;  ///< exports, --save-session, --restore-autosave, --no-settings (file_options.h)
};

/// The result of parsing: either options to run with, or an exit (help, version, error) with
/// the text to print on stdout (`output`) or stderr (`error`).
struct ParsedOptions {
  AppOptions options;
  bool exit = false;
  int exit_code = 0;
  std::string output;
  std::string error;
};

/// Parses argv. Never exits the process itself.
ParsedOptions ParseOptions(int argc, const char* const* argv);

/// A parsed --pin: "output:n,o,t", "input:n,c,l" (the [N, C, L] input), "weight:o,c,k".
struct PinOption {
  std::string kind;
  int64_t a = 0, b = 0, c = 0;
};

/// Parses a --pin value; false when it is malformed.
bool ParsePin(const std::string& text, PinOption* pin);

/// Parses "1600x900"; false for anything else (sizes must be 64..16384).
bool ParseSize(const std::string& text, int* width, int* height);

}  // namespace convstep::gui
