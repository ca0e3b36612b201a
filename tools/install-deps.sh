#!/usr/bin/env bash
# Installs the Debian 12 packages ConvStep needs to build, test and run, if any are missing.
# As root it runs apt-get; otherwise it prints the exact sudo line and stops.
# Usage: tools/install-deps.sh [--web] [extra-package ...]
#   --web: also what the browser build needs (emscripten, chromium, nodejs, npm,
#          python3-fonttools, dpkg-dev), and the sources of Dear ImGui's core and giflib from
#          Debian's source packages (apt-get source, after a deb-src entry for the mirror and
#          suite the system already uses), unpacked into $CONVSTEP_WEB_DEPS (default
#          build-web-deps/), never into git.
set -euo pipefail

web=0
if [[ "${1:-}" == "--web" ]]; then
  web=1
  shift
fi

packages=(
  build-essential cmake pkg-config
  libimgui-dev libstb-dev libglfw3-dev libgl-dev python3-glad
  libeigen3-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libfontconfig-dev fonts-noto-cjk libgif-dev
  xvfb xauth libgl1-mesa-dri
  libx11-dev libxrandr-dev xdotool xclip
  "$@"
)
if [[ $web -eq 1 ]]; then
  packages+=(emscripten chromium nodejs python3-fonttools dpkg-dev)
  # Debian's npm, unless a node from elsewhere brought its own npm.
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "ConvStep needs these Debian packages, which are not installed:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
[[ $web -eq 1 ]] || exit 0

# The browser build compiles Dear ImGui itself; libimgui-dev has the headers but not imgui.cpp &
# co. They come from Debian's own source package (pristine upstream 1.86, signed by the archive).
deps=${CONVSTEP_WEB_DEPS:-build-web-deps}
[[ -f "$deps/imgui/imgui_widgets.cpp" && -f "$deps/giflib/egif_lib.c" ]] && exit 0
if ! apt-get source --print-uris imgui >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "The browser build needs a deb-src entry (for apt-get source imgui); as root, run" >&2
    echo "  tools/install-deps.sh --web" >&2
    exit 1
  fi
  # A deb-src twin of the system's first Debian entry: same mirror, suite and keyring.
  read -r uri suite keyring < <(python3 - <<'PY'
import glob, re
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for stanza in open(path).read().split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.*)$", stanza, re.M))
        if "deb" in fields.get("Types", "").split() and "debian" in fields.get("URIs", ""):
            print(fields["URIs"].split()[0], fields["Suites"].split()[0],
                  fields.get("Signed-By", "/usr/share/keyrings/debian-archive-keyring.gpg"))
            raise SystemExit
for line in open("/etc/apt/sources.list"):
    parts = line.split()
    if parts[:1] == ["deb"] and "debian" in line:
        print(parts[-3], parts[-2], "/usr/share/keyrings/debian-archive-keyring.gpg")
        raise SystemExit
PY
  )
  echo "Adding deb-src $uri $suite main (for apt-get source imgui)"
  printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
    "$uri" "$suite" "$keyring" > /etc/apt/sources.list.d/convstep-deb-src.sources
  apt-get update -qq
fi
# giflib (the GIF export) the same way: the browser has no libgif to link.
mkdir -p "$deps/source"
for package in imgui giflib; do
  rm -rf "${deps:?}/$package" "$deps/source/$package"-*
  (cd "$deps/source" && apt-get source -qq "$package")
  cp -r "$(find "$deps/source" -maxdepth 1 -type d -name "$package-*" | head -1)" "$deps/$package"
  echo "$package's sources: $deps/$package"
done
