#include "platform/x_connection.h"

#include <unistd.h>

#include <cstdio>

#include <GLFW/glfw3.h>
// glfwGetX11Display / glfwGetX11Window, and Xlib itself.
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>

#include "state/app_state.h"
#include "state/autosave.h"
#include "state/export_job.h"
#include "state/settings.h"

namespace convstep::gui {
namespace {

// Xlib's error handlers are process-wide functions without user data, so what they save must
// be reachable from a static: the one global of ConvStep besides Dear ImGui's context. It is
// set once by WatchDisplayConnection to main()'s AppState, which outlives the window, and
// only read afterwards, on the UI thread (the only thread that makes X calls).
struct Watched {
  AppState* app = nullptr;
  Window window = 0;
  DisplayRun run = DisplayRun::kInteractive;
};
Watched watched;

// Runs inside the Xlib call that found the display or the window gone: on the UI thread,
// between two changes of the session, never inside one. No X call may follow: the session is
// written, the line printed and the process ended with _exit, which runs no destructor and no
// atexit handler (GLFW, Mesa and Dear ImGui's backends would talk to the dead display).
[[noreturn]] void SaveAndExit(const std::string& what) {
  // An export in progress is abandoned: the GIF's temporary file or the frames written so far
  // are removed (file system calls only), so no half export is left behind.
  if (watched.app && ExportRunning(*watched.app))
    FailExport(*watched.app, "the X display was lost");
  if (watched.run == DisplayRun::kHeadlessExport) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", ExportDisplayLostMessage(what).c_str());
    std::fflush(stderr);
    _exit(kDisplayLostExit);
  }
  std::string path, error = "no session to save yet";
  if (watched.app) {
    SaveSettingsIfChanged(*watched.app);  // the last half second's (the window size needs X)
    auto saved = SaveAutosaveBeforeExit(*watched.app, glfwGetTime());
    if (saved)
      path = saved.value();
    else
      error = saved.error().message;
  }
  const std::string line = DisplayLostMessage(what, path, error);
  std::fflush(stdout);
  std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
  _exit(kDisplayLostExit);
}

std::string DisplayName(Display* display) {
  const char* name = display ? DisplayString(display) : nullptr;
  return "\"" + std::string(name ? name : "") + "\"";
}

int OnIoError(Display* display) {
  SaveAndExit("lost the connection to the X display " + DisplayName(display) +
              " (the X server quit or closed the connection)");
}

int OnProtocolError(Display* display, XErrorEvent* event) {
  if ((event->error_code == BadWindow || event->error_code == BadDrawable) && watched.window &&
      event->resourceid == watched.window)
    SaveAndExit("the window was destroyed by another program on the X display " +
                DisplayName(display));
  char text[256] = {};
  XGetErrorText(display, event->error_code, text, sizeof(text));
  std::fprintf(stderr, "convstep: warning: X error ignored: %s (request %d.%d, resource 0x%lx)\n",
               text, event->request_code, event->minor_code, event->resourceid);
  return 0;
}

}  // namespace

std::string DisplayLostMessage(const std::string& what, const std::string& autosave_path,
                               const std::string& save_error) {
  const std::string line = "convstep: error: " + what + "; ";
  if (autosave_path.empty()) return line + "the session was not saved: " + save_error;
  return line + "the session was saved to " + autosave_path +
         "; to get it back, start convstep again and choose Restore it, or run "
         "convstep --restore-autosave";
}

std::string ExportDisplayLostMessage(const std::string& what) {
  return "convstep: error: " + what + "; the export was stopped and its unfinished files removed";
}

void WatchDisplayConnection(AppState& app, GLFWwindow* window, DisplayRun run) {
  if (!glfwGetX11Display()) return;
  watched.app = &app;
  watched.run = run;
  watched.window = window ? glfwGetX11Window(window) : 0;
  XSetIOErrorHandler(OnIoError);
  // GLFW swaps in its own handler while it creates windows and contexts and then puts back
  // Xlib's default; the interactive loop creates none after this call.
  XSetErrorHandler(OnProtocolError);
}

}  // namespace convstep::gui
