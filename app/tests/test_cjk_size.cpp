// Chinese at the same visual size as the Latin text beside it: the CJK face merged into each of
// the app's faces is sized from the two faces' ink, so that an ideograph stands about 1.15
// times as tall as a Latin capital and is centred on the capitals. Measured on the glyphs of
// the built font atlas (their quads are the ink's bounding boxes), in English and Chinese.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "platform/font_lookup.h"
#include "support/files.h"
#include "ui/fonts.h"

namespace convstep::gui {
namespace {

using convstep::test_support::ScopedEnv;

// Chinese from the UI (kernel bank, output, window, dot product, batch), none of which is one
// of the ideographs the loader measures with.
const char kChinese[] = "卷积核组输出窗口点积批量";

struct Ink {
  float height = 0.f;  ///< mean ink height, pixels
  float centre = 0.f;  ///< mean height of the ink's centre above the baseline, pixels
  int glyphs = 0;
};

Ink InkOf(const ImFont* font, const char* text) {
  Ink ink;
  const char* at = text;
  const char* end = text + std::strlen(text);
  const float baseline = std::round(font->Ascent);
  while (at < end) {
    unsigned int c = 0;
    at += ImTextCharFromUtf8(&c, at, end);
    const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
    if (!glyph) continue;
    ink.height += glyph->Y1 - glyph->Y0;
    ink.centre += baseline - (glyph->Y0 + glyph->Y1) * 0.5f;
    ++ink.glyphs;
  }
  if (ink.glyphs > 0) ink.height /= ink.glyphs, ink.centre /= ink.glyphs;
  return ink;
}

bool HaveCjkFont() {
  return FindCjkFont(false).found();
}

// Every face (UI, mono, bold, reading) at text scales 1, 1.5 and 2: the ideographs' ink is
// 1.08 to 1.22 times the capitals' (1.15 asked; whole pixels round it) and centred on them.
void ExpectChineseMatchesLatin(const char* what) {
  for (const float pixels : {18.f, 27.f, 36.f}) {
    ImFontAtlas atlas;
    const FontSet fonts = LoadFonts(&atlas, pixels, kChinese);
    ASSERT_TRUE(fonts.cjk_fit.measured) << what;
    struct Face {
      const char* name;
      const ImFont* font;
    };
    for (const Face face : {Face{"ui", fonts.ui}, Face{"mono", fonts.mono},
                            Face{"bold", fonts.bold}, Face{"reading", fonts.reading}}) {
      const Ink capitals = InkOf(face.font, "HEFTLIK");
      const Ink ideographs = InkOf(face.font, kChinese);
      ASSERT_EQ(ideographs.glyphs, 12) << what << " " << face.name;
      const float ratio = ideographs.height / capitals.height;
      EXPECT_GE(ratio, 1.08f) << what << " " << face.name << " at " << pixels << " px";
      EXPECT_LE(ratio, 1.22f) << what << " " << face.name << " at " << pixels << " px";
      EXPECT_LE(std::fabs(ideographs.centre - capitals.centre),
                std::max(1.5f, 0.08f * capitals.height))
          << what << " " << face.name << " at " << pixels << " px: ideographs centred "
          << ideographs.centre << " px above the baseline, capitals " << capitals.centre;
      if (face.name == std::string("ui"))
        std::printf(
            "%s, %.0f px: capitals %.1f px tall, ideographs %.1f px (x%.2f), centres "
            "%.1f / %.1f px above the baseline (CJK face at %.3fx the size)\n",
            what, pixels, capitals.height, ideographs.height, ratio, capitals.centre,
            ideographs.centre, fonts.cjk_fit.scale);
    }
  }
}

TEST(CjkSize, IdeographsStandAsTallAsLatinCapitalsInEveryFace) {
  if (!HaveCjkFont()) GTEST_SKIP() << "no CJK font installed";
  ImGui::CreateContext();
  ExpectChineseMatchesLatin("the system's CJK face");
  ImGui::DestroyContext();
}

// The size comes from the faces, not from a constant for one pair: a serif CJK face with other
// proportions lands in the same range.
TEST(CjkSize, AnotherCjkFaceIsMeasuredToo) {
  const char* serif = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc";
  if (!std::filesystem::exists(serif)) GTEST_SKIP() << serif << " not installed";
  ScopedEnv forced("CONVSTEP_CJK_FONT", std::string(serif) + ":2");
  ImGui::CreateContext();
  ExpectChineseMatchesLatin("Noto Serif CJK SC Bold");
  ImGui::DestroyContext();
}

// English leaves the Latin faces as they are: the same capitals with or without Chinese merged
// in, and no ideographs in the atlas.
TEST(CjkSize, TheLatinTextIsTheSameInBothLanguages) {
  if (!HaveCjkFont()) GTEST_SKIP() << "no CJK font installed";
  ImGui::CreateContext();
  ImFontAtlas english, chinese;
  const FontSet en = LoadFonts(&english, 18.f, "");
  const FontSet zh = LoadFonts(&chinese, 18.f, kChinese);
  EXPECT_TRUE(FontLacksGlyphs(en.ui, kChinese));
  EXPECT_FALSE(FontLacksGlyphs(zh.ui, kChinese));
  for (const char* latin : {"H", "0", "x", "g"}) {
    const Ink a = InkOf(en.ui, latin), b = InkOf(zh.ui, latin);
    EXPECT_EQ(a.height, b.height) << latin;
    EXPECT_EQ(a.centre, b.centre) << latin;
  }
  EXPECT_EQ(en.ui->FontSize, zh.ui->FontSize);
  EXPECT_EQ(en.ui->Ascent, zh.ui->Ascent);  // one baseline for both scripts
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace convstep::gui
