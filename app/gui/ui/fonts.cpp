#include "ui/fonts.h"

#include "state/app_state.h"
#include "state/language.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

#include <imgui_internal.h>  // ImTextCharFromUtf8

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

// The glyph ranges of every character of `text` above ASCII (the base faces keep theirs:
// merging never overwrites a glyph the base face already has).
std::shared_ptr<ImVector<ImWchar>> RangesOf(const std::string& text) {
  ImFontGlyphRangesBuilder builder;
  const char* at = text.c_str();
  const char* end = at + text.size();
  int count = 0;
  while (at < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    at += length;
    if (c >= 0x80 && c <= 0xFFFF) {
      builder.AddChar(static_cast<ImWchar>(c));
      ++count;
    }
  }
  auto ranges = std::make_shared<ImVector<ImWchar>>();
  if (count > 0) builder.BuildRanges(ranges.get());
  return ranges;
}

int CountRanges(const ImVector<ImWchar>& ranges) {
  int glyphs = 0;
  for (int i = 0; i + 1 < ranges.Size && ranges[i] != 0; i += 2)
    glyphs += static_cast<int>(ranges[i + 1]) - static_cast<int>(ranges[i]) + 1;
  return glyphs;
}

// A font file mapped into memory: stb_truetype then reads only the pages it needs (the
// tables and the few glyphs in use) of a ~20 MB CJK collection, instead of all of it.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    if (path.empty()) return;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && info.st_size > 0) {
      // Private and writable: nothing writes to it, and if something did, only its copy changes.
      void* data = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ | PROT_WRITE,
                          MAP_PRIVATE, fd, 0);
      if (data != MAP_FAILED) {
        data_ = data;
        size_ = static_cast<size_t>(info.st_size);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(data_, size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  void* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return data_ == nullptr; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Ideographs used to measure a CJK face's ink height: common ones whose ink spans the face's
// usual ideograph box (a one-stroke 一 would not).
constexpr char kProbeIdeographs[] = "\u56fd\u4e2d\u8f93\u51fa\u5377\u79ef\u6838\u7684";
constexpr float kProbePixels = 64.f;

// The ink of some glyphs in pixels: mean height, and mean height of its centre above the
// baseline (zeros when no glyph of the text is in the font).
struct InkBox {
  float height = 0.f;
  float centre = 0.f;
};

// The mean ink box of the glyphs of `text` in the built `font`.
InkBox InkOf(const ImFont* font, const std::string& text) {
  InkBox box;
  int count = 0;
  const char* at = text.c_str();
  const char* end = at + text.size();
  const float baseline = std::round(font->Ascent);
  while (at < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    at += length;
    const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
    if (!glyph || glyph->Y1 <= glyph->Y0) continue;
    box.height += glyph->Y1 - glyph->Y0;
    box.centre += baseline - (glyph->Y0 + glyph->Y1) * 0.5f;
    ++count;
  }
  if (count == 0) return InkBox{};
  box.height /= static_cast<float>(count);
  box.centre /= static_cast<float>(count);
  return box;
}

// Rasterises the Latin face's H and the probe ideographs at kProbePixels in a throwaway
// atlas (a few glyphs: stb_truetype reads only their pages of the mapped CJK file) and
// derives the CJK face's size and vertical offset from their ink.
CjkFit MeasureCjkFit(const std::string& latin, const FontFace& cjk, const MappedFile& bytes) {
  CjkFit fit;
  if (!Readable(latin) || bytes.empty()) return fit;
  ImFontAtlas probe;
  ImFontConfig config;
  config.OversampleH = 1;
  config.OversampleV = 1;
  static constexpr ImWchar kLatinH[] = {'H', 'H', 0};
  ImFont* latin_font = probe.AddFontFromFileTTF(latin.c_str(), kProbePixels, &config, kLatinH);
  ImVector<ImWchar> ranges;
  ImFontGlyphRangesBuilder builder;
  builder.AddText(kProbeIdeographs);
  builder.BuildRanges(&ranges);
  ImFontConfig cjk_config = config;
  cjk_config.FontDataOwnedByAtlas = true;  // not copied; taken back below (see MergeCjk)
  cjk_config.FontNo = cjk.index;
  ImFont* cjk_font = probe.AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()),
                                                kProbePixels, &cjk_config, ranges.Data);
  const bool built = latin_font && cjk_font && probe.Build();
  for (ImFontConfig& each : probe.ConfigData)
    if (each.FontData == bytes.data()) {
      each.FontData = nullptr;
      each.FontDataOwnedByAtlas = false;
    }
  if (!built) return fit;
  const InkBox cap = InkOf(latin_font, "H");
  const InkBox ideograph = InkOf(cjk_font, kProbeIdeographs);
  if (cap.height <= 0.f || ideograph.height <= 0.f) return fit;
  fit.scale = std::clamp(kCjkToCapHeight * cap.height / ideograph.height, 0.8f, 1.6f);
  // Centre the scaled ideographs on the capitals' centre.
  fit.offset_y = (ideograph.centre * fit.scale - cap.centre) / kProbePixels;
  fit.measured = true;
  return fit;
}

// MeasureCjkFit, once per pair of faces (LoadFonts runs again at every text size).
CjkFit CachedCjkFit(const std::string& latin, const FontFace& cjk, const MappedFile& bytes) {
  static std::map<std::string, CjkFit> fits;
  const std::string key = latin + "|" + cjk.file + ":" + std::to_string(cjk.index);
  const auto found = fits.find(key);
  if (found != fits.end()) return found->second;
  const CjkFit fit = MeasureCjkFit(latin, cjk, bytes);
  fits.emplace(key, fit);
  return fit;
}

// Merges the CJK face (its file's `bytes`, alive until the atlas is built) into the font added
// last, sized and lowered by `fit` so that its ideographs stand as tall as kCjkToCapHeight
// times the Latin capitals and centred on them.
void MergeCjk(ImFontAtlas* atlas, const FontFace& face, const MappedFile& bytes, float pixel_size,
              const ImWchar* ranges, const CjkFit& fit) {
  if (bytes.empty()) return;
  ImFontConfig config;
  // "Owned" so that ImGui 1.86 does not copy all 20 MB (it copies data it does not own); the
  // owner is really the MappedFile, and LoadFonts takes the pointers back before ImGui frees.
  config.FontDataOwnedByAtlas = true;
  config.MergeMode = true;
  config.FontNo = face.index;
  // Whole pixels: a fractional offset would blur every ideograph.
  config.GlyphOffset.y = std::round(pixel_size * fit.offset_y);
  pixel_size = std::round(pixel_size * fit.scale);
  config.OversampleH = 1;  // CJK strokes are dense: no horizontal oversampling keeps them crisp
  config.OversampleV = 1;
  config.PixelSnapH = true;
  atlas->AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()), pixel_size, &config,
                              ranges);
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

FontSet LoadFonts(ImFontAtlas* atlas, float pixel_size, const std::string& extra_text) {
  atlas->Clear();
  FontSet fonts;
  fonts.pixel_size = pixel_size;
  const std::shared_ptr<ImVector<ImWchar>> cjk_ranges = RangesOf(extra_text);
  FontFace cjk, cjk_bold;
  if (!cjk_ranges->empty()) {
    cjk = FindCjkFont(false);
    cjk_bold = FindCjkFont(true);
    if (!cjk_bold.found()) cjk_bold = cjk;
  }
  // Mapped until the atlas is built (the atlas does not own them).
  const MappedFile cjk_bytes(cjk.file);
  const MappedFile cjk_bold_bytes(cjk_bold.file != cjk.file ? cjk_bold.file : std::string());
  if (!cjk_ranges->empty()) {
    if (cjk_bytes.empty()) cjk = FontFace{};
    if (cjk.found()) {
      fonts.cjk_file = cjk.file;
      fonts.cjk_glyphs = CountRanges(*cjk_ranges);
    }
  }
  const ImWchar* cjk_glyphs = cjk_ranges->empty() ? nullptr : cjk_ranges->Data;
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

  const MappedFile& bold_bytes = cjk_bold_bytes.empty() ? cjk_bytes : cjk_bold_bytes;
  CjkFit fit, mono_fit, bold_fit;
  if (cjk_glyphs) {
    fit = CachedCjkFit(ui, cjk, cjk_bytes);
    mono_fit = CachedCjkFit(mono, cjk, cjk_bytes);
    bold_fit = CachedCjkFit(bold, cjk_bold, bold_bytes);
    fonts.cjk_fit = fit;
  }
  fonts.ui = AddFace(atlas, ui, pixel_size);
  if (fonts.ui) {
    fonts.ui_file = ui;
  } else {
    ImFontConfig config;
    config.SizePixels = std::max(13.f, std::round(pixel_size));
    fonts.ui = atlas->AddFontDefault(&config);
  }
  if (cjk_glyphs) MergeCjk(atlas, cjk, cjk_bytes, pixel_size, cjk_glyphs, fit);
  fonts.mono = AddFace(atlas, mono, pixel_size);
  if (fonts.mono && cjk_glyphs) MergeCjk(atlas, cjk, cjk_bytes, pixel_size, cjk_glyphs, mono_fit);
  if (!fonts.mono) fonts.mono = fonts.ui;
  fonts.bold = AddFace(atlas, bold, pixel_size);
  if (fonts.bold && cjk_glyphs)
    MergeCjk(atlas, cjk_bold, bold_bytes, pixel_size, cjk_glyphs, bold_fit);
  if (!fonts.bold) fonts.bold = fonts.ui;
  fonts.large = AddFace(atlas, ui, std::round(pixel_size * kLargeScale), kNumberRanges);
  fonts.reading = AddFace(atlas, ui, std::round(pixel_size * kReadingScale));
  if (fonts.reading && cjk_glyphs)
    MergeCjk(atlas, cjk, cjk_bytes, std::round(pixel_size * kReadingScale), cjk_glyphs, fit);
  if (!fonts.reading) fonts.reading = fonts.ui;
  atlas->Build();
  // The mapped CJK files belong to their MappedFile, not to the atlas: take them back first.
  for (ImFontConfig& config : atlas->ConfigData) {
    if (config.FontData != nullptr &&
        (config.FontData == cjk_bytes.data() || config.FontData == cjk_bold_bytes.data())) {
      config.FontData = nullptr;
      config.FontDataOwnedByAtlas = false;
    }
  }
  // The font files are not needed once the atlas is built; this also drops the pointers to
  // the glyph ranges, which die with this function.
  atlas->ClearInputData();
  return fonts;
}

FontSet LoadAppFonts(AppState& app, ImFontAtlas* atlas) {
  app.fonts = LoadFonts(atlas, AppFontPixels(app), TextNeedingGlyphs(app));
  app.view.fonts_dirty = false;
  return app.fonts;
}

bool FontLacksGlyphs(const ImFont* font, const std::string& text) {
  if (!font) return false;
  const char* at = text.c_str();
  const char* end = at + text.size();
  while (at < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    at += length;
    if (c >= 0x80 && c <= 0xFFFF && !font->FindGlyphNoFallback(static_cast<ImWchar>(c)))
      return true;
  }
  return false;
}

}  // namespace convstep::gui
