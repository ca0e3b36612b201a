#!/usr/bin/env bash
# Installs a build into a temporary prefix and runs the installed programs from a folder away
# from the source and build trees: the files are where the README says, convstep-cli computes
# a preset from the installed assets (the same output on 1 and 2 threads), and convstep starts
# (under xvfb-run when it is there, a screenshot from the installed assets).
# Usage: tools/check_install.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
fail() { echo "check_install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$work/install.log" || fail "cmake --install failed"
cd "$work"  # nothing of the source tree is reachable by a relative path from here

share="$prefix/share"
for file in bin/convstep-cli share/convstep/assets/i18n/en.json share/convstep/assets/i18n/zh.json \
            share/convstep/assets/presets/01_seed_example.json share/applications/convstep.desktop \
            share/icons/hicolor/scalable/apps/convstep.svg share/icons/hicolor/16x16/apps/convstep.png \
            share/icons/hicolor/256x256/apps/convstep.png; do
  [ -f "$prefix/$file" ] || fail "not installed: $file"
done
grep -q '^Exec=convstep$' "$share/applications/convstep.desktop" || fail "desktop file has no Exec=convstep"
grep -q '^Icon=convstep$' "$share/applications/convstep.desktop" || fail "desktop file has no Icon=convstep"

cli="$prefix/bin/convstep-cli"
"$cli" --version | grep -q '^convstep-cli ' || fail "convstep-cli --version"
"$cli" forward --threads 1 "$share/convstep/assets/presets/01_seed_example.json" > seed.json
grep -q '"output_shape":' seed.json || fail "seed example: no output in $(head -c 300 seed.json)"
preset="$share/convstep/assets/presets/05_groups.json"
"$cli" forward --threads 1 "$preset" > one.json
"$cli" forward --threads 2 "$preset" > two.json
cmp -s one.json two.json || fail "forward on 1 and 2 threads differ for $preset"

if [ -x "$prefix/bin/convstep" ]; then
  app="$prefix/bin/convstep"
  "$app" --version | grep -q '^convstep ' || fail "convstep --version"
  if command -v xvfb-run > /dev/null; then
    HOME="$work/home" XDG_CONFIG_HOME="$work/config" xvfb-run -a -s "-screen 0 800x600x24" \
      "$app" --screenshot "$work/shot.png" --size 800x600 --frames 3 --lang zh > app.log 2>&1 \
      || fail "installed convstep --screenshot failed: $(cat app.log)"
    [ -s "$work/shot.png" ] || fail "installed convstep wrote no screenshot"
  fi
fi
echo "check_install: installed into $prefix and ran from $work: OK"
