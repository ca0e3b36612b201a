// The real executable on an Xvfb of the test's own (x_connection.h): the X server killed with
// kill -9, or the window destroyed by another client, while the app runs ends it with exit
// status 3, one line naming the display and how to restore, and the session in the autosave,
// which --restore-autosave reopens as it was; a window manager's close still exits 0 and saves
// the settings. Every run gets its own XDG_CONFIG_HOME and every wait has a time limit.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "process_util.h"

// Last: Xlib defines None, Bool, Status, True and False as macros.
#include <X11/Xlib.h>

namespace {

namespace fs = std::filesystem;
using namespace convstep::process_test;  // Spawned, XvfbServer, Shell, Quote, ...
using nlohmann::json;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A folder of its own for each test, inside the build tree: config/ is XDG_CONFIG_HOME.
class Scratch {
 public:
  explicit Scratch(const std::string& name)
      : path_(std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/robust_" + name + "_" +
              std::to_string(getpid())) {
    fs::remove_all(path_);
    fs::create_directories(path_ + "/config");
  }
  ~Scratch() {
    if (!::testing::Test::HasFailure()) fs::remove_all(path_);  // kept for a look otherwise
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A session that differs from the default one, so that autosave writes it at once.
constexpr const char* kSpec = R"({"conv": {"in_channels": 3, "out_channels": 2, "kernel_size": 2},
  "input_layout": "NLC", "input": [[[1, 2, 3], [4, 5, 6], [7, 8, 9.25]]],
  "weight": [[[1, 0], [0, 1], [1, 1]], [[0.5, 0.5], [0, 0], [-1, 2]]]})";

// The app on `display` with the scratch folder's config, stdout and stderr in app.out/.err.
std::unique_ptr<Spawned> StartApp(const Scratch& dir, const std::string& display,
                                  std::vector<std::string> args) {
  args.insert(args.begin(), CONVSTEP_APP);
  return std::make_unique<Spawned>(
      args, std::vector<std::string>{"DISPLAY=" + display, "XDG_CONFIG_HOME=" + dir / "config"},
      dir / "app.out", dir / "app.err");
}

// Waits up to `seconds` for `path` to exist while `app` runs.
bool WaitForFile(const std::string& path, Spawned& app, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline && app.running()) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    app.Wait(0);
  }
  return fs::exists(path);
}

// An X connection of the test's own for one action. It is closed before a server is killed:
// Xlib would end the test process itself otherwise.
class XClient {
 public:
  explicit XClient(const std::string& display) : display_(XOpenDisplay(display.c_str())) {}
  ~XClient() {
    if (display_) XCloseDisplay(display_);
  }
  XClient(const XClient&) = delete;
  XClient& operator=(const XClient&) = delete;
  Display* get() const { return display_; }

  // The mapped top-level window whose _NET_WM_NAME contains "ConvStep", or 0.
  Window FindApp() const {
    Window root = 0, parent = 0, *children = nullptr;
    unsigned count = 0;
    if (!display_ ||
        !XQueryTree(display_, DefaultRootWindow(display_), &root, &parent, &children, &count))
      return 0;
    const Atom name_atom = XInternAtom(display_, "_NET_WM_NAME", False);
    Window found = 0;
    for (unsigned i = 0; i < count && !found; ++i) {
      XWindowAttributes attributes;
      if (!XGetWindowAttributes(display_, children[i], &attributes) ||
          attributes.map_state != IsViewable)
        continue;
      Atom type = 0;
      int format = 0;
      unsigned long items = 0, left = 0;
      unsigned char* name = nullptr;
      if (XGetWindowProperty(display_, children[i], name_atom, 0, 1024, False, AnyPropertyType,
                             &type, &format, &items, &left, &name) == Success &&
          name) {
        if (std::string(reinterpret_cast<char*>(name)).find("ConvStep") != std::string::npos)
          found = children[i];
        XFree(name);
      }
    }
    if (children) XFree(children);
    return found;
  }

  // What a window manager's close button does: WM_PROTOCOLS / WM_DELETE_WINDOW.
  void SendClose(Window window) const {
    XEvent event{};
    event.xclient.type = ClientMessage;
    event.xclient.window = window;
    event.xclient.message_type = XInternAtom(display_, "WM_PROTOCOLS", False);
    event.xclient.format = 32;
    event.xclient.data.l[0] = static_cast<long>(XInternAtom(display_, "WM_DELETE_WINDOW", False));
    event.xclient.data.l[1] = CurrentTime;
    XSendEvent(display_, window, False, NoEventMask, &event);
    XSync(display_, False);
  }

 private:
  Display* display_ = nullptr;
};

// Waits up to `seconds` for the app's window to be on screen.
Window WaitForWindow(const std::string& display, Spawned& app, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline && app.running()) {
    if (const Window window = XClient(display).FindApp()) return window;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    app.Wait(0);
  }
  return 0;
}

// The session in a saved file, with tensors stored beside it read back in (so two saves of
// the same session compare equal whatever their file names).
json SessionOf(const std::string& path) {
  json doc = json::parse(ReadAll(path));
  doc["session"].erase("origin");  // "autosave-123.json" or the spec's name: not the session
  return doc;
}

// Runs the display-loss scenario: the app on its own Xvfb with kSpec at step 3 (window
// granularity), its first autosave removed so that only the loss can write it again, then
// `lose` (given the server and the window). Checks the exit, the line and the autosave, and
// that --restore-autosave reopens the same session.
template <typename Lose>
void ExpectLossIsSavedAndRestorable(const std::string& name, const std::string& expected_line,
                                    Lose lose) {
  Scratch dir(name);
  std::ofstream(dir / "spec.json") << kSpec;
  XvfbServer server(dir / "xvfb.log");
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start: " << ReadAll(dir / "xvfb.log");
  auto app = StartApp(dir, server.display(),
                      {"--spec", dir / "spec.json", "--granularity", "window", "--step", "3"});
  const std::string autosave =
      dir / ("config/convstep/autosave-" + std::to_string(app->pid()) + ".json");
  ASSERT_TRUE(WaitForFile(autosave, *app, 60))
      << "no autosave; " << DescribeStatus(app->Wait(0)) << "\n"
      << ReadAll(dir / "app.err");
  const json before = SessionOf(autosave);
  EXPECT_EQ(before["session"]["step"], 3);
  const Window window = WaitForWindow(server.display(), *app, 30);
  ASSERT_NE(window, 0u) << "no window on " << server.display();
  fs::remove(autosave);  // from here on, only the loss of the display writes it
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_FALSE(fs::exists(autosave)) << "rewritten without a change";
  lose(server, window);
  const std::optional<int> status = app->Wait(30);
  const std::string err = ReadAll(dir / "app.err");
  ASSERT_TRUE(status && WIFEXITED(*status)) << DescribeStatus(status) << "\n" << err;
  EXPECT_EQ(WEXITSTATUS(*status), 3) << err;
  EXPECT_EQ(err.find("AddressSanitizer"), std::string::npos) << err;
  EXPECT_EQ(err.find("X connection to"), std::string::npos) << "Xlib's own message\n" << err;
  EXPECT_NE(err.find(expected_line + " \"" + server.display() + "\""), std::string::npos) << err;
  EXPECT_NE(err.find("the session was saved to " + autosave), std::string::npos) << err;
  EXPECT_NE(err.find("convstep --restore-autosave"), std::string::npos) << err;
  ASSERT_TRUE(fs::exists(autosave)) << "the loss did not write the autosave\n" << err;
  const json saved = SessionOf(autosave);
  EXPECT_EQ(saved, before);
  // The next start restores it (without a display: --save-session is headless).
  const ProcessRun restored =
      Shell("XDG_CONFIG_HOME=" + Quote(dir / "config") + " timeout 60 " + App() +
            " --restore-autosave --save-session " + Quote(dir / "restored.json"));
  ASSERT_EQ(restored.status, 0) << restored.output;
  EXPECT_EQ(SessionOf(dir / "restored.json"), saved);
  EXPECT_FALSE(fs::exists(autosave)) << "restored: the orphan is taken over";
}

TEST(RobustProcess, KillingTheXServerSavesTheSessionAndExitsThree) {
  ExpectLossIsSavedAndRestorable("kill_xvfb",
                                 "convstep: error: lost the connection to the X display",
                                 [](XvfbServer& server, Window) { server.Kill9(); });
}

TEST(RobustProcess, AWindowDestroyedByAnotherClientSavesTheSessionAndExitsThree) {
  ExpectLossIsSavedAndRestorable(
      "destroyed", "convstep: error: the window was destroyed by another program on the X display",
      [](XvfbServer& server, Window window) {
        XClient client(server.display());
        XDestroyWindow(client.get(), window);
        XSync(client.get(), False);
      });
}

TEST(RobustProcess, AWindowManagerCloseExitsZeroAndSavesTheSettings) {
  Scratch dir("wm_close");
  std::ofstream(dir / "spec.json") << kSpec;
  XvfbServer server(dir / "xvfb.log");
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start: " << ReadAll(dir / "xvfb.log");
  auto app = StartApp(dir, server.display(), {"--spec", dir / "spec.json", "--size", "1000x600"});
  const std::string autosave =
      dir / ("config/convstep/autosave-" + std::to_string(app->pid()) + ".json");
  ASSERT_TRUE(WaitForFile(autosave, *app, 60)) << ReadAll(dir / "app.err");
  const Window window = WaitForWindow(server.display(), *app, 30);
  ASSERT_NE(window, 0u);
  XClient(server.display()).SendClose(window);
  const std::optional<int> status = app->Wait(30);
  const std::string err = ReadAll(dir / "app.err");
  ASSERT_TRUE(status && WIFEXITED(*status)) << DescribeStatus(status) << "\n" << err;
  EXPECT_EQ(WEXITSTATUS(*status), 0) << err;
  EXPECT_EQ(err.find("error"), std::string::npos) << err;
  // Settings with the window's size, Dear ImGui's ini file, and no autosave left to restore.
  const json settings = json::parse(ReadAll(dir / "config/convstep/settings.json"));
  EXPECT_EQ(settings["window"], json({{"width", 1000}, {"height", 600}})) << settings.dump();
  EXPECT_TRUE(fs::exists(dir / "config/convstep/imgui.ini"));
  EXPECT_FALSE(fs::exists(autosave));
}

}  // namespace
