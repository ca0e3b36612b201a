// Fonts: a proportional UI face, a monospaced face for aligned numbers, and a bold face for
// titles, found with fontconfig (DejaVu / Noto from Debian) and rasterised at the size the
// text-size control and the monitor's content scale ask for.
#pragma once

#include <string>

#include <imgui.h>

namespace convstep::gui {

/// Base UI text height in pixels at 100% and content scale 1: readable on a projector.
inline constexpr float kBaseFontPixels = 18.f;

/// Size of the large face relative to the UI face.
inline constexpr float kLargeScale = 1.5f;

/// Size of the reading face (the lesson's narration, read from the back of a classroom).
inline constexpr float kReadingScale = 1.2f;

/// Size of CJK glyphs relative to the face they are merged into: Noto Sans CJK's ideographs
/// look a size smaller than DejaVu Sans' Latin at the same pixel size.
inline constexpr float kCjkScale = 1.12f;

/// The loaded faces (owned by the ImGui font atlas; null members fall back to the default).
struct FontSet {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
  ImFont* bold = nullptr;
  ImFont* large = nullptr;  ///< the UI face at kLargeScale, for numbers in enlarged cells
  ImFont* reading = nullptr;  ///< the UI face at kReadingScale (with CJK), for narration
  float pixel_size = kBaseFontPixels;
  std::string ui_file;  ///< the file the UI face came from (empty: Dear ImGui's built-in font)
  std::string cjk_file;  ///< the CJK face merged into ui / mono / bold (empty: none)
  int cjk_glyphs = 0;    ///< how many CJK-face glyphs were asked for
};

/// A font file and, for a collection (.ttc), the face's index in it.
struct FontFace {
  std::string file;
  int index = 0;
  bool found() const { return !file.empty(); }
};

/// The Simplified Chinese face (fontconfig match for lang "zh-cn", e.g. Noto Sans CJK SC from
/// fonts-noto-cjk, or WenQuanYi Micro Hei), regular or bold; not found when fontconfig
/// offers no face that really covers Chinese. $CONVSTEP_CJK_FONT overrides the search: a file
/// path, or "none" to behave as if no CJK font were installed (tests, and to check the
/// fallback by hand).
FontFace FindCjkFont(bool bold);

/// The UI font's pixel size for a user text scale and the monitor's content scale.
float FontPixelSize(float user_scale, float content_scale);

/// The file of the best match for a fontconfig pattern such as "DejaVu Sans:style=Bold",
/// or an empty string when fontconfig is missing or finds nothing usable (.ttf / .otf).
std::string FindFontFile(const char* pattern);

/// Clears `atlas` and loads the UI, mono and bold faces at `pixel_size` (with the Greek, math
/// and arrow glyphs the formulas use). Falls back to Dear ImGui's built-in font.
/// Every character of `extra_text` that those faces lack (Chinese, typed sentences) is merged
/// in from the CJK face, so the atlas holds only the glyphs in use and stays small.
FontSet LoadFonts(ImFontAtlas* atlas, float pixel_size, const std::string& extra_text = {});

}  // namespace convstep::gui
