// Translation: lookup with fallback to the key, placeholders, and a complete English table
// (every key the sources use is in assets/i18n/en.json).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "i18n.h"

namespace convstep::gui {
namespace {

TEST(I18n, LookupFallsBackToTheKey) {
  I18n i18n;
  ASSERT_TRUE(i18n.LoadText(R"({"@language": "en", "menu.file": "File"})"));
  EXPECT_STREQ(Tr(i18n, "menu.file"), "File");
  EXPECT_STREQ(Tr(i18n, "menu.missing"), "menu.missing");
  EXPECT_EQ(i18n.language(), "en");
  EXPECT_EQ(Label(i18n, "menu.file"), "File##menu.file");
}

TEST(I18n, Placeholders) {
  EXPECT_EQ(FormatPlaceholders("step {0} of {1}", {"3", "10"}), "step 3 of 10");
  EXPECT_EQ(FormatPlaceholders("{1} before {0}", {"a", "b"}), "b before a");
  EXPECT_EQ(FormatPlaceholders("{2} missing, {x} kept, {", {"a"}), "{2} missing, {x} kept, {");
  I18n i18n;
  ASSERT_TRUE(i18n.LoadText(R"({"k": "y[{0}] = {1}"})"));
  EXPECT_EQ(TrFormat(i18n, "k", {"0, 1, 2", "0.5"}), "y[0, 1, 2] = 0.5");
}

TEST(I18n, BrokenTablesAreRefusedWithAReason) {
  I18n i18n;
  std::string error;
  EXPECT_FALSE(i18n.LoadText("[1, 2]", &error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(i18n.LoadText("{\"a\": ", &error));
  EXPECT_FALSE(i18n.LoadFile("/no/such/en.json", &error));
  EXPECT_NE(error.find("/no/such/en.json"), std::string::npos);
  EXPECT_STREQ(Tr(i18n, "menu.file"), "menu.file");
}

// Every string literal in app/gui that looks like a translation key ("panel.input",
// "params.stride_tooltip", ...) must be in the English table.
TEST(I18n, TheEnglishTableHasEveryKeyTheSourcesUse) {
  I18n english;
  std::string error;
  ASSERT_TRUE(english.LoadFile(std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/en.json", &error))
      << error;
  const std::set<std::string> namespaces = {
      "about",  "axis",    "batch",   "canvas",      "dot",       "forgot", "formula",
      "granularity", "input", "kernels", "legend", "menu",      "notice", "output",
      "panel",  "params",  "permute", "timeline",    "values",    "window", "lesson",
      "tab",    "code",    "conv2d",  "sentences",
      // issue 6: import, cell edits, save, export, autosave, colour maps
      "import", "edit", "export", "file", "autosave", "colormap"};
  const std::regex literal("\"([a-z]+)\\.([a-z_0-9]+)\"");
  std::set<std::string> missing;
  size_t keys = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::string(CONVSTEP_SOURCE_DIR) + "/app/gui")) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".h") continue;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end; ++it) {
      if (!namespaces.count((*it)[1].str())) continue;
      const std::string tail = (*it)[2].str();
      if (tail == "h" || tail == "cpp" || tail == "json" || tail == "png") continue;  // file names
      const std::string key = (*it)[1].str() + "." + (*it)[2].str();
      ++keys;
      if (!english.Find(key)) missing.insert(key + " (" + entry.path().filename().string() + ")");
    }
  }
  // Keys built from a prefix and a control name.
  for (const char* control : {"in_channels", "out_channels", "kernel_size", "stride", "dilation",
                              "groups", "batch", "length"}) {
    for (const std::string suffix : {"", "_tooltip"}) {
      const std::string key = std::string("params.") + control + suffix;
      if (!english.Find(key)) missing.insert(key);
    }
  }
  EXPECT_GT(keys, 100u);
  std::string list;
  for (const auto& key : missing) list += "  " + key + "\n";
  EXPECT_TRUE(missing.empty()) << "keys missing from en.json:\n" << list;
}

// Every key of the English table is in the Chinese one and the other way round, with the same
// placeholders and no empty text, and the Chinese text really is Chinese where English has words.
TEST(I18n, TheChineseTableHasEveryKeyWithTheSamePlaceholders) {
  I18n english, chinese;
  std::string error;
  const std::string dir = std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/";
  ASSERT_TRUE(english.LoadFile(dir + "en.json", &error)) << error;
  ASSERT_TRUE(chinese.LoadFile(dir + "zh.json", &error)) << error;
  EXPECT_EQ(chinese.language(), "zh");
  const std::regex placeholder("\\{[0-9]\\}");
  auto placeholders = [&](const std::string& text) {
    std::multiset<std::string> found;
    for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it)
      found.insert(it->str());
    return found;
  };
  std::string problems;
  size_t translated = 0;
  for (const auto& [key, text] : english.entries()) {
    const char* other = chinese.Find(key);
    if (!other) {
      problems += "  missing from zh.json: " + key + "\n";
      continue;
    }
    if (placeholders(text) != placeholders(other))
      problems += "  placeholders differ: " + key + "\n";
    if (!text.empty() && std::string(other).empty()) problems += "  empty: " + key + "\n";
    bool han = false;  // a CJK ideograph (U+4E00..U+9FFF) starts with a byte E4..E9
    for (unsigned char byte : std::string(other)) han = han || (byte >= 0xE4 && byte <= 0xE9);
    translated += han ? 1 : 0;
  }
  for (const auto& [key, text] : chinese.entries())
    if (!english.Find(key)) problems += "  only in zh.json: " + key + "\n";
  EXPECT_TRUE(problems.empty()) << problems;
  EXPECT_GT(translated, english.size() * 3 / 4);  // most entries hold Chinese characters
}

}  // namespace
}  // namespace convstep::gui
