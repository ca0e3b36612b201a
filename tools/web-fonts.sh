#!/usr/bin/env bash
# The browser build's fonts, cut at build time to the characters ConvStep can show (fontTools'
# subsetter, Debian's python3-fonttools): DejaVu Sans / Sans Bold / Sans Mono to the glyph
# ranges of app/gui/ui/fonts.cpp, and Noto Sans CJK SC (fonts-noto-cjk) to the CJK characters
# of the Chinese UI table, the lesson, the presets and the app's own example text.
# Usage: tools/web-fonts.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
mkdir -p "$out"
python=/usr/bin/python3  # Debian's python3-fonttools is installed for the system Python
dejavu=/usr/share/fonts/truetype/dejavu
latin=U+0020-00FF,U+0370-03FF,U+2010-205E,U+2070-209F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,U+2700-27BF
for face in DejaVuSans DejaVuSans-Bold DejaVuSansMono; do
  "$python" -m fontTools.subset "$dejavu/$face.ttf" --unicodes="$latin" \
    --layout-features='*' --no-hinting --output-file="$out/$face.ttf"
done
# Every character of the texts at or above U+2E80 (CJK radicals onwards) and the full-width forms.
"$python" - "$out/cjk-text.txt" assets/i18n/zh.json assets/lesson/chapters.json assets/presets/*.json \
  app/gui/state/teach_state.h app/gui/model/*.cpp <<'PY'
import sys
chars = set()
for path in sys.argv[2:]:
    chars.update(c for c in open(path, encoding="utf-8").read() if ord(c) >= 0x2E80)
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
print(f"CJK subset: {len(chars)} characters")
PY
"$python" -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --text-file="$out/cjk-text.txt" --layout-features='*' --no-hinting \
  --output-file="$out/cjk-subset.otf"
