// The real executable on an Xvfb of the test's own (x_connection.h): the X server killed with
// kill -9, or the window destroyed by another client, while the app runs ends it with exit
// status 3, one line naming the display and how to restore, and the session in the autosave,
// which --restore-autosave reopens as it was; a window manager's close still exits 0 and saves
// the settings. Ctrl+V of 10 MB through the X clipboard (xclip, INCR transfers; keys sent with
// xdotool): printed tensor text loads every value, other text lands whole in the paste field
// (read back through the clipboard) and leaves the session alone, copying 20 MB out is an X
// error the app survives, and it still closes normally. Every run gets its own
// XDG_CONFIG_HOME and every wait has a time limit.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "support/process.h"
#include "support/x_server.h"

// Last: Xlib defines None, Bool, Status, True and False as macros.
#include <X11/Xlib.h>

namespace {

namespace fs = std::filesystem;
using namespace convstep::process_test;  // Spawned, XvfbServer, Shell, Quote, ...
using nlohmann::json;

// A folder of its own for each test, inside the build tree (kept for a look when a test
// failed): config/ is XDG_CONFIG_HOME.
class Scratch : public convstep::test_support::Scratch {
 public:
  explicit Scratch(const std::string& name)
      : convstep::test_support::Scratch(std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/robust_" + name +
                                            "_" + std::to_string(getpid()),
                                        [] { return ::testing::Test::HasFailure(); }) {}
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

// The test's own X server is handed out only once it answers a client's connection setup, and it
// still answers after that client has gone (-noreset: an X server otherwise resets when its last
// client leaves, and refuses the next one meanwhile), to every client in turn. The check says
// no where no server listens. (Not tested on the killed server's number: another test's server
// may take that number at once.)
TEST(RobustProcess, TheTestsXServerAnswersEveryClientInTurn) {
  Scratch dir("x_server");
  XvfbServer server(dir / "xvfb.log");
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start: " << ReadAll(dir / "xvfb.log");
  const std::string number = server.display().substr(1);
  for (int client = 0; client < 20; ++client) EXPECT_TRUE(XServerAnswers(number, 0)) << client;
  EXPECT_TRUE(XClient(server.display()).get() != nullptr);
  EXPECT_FALSE(XServerAnswers("65535", 0)) << "no server has that display";
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

// Runs `command` with DISPLAY set, within a time limit.
ProcessRun OnDisplay(const std::string& display, const std::string& command) {
  return Shell("DISPLAY=" + display + " timeout 60 " + command);
}

// Presses `modifier`+`key` (xdotool names) in the focused window, held for `hold` seconds:
// long enough for a frame to see it (Dear ImGui 1.86 reads key states once a frame), and, in
// a text field, shorter than its key repeat delay (0.25 s), so that it acts once.
void Chord(const std::string& display, const std::string& modifier, const std::string& key,
           double hold = 0.15) {
  OnDisplay(display, "xdotool keydown " + modifier + " keydown " + key + " sleep " +
                         std::to_string(hold) + " keyup " + key + " keyup " + modifier);
}

// Puts `path`'s contents on the CLIPBOARD selection (xclip serves it, in INCR pieces when it is
// large, until another client takes the selection or the server goes away).
void SetClipboard(const std::string& display, const std::string& path) {
  // xclip stays in the background to serve it: its output must not hold Shell's pipe open.
  ASSERT_EQ(OnDisplay(display,
                      "xclip -selection clipboard -i " + Quote(path) + " > /dev/null 2> /dev/null")
                .status,
            0);
}

// The CLIPBOARD selection's text, read with xclip.
std::string Clipboard(const std::string& display, const std::string& scratch_file) {
  OnDisplay(display, "xclip -selection clipboard -o > " + Quote(scratch_file));
  return ReadAll(scratch_file);
}

// ~10 MB of what print(x) shows for x of shape [1, rows, 3]; `values` gets its numbers, each
// a multiple of 1/4 (exact in float32 and in the printed text).
std::string TenMegabyteTensorText(std::vector<float>* values) {
  std::string text = "tensor([[";
  char row[96];
  for (int r = 0; text.size() < (size_t{10} << 20); ++r) {
    float v[3];
    for (int c = 0; c < 3; ++c) {
      v[c] = static_cast<float>((int64_t{r} * 3 + c) * 7919 % 2001 - 1000) / 4.f;
      values->push_back(v[c]);
    }
    std::snprintf(row, sizeof(row), "%s[%.4f, %.4f, %.4f]", r ? ",\n         " : "", v[0], v[1],
                  v[2]);
    text += row;
  }
  return text + "]])\n";
}

// A float32 little-endian C-order .npy file: its shape and numbers (empty shape on error).
std::pair<std::vector<long>, std::vector<float>> ReadNpy(const std::string& path) {
  const std::string bytes = ReadAll(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) return {};
  const size_t header_size = static_cast<unsigned char>(bytes[8]) |
                             static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8;
  const std::string header = bytes.substr(10, header_size);
  if (header.find("'<f4'") == std::string::npos) return {};
  std::vector<long> shape;
  const size_t open = header.find('(', header.find("'shape'"));
  for (size_t at = open + 1; at < header.size() && header[at] != ')';) {
    size_t used = 0;
    shape.push_back(std::stol(header.substr(at), &used));
    at += used;
    while (at < header.size() && (header[at] == ',' || header[at] == ' ')) ++at;
  }
  std::vector<float> data((bytes.size() - 10 - header_size) / sizeof(float));
  std::memcpy(data.data(), bytes.data() + 10 + header_size, data.size() * sizeof(float));
  return {shape, data};
}

// The app on its own Xvfb with a fresh config, its window found and given the keyboard.
struct RunningApp {
  explicit RunningApp(const Scratch& dir)
      : server(dir / "xvfb.log"),
        app(StartApp(dir, server.display(), {"--size", "1280x720"})),
        autosave(dir / ("config/convstep/autosave-" + std::to_string(app->pid()) + ".json")) {
    window = server.display().empty() ? 0 : WaitForWindow(server.display(), *app, 60);
    if (window) OnDisplay(server.display(), "xdotool windowfocus --sync " + std::to_string(window));
  }
  // Closes the window as a window manager would; the wait status.
  std::optional<int> Close() {
    XClient(server.display()).SendClose(window);
    return app->Wait(60);
  }
  XvfbServer server;
  std::unique_ptr<Spawned> app;
  std::string autosave;
  Window window = 0;
};

TEST(RobustProcess, CtrlVOfTenMegabytesOfPrintedTensorTextLoadsEveryValue) {
  Scratch dir("paste_tensor");
  std::vector<float> expected;
  std::ofstream(dir / "tensor.txt") << TenMegabyteTensorText(&expected);
  const long rows = static_cast<long>(expected.size() / 3);
  RunningApp run(dir);
  ASSERT_NE(run.window, 0u) << ReadAll(dir / "app.err") << ReadAll(dir / "xvfb.log");
  SetClipboard(run.server.display(), dir / "tensor.txt");
  // Ctrl+V outside a text field: [1, rows, 3] fits the layer one way only (as [N, L, C]), so
  // it loads at once, and the autosave holds it. (Pressed again every 15 s in case a busy
  // machine let a frame swallow the press: the same paste again changes nothing.)
  std::pair<std::vector<long>, std::vector<float>> input;
  const auto start = std::chrono::steady_clock::now();
  for (int presses = 0; input.first != std::vector<long>{1, rows, 3} &&
                        std::chrono::steady_clock::now() < start + std::chrono::seconds(120) &&
                        run.app->running();) {
    if (!fs::exists(run.autosave) &&
        std::chrono::steady_clock::now() >= start + std::chrono::seconds(15 * presses)) {
      Chord(run.server.display(), "ctrl", "v", 0.5);  // no repeat outside a field
      ++presses;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    run.app->Wait(0);
    if (!fs::exists(run.autosave)) continue;
    const json doc = json::parse(ReadAll(run.autosave), nullptr, false);
    if (doc.is_object() && doc.contains("input") && doc["input"].contains("file"))
      input = ReadNpy(dir / ("config/convstep/" + doc["input"]["file"].get<std::string>()));
  }
  ASSERT_EQ(input.first, (std::vector<long>{1, rows, 3}))
      << DescribeStatus(run.app->Wait(0)) << "\n"
      << ReadAll(dir / "app.err");
  EXPECT_TRUE(input.second == expected) << "the pasted numbers differ";
  const std::optional<int> status = run.Close();
  ASSERT_TRUE(status && WIFEXITED(*status)) << DescribeStatus(status);
  EXPECT_EQ(WEXITSTATUS(*status), 0) << ReadAll(dir / "app.err");
  EXPECT_FALSE(fs::exists(run.autosave)) << "a clean exit removes the autosave";
}

TEST(RobustProcess, CtrlVOfTenMegabytesIntoThePasteFieldKeepsAllOfItAndTheSession) {
  Scratch dir("paste_field");
  {
    std::ofstream text(dir / "text.txt");
    const int lines = (10 << 20) / 80 + 1;
    char line[128];
    for (int i = 1; i <= lines; ++i) {
      std::snprintf(
          line, sizeof(line),
          "line %06d of %06d: the quick brown fox jumps over the dog 1.5 -2 nan [ ] ( )\n", i,
          lines);
      text << line;
    }
  }
  RunningApp run(dir);
  ASSERT_NE(run.window, 0u) << ReadAll(dir / "app.err") << ReadAll(dir / "xvfb.log");
  const std::string& display = run.server.display();
  // Ctrl+V with nothing on the clipboard opens Paste a tensor with its field focused; typing
  // "x" and copying it back (Ctrl+A, Ctrl+C) proves the field has the keyboard.
  std::string marker;
  const auto typed = [&marker] {
    return !marker.empty() && marker.find_first_not_of('x') == std::string::npos;
  };
  for (int attempt = 0; attempt < 20 && !typed(); ++attempt) {
    Chord(display, "ctrl", "v", 0.5);
    OnDisplay(display, "xdotool type x");
    Chord(display, "ctrl", "a");
    Chord(display, "ctrl", "c");
    marker = Clipboard(display, dir / "marker.txt");
  }
  ASSERT_TRUE(typed()) << "the paste field did not get the keyboard: " << marker << "\n"
                       << ReadAll(dir / "app.err");
  // The real paste: 10 MB over the X clipboard (INCR) into the field, replacing the "x".
  SetClipboard(display, dir / "text.txt");
  Chord(display, "ctrl", "a");
  Chord(display, "ctrl", "v");
  // Read back whole: Ctrl+A, Ctrl+C in the field, and xclip asks the app for the selection.
  const std::string pasted = ReadAll(dir / "text.txt");
  std::string back;
  for (int attempt = 0; attempt < 30 && back != pasted && run.app->running(); ++attempt) {
    Chord(display, "ctrl", "a");
    Chord(display, "ctrl", "c");
    back = Clipboard(display, dir / "back.txt");
    run.app->Wait(0);
  }
  EXPECT_EQ(back.size(), pasted.size()) << "the field holds a different amount of text";
  EXPECT_TRUE(back == pasted) << "the field's text differs from what was pasted";
  // Pasted again at the end: 20 MB, more than one X request can carry (16 MB on Xvfb), and
  // GLFW 3.3 hands a selection over in one request. Its copy makes the next reader's request
  // an X error (BadLength), which Xlib's default handler turned into exit(1); now a warning.
  Chord(display, "ctrl", "End");
  Chord(display, "ctrl", "v");
  Chord(display, "ctrl", "a");
  Chord(display, "ctrl", "c");
  Clipboard(display, dir / "twice.txt");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_FALSE(run.app->Wait(0)) << "the app ended\n" << ReadAll(dir / "app.err");
  // Not a tensor: the field says why and the session stays as it was (nothing to autosave).
  EXPECT_FALSE(fs::exists(run.autosave)) << "the session changed";
  const std::optional<int> status = run.Close();
  ASSERT_TRUE(status && WIFEXITED(*status)) << DescribeStatus(status);
  EXPECT_EQ(WEXITSTATUS(*status), 0) << ReadAll(dir / "app.err");
  EXPECT_EQ(ReadAll(dir / "app.err").find("AddressSanitizer"), std::string::npos);
}

}  // namespace
