#!/bin/sh
# The layer rule of app/gui (docs/architecture.md): only platform/ includes GLFW, X11, glad,
# fontconfig or Dear ImGui's platform backends; model/ includes neither Dear ImGui nor
# anything of state/, ui/ or platform/ (so neither AppState); state/ includes nothing of ui/.
#   check_layer_includes.sh GUI_DIR     checks the tree; prints each violation, exits 1 on any
#   check_layer_includes.sh --self-test checks that a planted violation of each rule is found
set -u

check() {
  gui=$1
  found=0
  platform_only='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](GLFW/|X11/|glad/|fontconfig/|imgui_impl_)'
  for file in $(find "$gui" -name '*.h' -o -name '*.cpp' | sort); do
    case "$file" in "$gui"/platform/*) continue ;; esac
    if grep -nE "$platform_only" "$file" >/dev/null; then
      grep -nE "$platform_only" "$file" | sed "s|^|$file: platform header outside platform/: |"
      found=1
    fi
  done
  model_banned='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](imgui|(state|ui|platform)/|app_state\.h)'
  if [ -d "$gui/model" ]; then
    for file in $(find "$gui/model" -name '*.h' -o -name '*.cpp' | sort); do
      if grep -nE "$model_banned" "$file" >/dev/null; then
        grep -nE "$model_banned" "$file" | sed "s|^|$file: model/ includes ImGui or a higher layer: |"
        found=1
      fi
    done
  fi
  state_banned='^[[:space:]]*#[[:space:]]*include[[:space:]]*"ui/'
  if [ -d "$gui/state" ]; then
    for file in $(find "$gui/state" -name '*.h' -o -name '*.cpp' | sort); do
      if grep -nE "$state_banned" "$file" >/dev/null; then
        grep -nE "$state_banned" "$file" | sed "s|^|$file: state/ includes the ui layer: |"
        found=1
      fi
    done
  fi
  return $found
}

if [ "${1:-}" = "--self-test" ]; then
  tmp=$(mktemp -d) || exit 1
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/gui/model" "$tmp/gui/state" "$tmp/gui/ui" "$tmp/gui/platform"
  echo '#include <GLFW/glfw3.h>' > "$tmp/gui/platform/window.cpp"
  echo '#include "convstep/tensor.h"' > "$tmp/gui/model/session.h"
  check "$tmp/gui" >/dev/null || { echo "self-test: a clean tree was reported"; exit 1; }
  for planted in 'ui/panel.cpp:#include <GLFW/glfw3.h>' 'ui/panel.cpp:#include <X11/Xlib.h>' \
                 'ui/panel.cpp:#include <glad/gl.h>' 'ui/fonts.cpp:#include <fontconfig/fontconfig.h>' \
                 'model/hover.h:#include <imgui.h>' 'model/hover.h:#include "state/app_state.h"' \
                 'model/hover.h:  #include "ui/frame.h"' 'state/edits.cpp:#include "ui/layout.h"'; do
    file=${planted%%:*}
    line=${planted#*:}
    cp -r "$tmp/gui" "$tmp/case"
    echo "$line" > "$tmp/case/$file"
    if check "$tmp/case" >/dev/null; then
      echo "self-test: missed '$line' in $file"
      exit 1
    fi
    rm -rf "$tmp/case"
  done
  echo "self-test: every planted violation was found"
  exit 0
fi

check "${1:?usage: check_layer_includes.sh GUI_DIR | --self-test}" || exit 1
echo "layer includes: fine"
