#include "fonts.h"

#include <cmath>
#include <fstream>

#ifdef CONVSTEP_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

namespace convstep::gui {
namespace {

// Latin-1, Greek (Σ), general punctuation (− … ·), arrows, math operators, ⌊⌋, geometric shapes.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0370, 0x03FF, 0x2010, 0x205E, 0x2070, 0x209F, 0x2190, 0x21FF,
    0x2200, 0x22FF, 0x2300, 0x23FF, 0x25A0, 0x25FF, 0x2700, 0x27BF, 0,
};

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

std::string FirstExisting(std::initializer_list<const char*> paths) {
  for (const char* path : paths)
    if (Readable(path)) return path;
  return {};
}

// Numbers only (for the large face): ASCII.
constexpr ImWchar kNumberRanges[] = {0x0020, 0x007F, 0};

ImFont* AddFace(ImFontAtlas* atlas, const std::string& path, float pixel_size,
                const ImWchar* ranges = kGlyphRanges) {
  if (!Readable(path)) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return atlas->AddFontFromFileTTF(path.c_str(), pixel_size, &config, ranges);
}

}  // namespace

float FontPixelSize(float user_scale, float content_scale) {
  return std::round(kBaseFontPixels * user_scale * (content_scale > 0.f ? content_scale : 1.f));
}

std::string FindFontFile(const char* pattern) {
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
  (void)pattern;
  return {};
#endif
}

FontSet LoadFonts(ImFontAtlas* atlas, float pixel_size) {
  atlas->Clear();
  FontSet fonts;
  fonts.pixel_size = pixel_size;
  std::string ui = FindFontFile("DejaVu Sans:style=Book");
  if (ui.empty())
    ui = FirstExisting({"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"});
  std::string mono = FindFontFile("DejaVu Sans Mono:style=Book");
  if (mono.empty())
    mono = FirstExisting({"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                          "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"});
  std::string bold = FindFontFile("DejaVu Sans:style=Bold");
  if (bold.empty()) bold = FirstExisting({"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"});

  fonts.ui = AddFace(atlas, ui, pixel_size);
  if (fonts.ui) {
    fonts.ui_file = ui;
  } else {
    ImFontConfig config;
    config.SizePixels = std::max(13.f, std::round(pixel_size));
    fonts.ui = atlas->AddFontDefault(&config);
  }
  fonts.mono = AddFace(atlas, mono, pixel_size);
  if (!fonts.mono) fonts.mono = fonts.ui;
  fonts.bold = AddFace(atlas, bold, pixel_size);
  if (!fonts.bold) fonts.bold = fonts.ui;
  fonts.large = AddFace(atlas, ui, std::round(pixel_size * kLargeScale), kNumberRanges);
  atlas->Build();
  return fonts;
}

}  // namespace convstep::gui
