# The two README commands: `make run` and `make test`. Everything else is a helper.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release $(EXTRA_CMAKE_FLAGS)

.PHONY: run test deps configure build bench bench-wasm install deb test-wasm-core test-sanitize format format-check clean serve-web test-web

deps:
	@tools/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/app/gui/convstep $(ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./$(BUILD)/core/bench/convstep_bench --benchmark_filter=fast

# `make install PREFIX=~/.local` (default /usr/local; DESTDIR is honoured): convstep and
# convstep-cli in PREFIX/bin, assets in PREFIX/share/convstep, the menu entry and the icon.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The engine's forward passes and their tests in WebAssembly SIMD128, run under node
# (needs Debian's emscripten).
test-wasm-core:
	tools/test-wasm-core.sh build-wasm-core

# The engine's GFLOP/s in WebAssembly (em++ -O2 -msimd128, under node) against the native
# build, single thread both, on the benchmark shapes, in one run (tools/bench-wasm.sh).
bench-wasm: configure
	cmake --build $(BUILD) -j $(JOBS) --target convstep_core
	tools/bench-wasm.sh $(BUILD)

# A Debian package of the same files (build/convstep_VERSION_ARCH.deb), installed under /usr.
deb: build
	cd $(BUILD) && cpack -G DEB

# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer. Leaks that
# fontconfig and Mesa keep for the process's life are suppressed (tools/lsan.supp); the tests
# that run the real window under Xvfb check memory errors but not leaks, because Mesa's
# driver is unloaded before LeakSanitizer reports and its allocations cannot be named (the
# install test runs the installed app under Xvfb too).
WINDOW_TESTS = 'Process\.|install_runs_away'
SANITIZE_BUILD = build-sanitize
LSAN_SUPP = LSAN_OPTIONS=suppressions=$(CURDIR)/tools/lsan.supp:print_suppressions=0
test-sanitize:
	$(MAKE) build BUILD=$(SANITIZE_BUILD) CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONVSTEP_SANITIZE=ON -DCONVSTEP_BUILD_BENCH=OFF $(EXTRA_CMAKE_FLAGS)"
	cd $(SANITIZE_BUILD) && $(LSAN_SUPP) ctest --output-on-failure -j $(JOBS) -E $(WINDOW_TESTS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=detect_leaks=0 ctest --output-on-failure -j $(JOBS) -R $(WINDOW_TESTS)

# Every C++ file of the project, formatted with clang-format 14 and the repository's
# .clang-format (format rewrites them; format-check fails on any difference, as CI does).
CLANG_FORMAT ?= clang-format-14
FORMAT_FILES = $(shell git ls-files -- 'app/*.h' 'app/*.cpp' 'core/*.h' 'core/*.cpp')
format:
	@echo "$(CLANG_FORMAT) -i: $(words $(FORMAT_FILES)) files"
	@$(CLANG_FORMAT) -i $(FORMAT_FILES)

format-check:
	@echo "$(CLANG_FORMAT) --dry-run --Werror: $(words $(FORMAT_FILES)) files"
	@$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) build-wasm-core build-web

# The browser build and its tests (web/web.mk; needs `tools/install-deps.sh --web`).
include web/web.mk

# The browser build on http://127.0.0.1:8000 with COOP/COEP (threads need them).
serve-web: web
	tools/serve-web.py --dir $(WEB_OUT)

# The browser build in Debian's Chromium (puppeteer-core from package-lock.json): the seed
# example, play, paste, an invalid parameter, a PNG export, autosave across a reload, a share
# link; prints the budgets (transfer gzipped, first frame, worst frame while editing).
test-web: web
	@[ -d node_modules/puppeteer-core ] || npm ci --no-audit --no-fund
	tools/test-web.sh $(WEB_OUT)
