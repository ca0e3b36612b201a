// Autosave: every change of the session (an edited cell, an import, a parameter) is written
// to <config>/autosave-<pid>.json (a saved session: temporary file + rename, so a kill at any
// moment leaves either the old or the new file), shortly after it happens. A clean exit
// removes the file. At the next start, files whose process is gone are offered for restore.
#pragma once

#include <string>
#include <vector>

#include "convstep/result.h"
#include "state/app_state.h"

namespace convstep::gui {

/// Writes at most this often while edits stream in (a drag), in seconds.
inline constexpr double kAutosaveInterval = 0.25;

/// Starts autosave for this run in `dir` (created if needed): the run's own file, and the
/// orphans of runs that did not exit cleanly (app.files.autosave.orphans, newest first; the
/// restore offer opens when there are any and `offer` is true). Nothing is written until the
/// session differs from the one on screen now.
void StartAutosave(AppState& app, const std::string& dir, bool offer);

/// Called once a frame with a clock in seconds: writes the session when it changed (identity
/// of app.session, or the step) and the last write is kAutosaveInterval old (longer when
/// writes are slow). Returns true when it wrote.
bool AutosaveTick(AppState& app, double now);

/// Writes the session to this run's autosave now, changed or not: the process is about to end
/// without a clean exit (the display was lost). A build still running on the worker is waited
/// for first, so the newest edit is in the file. Returns the file's path; an error when
/// autosave is off (--no-settings, or a run without a window of its own) or the write failed.
Result<std::string> SaveAutosaveBeforeExit(AppState& app, double now);

/// A clean exit: removes this run's autosave (and its .npy files).
void FinishAutosave(AppState& app);

/// Autosave files in `dir` whose process no longer runs, newest first.
std::vector<std::string> FindOrphanAutosaves(const std::string& dir);

/// Restores an orphan: opens it as the session (exactly as it was saved). On success the orphan
/// is removed (this run autosaves the session from now on); on error nothing changes and the
/// file stays.
Result<bool> RestoreAutosave(AppState& app, const std::string& path);

/// Declines an orphan: it is kept as autosave-declined.json (replacing an older one), so a
/// wrong click loses nothing.
void DiscardAutosave(AppState& app, const std::string& path);

/// The process id written in an autosave file's name, or -1.
long AutosavePid(const std::string& path);

}  // namespace convstep::gui
