// The browser's stand-in for glad's GL 3.3 loader: WebGL 2 is OpenGL ES 3.0, whose functions
// emscripten links directly, so the shared platform files (export capture, render targets) that
// include <glad/gl.h> compile unchanged. Only on the include path of the web build.
#pragma once

#include <GLES3/gl3.h>

/// Nothing to load in the browser: every GL ES 3.0 function is there.
#define gladLoadGL(loader) 1

// The shared window code (platform/window.cpp) includes this first and then GLFW; emscripten
// 3.1.6's GLFW is 3.2 plus a little, without these two of GLFW 3.3.
#ifndef GLFW_SCALE_TO_MONITOR
#define GLFW_SCALE_TO_MONITOR 0x0002200C  // a hint emscripten's GLFW ignores
#endif
/// GLFW 3.3's last-error query: emscripten's GLFW reports errors through its callback only.
static inline int glfwGetError(const char** description) {
  if (description) *description = nullptr;
  return 0;
}
