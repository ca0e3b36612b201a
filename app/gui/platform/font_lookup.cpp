#include "platform/font_lookup.h"

#include <cstdlib>
#include <fstream>

#ifdef CONVSTEP_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

namespace convstep::gui {
namespace {

bool Readable(const std::string& path) {
  if (path.empty()) return false;
  std::ifstream file(path, std::ios::binary);
  return static_cast<bool>(file);
}

bool UsableFormat(const std::string& path) {
  const auto dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string ext = path.substr(dot);
  return ext == ".ttf" || ext == ".otf" || ext == ".TTF" || ext == ".OTF";
}

// Font collections too (Noto Sans CJK ships as .ttc): stb_truetype reads face `index` of one.
bool UsableCollection(const std::string& path) {
  const auto dot = path.rfind('.');
  return UsableFormat(path) ||
         (dot != std::string::npos && (path.substr(dot) == ".ttc" || path.substr(dot) == ".TTC"));
}

}  // namespace

std::string FindFontFile([[maybe_unused]] const char* pattern) {
#ifdef CONVSTEP_HAVE_FONTCONFIG
  std::string found;
  if (!FcInit()) return found;
  FcPattern* query = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
  if (!query) return found;
  FcConfigSubstitute(nullptr, query, FcMatchPattern);
  FcDefaultSubstitute(query);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, query, &result);
  if (match) {
    FcChar8* file = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file) {
      const std::string path(reinterpret_cast<const char*>(file));
      if (UsableFormat(path)) found = path;
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(query);
  return found;
#else
  return {};
#endif
}

FontFace FindCjkFont([[maybe_unused]] bool bold) {
  FontFace face;
  if (const char* forced = std::getenv("CONVSTEP_CJK_FONT"); forced && *forced) {
    const std::string value = forced;
    if (value == "none") return face;
    face.file = value;
    const auto colon = value.rfind(':');
    if (colon != std::string::npos && colon + 1 < value.size()) {
      face.file = value.substr(0, colon);
      face.index = std::atoi(value.c_str() + colon + 1);
    }
    if (!Readable(face.file)) face = FontFace{};
    return face;
  }
#ifdef CONVSTEP_HAVE_FONTCONFIG
  if (!FcInit()) return face;
  FcPattern* query = FcPatternCreate();
  FcLangSet* langs = FcLangSetCreate();
  FcLangSetAdd(langs, reinterpret_cast<const FcChar8*>("zh-cn"));
  FcPatternAddLangSet(query, FC_LANG, langs);
  FcPatternAddInteger(query, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddBool(query, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(nullptr, query, FcMatchPattern);
  FcDefaultSubstitute(query);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, query, &result);
  if (match) {
    FcChar8* file = nullptr;
    FcCharSet* charset = nullptr;
    int index = 0;
    // fontconfig always answers with something: keep it only if it really has Chinese
    // (中 and 积), else there is no CJK font and the caller falls back to English.
    const bool covers = FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch &&
                        FcCharSetHasChar(charset, 0x4E2D) && FcCharSetHasChar(charset, 0x79EF);
    if (covers && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file) {
      const std::string path(reinterpret_cast<const char*>(file));
      FcPatternGetInteger(match, FC_INDEX, 0, &index);
      if (UsableCollection(path) && Readable(path)) face = FontFace{path, index};
    }
    FcPatternDestroy(match);
  }
  FcLangSetDestroy(langs);
  FcPatternDestroy(query);
#endif
  return face;
}

}  // namespace convstep::gui
