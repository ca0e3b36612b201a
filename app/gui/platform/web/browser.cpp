#include "platform/web/browser.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

#include "platform/file_picker.h"
#include "platform/page_url.h"

namespace convstep::gui::web {
namespace {

// A JS string handed back as malloc'ed UTF-8, taken into a std::string and freed.
std::string Take(char* text) {
  if (!text) return {};
  std::string result(text);
  std::free(text);
  return result;
}

// clang-format off
EM_JS(void, JsShadowGlState, (), {
  var gl = Module.ctx;
  if (!gl || gl.convstepShadow) return;
  var names = [ gl.SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA,
                gl.BLEND_DST_ALPHA, gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA ];
  var shadow = {};
  names.forEach(function(name) { shadow[name] = gl.getParameter(name); });  // once
  var wrap = function(method, record) {
    var original = gl[method];
    gl[method] = function() {
      record.apply(null, arguments);
      return original.apply(gl, arguments);
    };
  };
  var blend = function(srcRgb, dstRgb, srcAlpha, dstAlpha) {
    shadow[gl.BLEND_SRC_RGB] = srcRgb;
    shadow[gl.BLEND_DST_RGB] = dstRgb;
    shadow[gl.BLEND_SRC_ALPHA] = srcAlpha;
    shadow[gl.BLEND_DST_ALPHA] = dstAlpha;
  };
  var equation = function(rgb, alpha) {
    shadow[gl.BLEND_EQUATION_RGB] = rgb;
    shadow[gl.BLEND_EQUATION_ALPHA] = alpha;
  };
  wrap("scissor", function(x, y, width, height) {
    if (width >= 0 && height >= 0) shadow[gl.SCISSOR_BOX] = new Int32Array([ x, y, width, height ]);
  });
  wrap("blendFunc", function(src, dst) { blend(src, dst, src, dst); });
  wrap("blendFuncSeparate", blend);
  wrap("blendEquation", function(mode) { equation(mode, mode); });
  wrap("blendEquationSeparate", equation);
  var getParameter = gl.getParameter;
  gl.getParameter = function(name) {
    if (!(name in shadow)) return getParameter.call(gl, name);
    var value = shadow[name];
    return name === gl.SCISSOR_BOX ? new Int32Array(value) : value;
  };
  gl.convstepShadow = true;
});

EM_JS(void, JsDownload, (const char* path, const char* name), {
  const bytes = FS.readFile(UTF8ToString(path));
  const file = UTF8ToString(name);
  const types = {png: "image/png", gif: "image/gif", json: "application/json",
                 npy: "application/octet-stream", csv: "text/csv", py: "text/x-python"};
  const ext = file.split(".").pop().toLowerCase();
  const blob = new Blob([bytes], {type: types[ext] || "application/octet-stream"});
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = file;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  (Module.convstepDownloads = Module.convstepDownloads || []).push(file);
});

EM_JS(void, JsSetClipboard, (const char* text), {
  const value = UTF8ToString(text);
  Module.convstepClipboard = value;
  const fallback = () => {
    const area = document.createElement("textarea");
    area.value = value;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) {}
    area.remove();
    Module.canvas && Module.canvas.focus();
  };
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(value).catch(fallback);
  else
    fallback();
});

EM_JS(char*, JsClipboard, (), {
  return stringToNewUTF8(Module.convstepClipboard || "");
});

EM_JS(char*, JsLocationFragment, (), {
  return stringToNewUTF8(decodeURI(location.hash.replace(/^#/, "")));
});

EM_JS(char*, JsTakeFragmentChange, (), {
  if (Module.convstepHashChanged === undefined) return 0;
  const fragment = Module.convstepHashChanged;
  Module.convstepHashChanged = undefined;
  return stringToNewUTF8(fragment);
});

EM_JS(void, JsReplaceFragment, (const char* fragment), {
  history.replaceState(history.state, "", "#" + UTF8ToString(fragment));
});

// The page's hidden file input (shell.html): a click opens the browser's chooser. Browsers allow
// it while a user gesture is recent, as the menu click or Ctrl+O that got here is.
EM_JS(int, JsOpenFilePicker, (), {
  const picker = document.getElementById("picker");
  if (!picker) return 0;
  picker.click();
  return 1;
});

EM_JS(char*, JsPageAddress, (), {
  return stringToNewUTF8(location.origin + location.pathname);
});

EM_JS(void, JsSyncPersistent, (), {
  if (Module.convstepSyncing) { Module.convstepSyncAgain = true; return; }
  Module.convstepSyncing = true;
  FS.syncfs(false, (error) => {
    Module.convstepSyncing = false;
    if (error) console.warn("convstep: could not write browser storage:", error);
    Module.convstepSyncedAt = Date.now();
    if (Module.convstepSyncAgain) { Module.convstepSyncAgain = false; _convstep_web_sync_again(); }
  });
});

EM_JS(void, JsRequestFullscreen, (), {
  const canvas = Module.canvas;
  if (!canvas || !canvas.requestFullscreen || document.fullscreenElement === canvas) return;
  if (!Module.convstepFullscreenListener) {
    Module.convstepFullscreenListener = true;
    document.addEventListener("fullscreenchange", () => {
      if (document.fullscreenElement === Module.canvas) Module.convstepFullscreen = true;
      else if (Module.convstepFullscreen) {
        Module.convstepFullscreen = false;
        Module.convstepFullscreenLeft = true;
      }
    });
  }
  canvas.requestFullscreen({navigationUI: "hide"}).then(() => canvas.focus(), (error) => {
    console.warn("convstep: presentation mode stays in the page (no full screen):", error.message);
  });
});

EM_JS(void, JsExitFullscreen, (), {
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
});

EM_JS(void, JsSetCanvasPixels, (int width, int height), {
  Browser.setCanvasSize(width, height);
  if (GLFW.active) {
    GLFW.active.width = width;
    GLFW.active.height = height;
  }
});

EM_JS(int, JsTakeFullscreenLeft, (), {
  const left = Module.convstepFullscreenLeft ? 1 : 0;
  Module.convstepFullscreenLeft = false;
  return left;
});

EM_JS(void, JsMarkFirstFrame, (double start_ms), {
  if (Module.convstepFirstFrame === undefined) {
    Module.convstepFirstFrameStart = start_ms;
    Module.convstepFirstFrame = performance.now();
    const status = document.getElementById("status");
    if (status) status.remove();
  }
});
// clang-format on

}  // namespace

void DownloadFile(const std::string& path, const std::string& name) {
  JsDownload(path.c_str(), name.c_str());
}

void SetClipboard(const std::string& text) {
  JsSetClipboard(text.c_str());
}

std::string Clipboard() {
  return Take(JsClipboard());
}

std::string LocationFragment() {
  return Take(JsLocationFragment());
}

bool TakeFragmentChange(std::string* fragment) {
  char* text = JsTakeFragmentChange();
  if (!text) return false;
  *fragment = Take(text);
  return true;
}

void ReplaceFragment(const std::string& fragment) {
  JsReplaceFragment(fragment.c_str());
}

std::string PageAddress() {
  return Take(JsPageAddress());
}

void SyncPersistentStorage() {
  JsSyncPersistent();
}

void CanvasCssSize(double* width, double* height) {
  if (emscripten_get_element_css_size("#canvas", width, height) != EMSCRIPTEN_RESULT_SUCCESS) {
    *width = 1280;
    *height = 720;
  }
}

void RequestCanvasFullscreen() {
  JsRequestFullscreen();
}

void ExitCanvasFullscreen() {
  JsExitFullscreen();
}

void SetCanvasPixels(int width, int height) {
  JsSetCanvasPixels(width, height);
}

bool TakeFullscreenLeft() {
  return JsTakeFullscreenLeft() != 0;
}

void ShadowGlState() {
  JsShadowGlState();
}

void MarkFirstFrame(double start_ms) {
  JsMarkFirstFrame(start_ms);
}

}  // namespace convstep::gui::web

extern "C" EMSCRIPTEN_KEEPALIVE void convstep_web_sync_again() {
  convstep::gui::web::SyncPersistentStorage();
}

namespace convstep::gui {

std::string PageUrlWithoutFragment() {
  return web::PageAddress();
}

bool OpenSystemFilePicker() {
  return web::JsOpenFilePicker() != 0;
}

}  // namespace convstep::gui
