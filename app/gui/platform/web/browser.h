// The page's side of the browser build: what the C++ app asks of JavaScript (downloads, the
// clipboard, the address bar, IndexedDB sync) through small EM_JS functions. The page
// (shell.html) sets up the listeners these read.
#pragma once

#include <string>

namespace convstep::gui::web {

/// Offers the file at `path` (in the page's file system) as a download named `name`.
void DownloadFile(const std::string& path, const std::string& name);

/// Writes `text` to the browser's clipboard (navigator.clipboard, else a hidden textarea and
/// execCommand("copy")) and keeps it as the text a paste in the app reads until the next
/// browser paste event.
void SetClipboard(const std::string& text);

/// The text of the last browser paste event (Ctrl+V), or the last text copied.
std::string Clipboard();

/// location.hash without the '#'.
std::string LocationFragment();

/// The new fragment when the address bar's fragment changed since the last call (hashchange);
/// false otherwise.
bool TakeFragmentChange(std::string* fragment);

/// history.replaceState to "#fragment" (the address bar shows it; no hashchange follows).
void ReplaceFragment(const std::string& fragment);

/// location.origin + location.pathname.
std::string PageAddress();

/// Writes the IndexedDB-backed folder (/persist) to IndexedDB now (FS.syncfs).
void SyncPersistentStorage();

/// The canvas's CSS size in CSS pixels (the page's layout decides it: the whole window).
void CanvasCssSize(double* width, double* height);

/// Asks the browser to show the canvas full screen (Fullscreen API). Browsers allow it within a
/// few seconds of a key press or click (transient user activation), which is when presentation
/// mode turns on; a refusal leaves the canvas filling the page.
void RequestCanvasFullscreen();

/// Leaves the browser's full screen if the canvas has it.
void ExitCanvasFullscreen();

/// True once after the browser left the canvas's full screen (Esc, which the browser keeps,
/// or exitFullscreen); false otherwise.
bool TakeFullscreenLeft();

/// Sets the canvas's pixel buffer and the GLFW window's size to `width` x `height` (what
/// glfwSetWindowSize does, without its fullscreen request when the size is the screen's, which
/// it is in full screen at devicePixelRatio 1).
void SetCanvasPixels(int width, int height);

/// Keeps the WebGL context's scissor box and blend functions and equations on the page's
/// side: glScissor, glBlendFunc(Separate) and glBlendEquation(Separate) record them and
/// glGetIntegerv answers those names from the record. Dear ImGui's OpenGL 3 backend reads them
/// before every frame's draw, and Chromium answers each with a round trip to its GPU process,
/// which waits until everything sent before is done: in headless Chromium, SwiftShader
/// rasterising the last frame on the CPU, 60-180 ms of the page's thread. (Chromium keeps the
/// other names the backend reads, bindings and the viewport, on the page's side itself.)
/// Call once, right after the context is created (the record starts from its state then).
void ShadowGlState();

/// Hides the page's loading line and records the first frame's start and end (called after
/// the first frame; `start_ms` is when its work began, on emscripten_get_now()'s clock).
void MarkFirstFrame(double start_ms);

}  // namespace convstep::gui::web
