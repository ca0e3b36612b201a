# The browser build (`make web`): the same core/, model/, state/ and ui/ as the desktop, with
# app/gui/platform/web/ as the platform, compiled by Debian's emscripten into build-web/
# (index.html, index.js, index.wasm, index.data, index.worker.js). Included by the Makefile;
# the desktop's CMake never sees it. Dear ImGui's and giflib's sources come from Debian's source
# packages (tools/install-deps.sh --web puts them in build-web-deps/).
WEB_OUT ?= build-web
WEB_DEPS ?= build-web-deps
WEB_OBJ := $(WEB_OUT)/obj
WEB_IMGUI := $(WEB_DEPS)/imgui
WEB_GIF := $(WEB_DEPS)/giflib
EMXX ?= em++
EMCC ?= emcc
# emscripten's quirks on Debian: its JS optimiser's acorn module is in /usr/share/nodejs, and it
# must run Debian's python.
export NODE_PATH := $(if $(NODE_PATH),$(NODE_PATH):)/usr/share/nodejs
export EMSDK_PYTHON := /usr/bin/python3

WEB_CORE := $(filter-out core/src/forward_fast_kernel.cpp,$(wildcard core/src/*.cpp))
WEB_APP := $(wildcard app/gui/model/*.cpp app/gui/state/*.cpp) \
  $(shell find app/gui/ui -name '*.cpp' | sort) app/export/gif_writer.cpp app/export/file_target.cpp
WEB_PLATFORM := $(addprefix app/gui/platform/,options.cpp file_options.cpp interrupt.cpp \
  headless_run.cpp export_capture.cpp render_target.cpp window.cpp) \
  $(wildcard app/gui/platform/web/*.cpp)
WEB_IMGUI_SOURCES := $(addprefix $(WEB_IMGUI)/,imgui.cpp imgui_draw.cpp imgui_tables.cpp \
  imgui_widgets.cpp backends/imgui_impl_glfw.cpp backends/imgui_impl_opengl3.cpp \
  misc/cpp/imgui_stdlib.cpp)
WEB_GIF_SOURCES := $(addprefix $(WEB_GIF)/,egif_lib.c dgif_lib.c gifalloc.c gif_err.c gif_hash.c \
  quantize.c openbsd-reallocarray.c)

WEB_OWN_OBJECTS := $(patsubst %.cpp,$(WEB_OBJ)/%.o,$(WEB_CORE) $(WEB_APP) $(WEB_PLATFORM))
WEB_KERNEL_OBJECT := $(WEB_OBJ)/core/src/forward_fast_kernel.o
WEB_DEP_OBJECTS := $(patsubst $(WEB_DEPS)/%.cpp,$(WEB_OBJ)/deps/%.o,$(WEB_IMGUI_SOURCES)) \
  $(patsubst $(WEB_DEPS)/%.c,$(WEB_OBJ)/deps/%.o,$(WEB_GIF_SOURCES))
WEB_OBJECTS := $(WEB_OWN_OBJECTS) $(WEB_KERNEL_OBJECT) $(WEB_DEP_OBJECTS)

# Threads (-pthread): the background build worker and the engine's thread pool run as they do
# on the desktop, so a big edit never blocks a frame. The page must be cross-origin isolated.
WEB_COMMON := -O2 -pthread -msimd128 -ffp-contract=off -fexceptions
WEB_INCLUDES := -Icore/include -Icore/src -Iapp/gui -Iapp/export -Iapp/gui/platform/web/include \
  -isystem $(WEB_OUT)/include -isystem $(WEB_IMGUI) -isystem $(WEB_IMGUI)/backends \
  -isystem $(WEB_IMGUI)/misc/cpp -isystem $(WEB_GIF)
WEB_CXXFLAGS := -std=c++17 $(WEB_COMMON) $(WEB_INCLUDES) -Wall -Wextra \
  -Wno-unused-command-line-argument -DCONVSTEP_ASSETS_DIR='"/assets"' \
  -DCONVSTEP_VERSION='"0.1.0"' -DIMGUI_IMPL_OPENGL_ES3 -sUSE_GLFW=3 -MMD -MP
WEB_LDFLAGS := $(WEB_COMMON) -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 \
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=67108864 -sMAXIMUM_MEMORY=2147483648 \
  -Wno-pthreads-mem-growth \
  -sPTHREAD_POOL_SIZE=2 -sFORCE_FILESYSTEM=1 -lidbfs.js -sMINIFY_HTML=0 \
  -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,FS \
  --shell-file app/gui/platform/web/shell.html --pre-js app/gui/platform/web/pre.js \
  --preload-file $(WEB_OUT)/stage/assets@/assets

WEB_STAGE_STAMP := $(WEB_OUT)/stage/.stamp
WEB_ASSETS := $(shell find assets/i18n assets/lesson assets/presets -type f 2>/dev/null)

.PHONY: web web-deps web-objects

web-deps:
	@tools/install-deps.sh --web

web: web-deps
	@$(MAKE) --no-print-directory web-objects
	@$(MAKE) --no-print-directory $(WEB_OUT)/index.html

web-objects: $(WEB_OUT)/include/.stamp
	@$(MAKE) --no-print-directory -j$(JOBS) $(WEB_OBJECTS)

$(WEB_OUT)/include/.stamp:
	mkdir -p $(WEB_OUT)/include
	# Only these libraries' headers: emscripten brings its own libc, so not all of /usr/include.
	ln -sfn /usr/include/nlohmann $(WEB_OUT)/include/nlohmann
	ln -sfn /usr/include/CLI $(WEB_OUT)/include/CLI
	ln -sfn /usr/include/stb $(WEB_OUT)/include/stb
	ln -sfn /usr/include/eigen3/Eigen $(WEB_OUT)/include/Eigen
	touch $@

$(WEB_OBJ)/%.o: %.cpp
	@mkdir -p $(dir $@)
	@echo "em++ $<"
	@nice $(EMXX) $(WEB_CXXFLAGS) -c $< -o $@

$(WEB_KERNEL_OBJECT): core/src/forward_fast_kernel.cpp
	@mkdir -p $(dir $@)
	@echo "em++ $< (portable kernel, SIMD128)"
	@nice $(EMXX) $(WEB_CXXFLAGS) -DCONVSTEP_KERNEL_NAMESPACE=portable -DCONVSTEP_KERNEL_PORTABLE -c $< -o $@

$(WEB_OBJ)/deps/%.o: $(WEB_DEPS)/%.cpp
	@mkdir -p $(dir $@)
	@echo "em++ $<"
	@nice $(EMXX) $(WEB_CXXFLAGS) -w -c $< -o $@

$(WEB_OBJ)/deps/%.o: $(WEB_DEPS)/%.c
	@mkdir -p $(dir $@)
	@echo "emcc $<"
	@nice $(EMCC) -O2 -pthread -w -I$(WEB_GIF) -c $< -o $@

# The preloaded files: the assets and the subset fonts.
$(WEB_STAGE_STAMP): $(WEB_ASSETS) tools/web-fonts.sh
	rm -rf $(WEB_OUT)/stage && mkdir -p $(WEB_OUT)/stage/assets
	cp -r assets/i18n assets/lesson assets/presets $(WEB_OUT)/stage/assets/
	tools/web-fonts.sh $(WEB_OUT)/stage/assets/fonts
	rm -f $(WEB_OUT)/stage/assets/fonts/cjk-text.txt
	touch $@

$(WEB_OUT)/index.html: $(WEB_OBJECTS) $(WEB_STAGE_STAMP) app/gui/platform/web/shell.html \
    app/gui/platform/web/pre.js app/gui/platform/web/coi-serviceworker.js
	@echo "em++ -o $@"
	@nice $(EMXX) $(WEB_LDFLAGS) $(WEB_OBJECTS) -o $@
	cp app/gui/platform/web/coi-serviceworker.js $(WEB_OUT)/
	@ls -l $(WEB_OUT)/index.*

-include $(shell find $(WEB_OBJ) -name '*.d' 2>/dev/null)
