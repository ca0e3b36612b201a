// The command line flags of the files feature: headless exports (--export-gif, --export-png-dir
// with
// --from, --to, --delay, --region), --save-session, --restore-autosave, --no-settings.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace convstep::gui {

/// What those flags asked for.
struct FileOptions {
  std::string export_gif;         ///< --export-gif OUT.gif
  std::string export_png_dir;     ///< --export-png-dir DIR (frame_0000.png, ...)
  int64_t from = 0;               ///< --from K: first step
  int64_t to = -1;                ///< --to K: end step, not included (-1: from + 24, or the end)
  int delay_ms = 500;             ///< --delay MS between GIF frames
  std::string region = "window";  ///< --region window, panels or a list of panels
  std::string save_session;       ///< --save-session OUT.json (headless: write and exit)
  bool restore_autosave = false;  ///< --restore-autosave: open the newest orphaned autosave
  bool no_settings = false;       ///< --no-settings: neither read nor write settings/autosave
  bool size_given = false;        ///< --size was on the command line
  bool text_scale_given = false;  ///< --text-scale was on the command line

  /// True when the run writes files and exits without showing a window.
  bool Headless() const {
    return !export_gif.empty() || !export_png_dir.empty() || !save_session.empty();
  }
};

/// Adds the flags to `cli`, storing into `options`.
void AddFileOptions(CLI::App& cli, FileOptions& options);

/// After parsing: fills size_given / text_scale_given from `cli`, checks combinations. Returns
/// an error message (empty: fine).
std::string FinishFileOptions(const CLI::App& cli, FileOptions& options);

}  // namespace convstep::gui
