// ConvStep in the browser: the same state, panels and files code as the desktop, driven by the
// browser's animation frames (emscripten_set_main_loop) instead of a blocking loop. The page
// (shell.html, pre.js) mounts the IndexedDB folder before main() runs; main() opens the
// session, applies the address bar's share link and hands the frames to WebFrame.
#include <emscripten.h>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <unistd.h>

#include "platform/assets.h"
#include "platform/headless_run.h"
#include "platform/web/browser.h"
#include "platform/web/web_paths.h"
#include "platform/web/web_run.h"
#include "platform/window.h"
#include "state/export_job.h"
#include "state/language.h"
#include "state/presentation_mode.h"
#include "state/share_link.h"
#include "ui/keys.h"
#include "ui/ui.h"

namespace convstep::gui::web {
namespace {

WebRun* g_run = nullptr;  // the page's one run, alive until the tab closes

const char* ClipboardText(void* /*user*/) {
  static std::string text;
  text = Clipboard();
  return text.c_str();
}

void SetClipboardText(void* /*user*/, const char* text) {
  SetClipboard(text ? text : "");
}

// The canvas fills the window (CSS); its pixel buffer is the CSS size times devicePixelRatio,
// and the app draws at that pixel size with the ratio as its content scale: sharp text.
void FollowCanvasSize(WebRun& run) {
  double css_w = 0, css_h = 0;
  CanvasCssSize(&css_w, &css_h);
  const float ratio = ContentScale(run.platform);
  int width = std::max(64, static_cast<int>(std::lround(css_w * ratio)));
  int height = std::max(64, static_cast<int>(std::lround(css_h * ratio)));
  int now_w = 0, now_h = 0;
  glfwGetWindowSize(run.platform.window, &now_w, &now_h);
  if (now_w != width || now_h != height) SetCanvasPixels(width, height);
  SetContentScale(run.app, ratio);
  // Text follows the window's size in CSS pixels (what the reader sees), as on a desktop at
  // content scale 1; an export at a chosen size uses that size.
  const ImVec2 display = ExportDisplaySize(run.app, width, height);
  const bool export_size =
      display.x != static_cast<float>(width) || display.y != static_cast<float>(height);
  const float css = export_size ? 1.f : ratio;
  SetDisplaySize(run.app, display.x / css, display.y / css);
}

void ApplyFragment(WebRun& run, const std::string& fragment) {
  if (fragment.empty()) return;
  auto applied = ApplyShareFragment(run.app, fragment);
  if (!applied) std::fprintf(stderr, "convstep: link: %s\n", applied.error().OneLine().c_str());
  run.shared_fragment = ShareFragment(run.app);
}

// The address bar follows the screen (replaceState: no history entry per step).
void PublishFragment(WebRun& run) {
  std::string fragment;
  if (TakeFragmentChange(&fragment)) ApplyFragment(run, fragment);
  const std::string now = ShareFragment(run.app);
  if (now != run.shared_fragment) {
    run.shared_fragment = now;
    ReplaceFragment(now);
  }
}

// Presentation mode takes the browser's full screen (the Fullscreen API on the canvas; the
// canvas's CSS size then is the screen's and FollowCanvasSize follows it), and the browser
// leaving full screen (Esc, which the page never sees) ends presentation mode. An export of
// chosen panels turns presentation mode on for its frames only: the page stays as it was.
void FollowPresentation(WebRun& run) {
  if (TakeFullscreenLeft() && run.app.present.on) SetPresenting(run.app, false);
  const std::shared_ptr<ExportJob>& job = run.app.files.exporting.job;
  const bool slide_export = job && job->request.region == ExportRegion::kChosenPanels;
  const bool wanted = slide_export ? job->presenting : run.app.present.on;
  if (wanted == run.fullscreen_requested) return;
  run.fullscreen_requested = wanted;
  if (wanted)
    RequestCanvasFullscreen();
  else
    ExitCanvasFullscreen();
}

// A fingerprint of what a frame draws: the draw lists' vertices, indices and commands, the
// display and pixel sizes and the clear colour. Two frames with the same fingerprint put the
// same pixels on the canvas.
uint64_t DrawFingerprint(const ImDrawData& data, int fb_w, int fb_h, const ImVec4& clear) {
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&hash](const void* bytes, size_t size) {
    const auto* p = static_cast<const unsigned char*>(bytes);
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      uint64_t word = 0;
      std::memcpy(&word, p + i, 8);
      hash = (hash ^ word) * 1099511628211ull;
      hash ^= hash >> 29;
    }
    for (; i < size; ++i) hash = (hash ^ p[i]) * 1099511628211ull;
  };
  const float sizes[6] = {data.DisplaySize.x,       data.DisplaySize.y,
                          data.FramebufferScale.x,  data.FramebufferScale.y,
                          static_cast<float>(fb_w), static_cast<float>(fb_h)};
  mix(sizes, sizeof sizes);
  mix(&clear, sizeof clear);
  mix(&data.DisplayPos, sizeof data.DisplayPos);
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    mix(list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    mix(list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      mix(&cmd.ClipRect, sizeof cmd.ClipRect);
      mix(&cmd.TextureId, sizeof cmd.TextureId);
      const unsigned int counts[3] = {cmd.VtxOffset, cmd.IdxOffset, cmd.ElemCount};
      mix(counts, sizeof counts);
      const bool callback = cmd.UserCallback != nullptr;
      mix(&callback, sizeof callback);
    }
  }
  return hash;
}

// Draws the frame, unless it would put on the canvas exactly the pixels already there: a
// canvas not drawn to keeps showing its last frame, and the browser then has nothing to
// composite (in headless Chromium SwiftShader rasterises every drawn frame on the CPU).
void RenderUi(WebRun& run) {
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(run.platform.window, &fb_w, &fb_h);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const uint64_t fingerprint = DrawFingerprint(*ImGui::GetDrawData(), fb_w, fb_h, clear);
  if (run.drawn_once && fingerprint == run.drawn_fingerprint) {
    ++run.stats.skipped;
    return;
  }
  run.drawn_once = true;
  run.drawn_fingerprint = fingerprint;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(clear.x, clear.y, clear.z, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void WebFrame(void* /*unused*/) {
  WebRun& run = *g_run;
  const double start = emscripten_get_now();
  FollowCanvasSize(run);
  if (run.app.view.fonts_dirty) RebuildFonts(run.app);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  // The GLFW backend can see a zero time step (two frames within the timer's resolution),
  // which Dear ImGui refuses.
  if (!(io.DeltaTime > 0.f)) io.DeltaTime = 1e-4f;
  if (io.DeltaTime > 0.25f) io.DeltaTime = 0.25f;  // a tab in the background: no jump
  TakeOpenedFiles(run);
  const bool capture = BeginFilesFrame(run.files, run.app);
  double mark = emscripten_get_now();
  auto lap = [&mark](double& worst) {
    const double now = emscripten_get_now();
    worst = std::max(worst, now - mark);
    mark = now;
  };
  ApplyQueuedEdits(run);  // the tests' edits, timed with the frame's work
  ImGui::NewFrame();
  DrawUi(run.app, io.DeltaTime);
  ImGui::Render();
  lap(run.stats.worst_ui_ms);
  EndFilesFrame(run.files, run.app, capture, glfwGetTime());
  lap(run.stats.worst_files_ms);
  RenderUi(run);
  lap(run.stats.worst_render_ms);
  FollowPresentation(run);
  PublishFragment(run);
  DeliverDownloads(run);
  SyncStorageWhenChanged(run, emscripten_get_now());
  RecordFrame(run, start, emscripten_get_now());
  if (run.frames++ == 0) MarkFirstFrame(start);
}

bool OpenWindow(WebRun& run, std::string* error) {
  double css_w = 0, css_h = 0;
  CanvasCssSize(&css_w, &css_h);
  const float ratio = ContentScale(run.platform);
  if (!CreatePlatform(run.platform, static_cast<int>(css_w * ratio),
                      static_cast<int>(css_h * ratio), true, error))
    return false;
  ShadowGlState();  // no GPU round trip in every frame's draw
  SetContentScale(run.app, ratio);
  AttachFiles(run.files, run.app, run.platform.window);  // drops (GLFW writes them to the FS)
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = ClipboardText;  // the browser's clipboard and paste event
  io.SetClipboardTextFn = SetClipboardText;
  glfwSetKeyCallback(run.platform.window,
                     [](GLFWwindow* window, int key, int scancode, int action, int mods) {
                       ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
                       if (action == GLFW_PRESS && g_run) QueueLessonKey(g_run->app, key);
                     });
  return true;
}

}  // namespace

WebRun* CurrentRun() {
  return g_run;
}

}  // namespace convstep::gui::web

int main() {
  using namespace convstep::gui;
  EM_ASM(Module.convstepMainStart = performance.now());
  static web::WebRun run;
  web::g_run = &run;
  // Relative paths (the save and export windows' defaults) land in the folder the page
  // downloads from.
  if (chdir(kWebHomeDir) != 0) std::fprintf(stderr, "convstep: no %s\n", kWebHomeDir);
  std::string error;
  if (!InitAppState(run.app, FindAssetsDir(), &error)) {
    std::fprintf(stderr, "convstep: error: %s\n", error.c_str());
    return 1;
  }
  SetMemoryBudgetMiB(run.app, run.options.max_memory_mib);
  // A big build leaves one core to the page and the browser's GPU process (its frames).
  run.app.build.threads_override = std::max(1, web::HardwareConcurrency() - 1);
  // WebAssembly runs the engine a few times slower than native code, and the page shares its
  // thread with the browser: smaller edits already build on the worker (the desktop: 4 M
  // multiply-adds or 1 M cells).
  run.app.build.min_macs = 500'000;
  run.app.build.min_cells = 125'000;
  int width = run.options.width, height = run.options.height;
  PrepareFiles(run.options, run.app, run.files, &width, &height);  // settings, autosave offer
  const auto language = ReadLanguageSetting(LanguageSettingPath());
  if (language && *language != "en") SetLanguage(run.app, *language);
  web::ApplyFragment(run, web::LocationFragment());
  if (!web::OpenWindow(run, &error)) {
    std::fprintf(stderr, "convstep: error: %s\n", error.c_str());
    return 1;
  }
  if (run.app.teach.lesson.current < 0) ReplayPermute(run.app);
  emscripten_set_main_loop_arg(web::WebFrame, nullptr, 0, false);
  return 0;
}
