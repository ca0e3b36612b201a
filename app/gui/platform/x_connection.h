// Losing the display (platform layer, beside platform.h). When the X server goes away (Xvfb
// killed, the X session ended, the client cut off with xkill) Xlib's default handler prints a
// line and calls exit(1), whose destructors and atexit handlers then talk to the dead display;
// when another program destroys the window, the next drawing call is an X protocol error that
// Xlib's default handler also turns into exit(1). ConvStep instead writes the session to its
// autosave (state/autosave.h), says so in one line and ends the process at once.
#pragma once

#include <string>

struct GLFWwindow;

namespace convstep::gui {

struct AppState;

/// Exit status of a run whose X display or window was lost (documented in docs/app.md).
inline constexpr int kDisplayLostExit = 3;

/// What a lost display ends: an interactive session (saved to the autosave) or a headless
/// export (nothing to save; its unfinished files are removed).
enum class DisplayRun { kInteractive, kHeadlessExport };

/// Watches the X connection GLFW opened and `window`: when the connection is lost or the
/// window destroyed by another client, an export in progress is stopped (its temporary GIF or
/// written frames removed), an interactive session is written to this run's autosave,
/// DisplayLostMessage goes to stderr and the process ends with kDisplayLostExit, skipping
/// destructors and atexit handlers. Other X protocol errors print a warning instead of
/// ending the process. Call once, after CreatePlatform, with the AppState that main() owns
/// (it must outlive the window). Does nothing where GLFW has no X11 display.
void WatchDisplayConnection(AppState& app, GLFWwindow* window,
                            DisplayRun run = DisplayRun::kInteractive);

/// The one line printed then: `what` happened, then where the session went and how to get it
/// back (`autosave_path`), or why nothing was saved (`save_error`, when the path is empty).
std::string DisplayLostMessage(const std::string& what, const std::string& autosave_path,
                               const std::string& save_error);

/// The line printed when the display of a headless export is lost.
std::string ExportDisplayLostMessage(const std::string& what);

}  // namespace convstep::gui
