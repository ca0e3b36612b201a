#!/usr/bin/env bash
# Installs the Debian 12 packages ConvStep needs to build, test and run, if any are missing.
# As root it runs apt-get; otherwise it prints the exact sudo line and stops.
# Usage: tools/install-deps.sh [extra-package ...]
set -euo pipefail

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

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

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
