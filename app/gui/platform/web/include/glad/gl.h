// The browser's stand-in for glad's GL 3.3 loader: WebGL 2 is OpenGL ES 3.0, whose functions
// emscripten links directly, so the shared platform files (export capture, render targets) that
// include <glad/gl.h> compile unchanged. Only on the include path of the web build.
#pragma once

#include <GLES3/gl3.h>

/// Nothing to load in the browser: every GL ES 3.0 function is there.
#define gladLoadGL(loader) 1
