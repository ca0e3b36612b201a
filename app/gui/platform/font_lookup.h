// Font lookup on the desktop: fontconfig finds the UI faces (DejaVu / Noto from Debian) and a
// face that covers Simplified Chinese. The only place that talks to fontconfig.
#pragma once

#include <string>

namespace convstep::gui {

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

/// The file of the best match for a fontconfig pattern such as "DejaVu Sans:style=Bold",
/// or an empty string when fontconfig is missing or finds nothing usable (.ttf / .otf).
std::string FindFontFile(const char* pattern);

}  // namespace convstep::gui
