// Translation: lookup with fallback to the key, placeholders, and a complete English table
// (every key the sources use is in assets/i18n/en.json).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "convstep/geometry.h"
#include "convstep/io_npy.h"
#include "model/i18n.h"
#include "state/session_file.h"
#include "state/tensor_import.h"
#include "support/app_files.h"
#include "support/han_latin.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

// What the sources write as Message{"key", "English pattern", ...} and Hint{"key", ...} (or
// `Hint name = {"key", ...}`, a line break allowed after the brace): every key, and the pattern
// where it is string literals only.
struct SourceTexts {
  std::map<std::string, std::set<std::string>> keys;  // "Message" / "Hint" -> keys
  // "Message" / "Hint" -> key -> every literal pattern written for it (one, unless a typo)
  std::map<std::string, std::map<std::string, std::set<std::string>>> patterns;

  std::set<std::string> Keys(const std::string& kind) const {
    auto it = keys.find(kind);
    return it == keys.end() ? std::set<std::string>() : it->second;
  }
};

// The text of adjacent C++ string literals ("a" "b" -> ab), escapes resolved.
std::string LiteralText(const std::string& literals) {
  std::string text;
  bool inside = false;
  for (size_t i = 0; i < literals.size(); ++i) {
    const char c = literals[i];
    if (!inside) {
      inside = c == '"';
    } else if (c == '"') {
      inside = false;
    } else if (c == '\\' && i + 1 < literals.size()) {
      const char next = literals[++i];
      text += next == 'n' ? '\n' : next == 't' ? '\t' : next;
    } else {
      text += c;
    }
  }
  return text;
}

// core/src, app/gui and app/export (their tests excluded).
SourceTexts ScanSources() {
  const std::string root = std::string(CONVSTEP_SOURCE_DIR);
  const std::regex key_rx("\\b(Message|Hint)(?:\\{|\\s+[a-z_]+\\s*=\\s*\\{)\\s*\"([a-z_]+)\"");
  const std::regex pattern_rx(
      "\\b(Message|Hint)(?:\\{|\\s+[a-z_]+\\s*=\\s*\\{)\\s*\"([a-z_]+)\",\\s*"
      "((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+)[,}]");
  SourceTexts found;
  for (const char* dir : {"/core/src", "/app/gui", "/app/export"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root + dir)) {
      const auto ext = entry.path().extension();
      if ((ext != ".cpp" && ext != ".h") ||
          entry.path().string().find("/tests/") != std::string::npos)
        continue;
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      const std::string source = text.str();
      for (std::sregex_iterator it(source.begin(), source.end(), key_rx), end; it != end; ++it)
        found.keys[(*it)[1].str()].insert((*it)[2].str());
      for (std::sregex_iterator it(source.begin(), source.end(), pattern_rx), end; it != end; ++it)
        found.patterns[(*it)[1].str()][(*it)[2].str()].insert(LiteralText((*it)[3].str()));
    }
  }
  return found;
}

// The keys of `table` that start with `prefix`, without it.
std::set<std::string> TableKeys(const I18n& table, const std::string& prefix) {
  std::set<std::string> keys;
  for (const auto& [key, text] : table.entries())
    if (key.rfind(prefix, 0) == 0) keys.insert(key.substr(prefix.size()));
  return keys;
}

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
      "about", "axis", "batch", "canvas", "dot", "forgot", "formula", "granularity", "input",
      "kernels", "legend", "menu", "notice", "output", "panel", "params", "permute", "timeline",
      "values", "window", "lesson", "tab", "code", "conv2d", "matmul", "fit", "sentences",
      // files: import, cell edits, save, export, autosave, colour maps
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

// The hints of PyTorch's refusals speak the UI's language: every hint key the sources use has a
// "hint.<key>" entry (and the table no other), the English entry reproduces the core's own
// English hint with the same arguments, and the Chinese one carries the same numbers.
TEST(I18n, CoreHintsHaveEveryKeyAndTheEnglishTableMatchesTheCore) {
  const std::string root = std::string(CONVSTEP_SOURCE_DIR);
  I18n english, chinese;
  ASSERT_TRUE(english.LoadFile(root + "/assets/i18n/en.json"));
  ASSERT_TRUE(chinese.LoadFile(root + "/assets/i18n/zh.json"));
  const SourceTexts sources = ScanSources();
  const std::set<std::string> source_keys = sources.Keys("Hint");
  EXPECT_GE(source_keys.size(), 150u);
  EXPECT_EQ(source_keys, TableKeys(english, "hint."));

  // One refused configuration per kind of hint, checked in both languages.
  const auto spec = [](int64_t in, int64_t out, int64_t k) {
    Conv1dSpec s;
    s.in_channels = in;
    s.out_channels = out;
    s.kernel_size = k;
    return s;
  };
  struct Case {
    Conv1dSpec spec;
    Shape input;
    const char* key;
  };
  std::vector<Case> cases;
  Conv1dSpec s = spec(3, 8, 2);
  s.groups = 2;
  cases.push_back({s, {6, 3, 5}, "groups_split_in"});
  s = spec(3, 8, 2);
  s.stride = 0;
  cases.push_back({s, {6, 3, 5}, "stride_positive"});
  s = spec(3, 8, 2);
  s.padding_mode = PaddingMode::kReflect;
  s.padding = 5;
  cases.push_back({s, {6, 3, 5}, "reflect_too_wide"});
  s = spec(3, 8, 2);
  s.padding_mode = PaddingMode::kCircular;
  s.padding = -3;
  cases.push_back({s, {6, 3, 5}, "negative_padding_crops"});
  cases.push_back({spec(3, 8, 2), {6, 5, 3}, "channels_mismatch"});
  cases.push_back({spec(3, 8, 9), {6, 3, 5}, "kernel_too_long"});
  s = spec(3, 8, 2);
  s.dilation = 0;
  cases.push_back({s, {6, 3, 5}, "dilation_positive"});
  cases.push_back({spec(3, 8, 2), {3, 5, 1, 1}, "input_dims"});
  for (const Case& c : cases) {
    const auto result = Validate(c.spec, c.input);
    ASSERT_FALSE(result) << c.key;
    const Error& e = result.error();
    EXPECT_EQ(e.hint_key, c.key);
    EXPECT_EQ(LocalizedHint(english, e), e.hint) << c.key;
    const std::string zh = LocalizedHint(chinese, e);
    EXPECT_NE(zh, e.hint) << c.key;
    for (const std::string& arg : e.hint_args) EXPECT_NE(zh.find(arg), std::string::npos) << zh;
  }
  // An error without a key, or a table without the entry, shows the core's English hint.
  const Error plain = MakeError("m", "p", "plain hint");
  EXPECT_EQ(LocalizedHint(chinese, plain), "plain hint");
  I18n empty;
  EXPECT_EQ(LocalizedHint(empty, Validate(cases[0].spec, cases[0].input).error()),
            Validate(cases[0].spec, cases[0].input).error().hint);
}

// ConvStep's own messages speak the UI's language like the hints: every Message key the sources
// use has an "error.<key>" entry (and the table no other), and the English table holds exactly
// the English pattern the sources write, for messages and hints alike.
TEST(I18n, MessagesHaveEveryKeyAndTheEnglishTableHoldsTheSourcesPatterns) {
  I18n english;
  ASSERT_TRUE(english.LoadFile(std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/en.json"));
  const SourceTexts sources = ScanSources();
  EXPECT_GE(sources.Keys("Message").size(), 150u);
  EXPECT_EQ(sources.Keys("Message"), TableKeys(english, "error."));
  std::string problems;
  size_t checked = 0;
  for (const auto& [kind, keys] : sources.patterns) {
    const std::string prefix = kind == "Message" ? "error." : "hint.";
    for (const auto& [key, patterns] : keys) {
      const char* table = english.Find(prefix + key);
      for (const std::string& pattern : patterns) {
        ++checked;
        if (!table || pattern != table)
          problems += "  " + prefix + key + ": the source says \"" + pattern + "\", en.json \"" +
                      (table ? table : "(none)") + "\"\n";
      }
    }
  }
  EXPECT_GE(checked, 300u);  // all but the few hints built from pieces (groups_*)
  EXPECT_TRUE(problems.empty()) << problems;
}

// The quoted numbers, names and texts of a message: its arguments that are not phrases.
void QuotedArgs(const std::vector<MessageArg>& args, std::vector<std::string>* out) {
  for (const MessageArg& arg : args) {
    if (arg.key.empty())
      out->push_back(arg.text);
    else
      QuotedArgs(arg.args, out);
  }
}

// True when `text` holds a CJK ideograph (U+4E00..U+9FFF: a first byte E4..E9).
bool HasHan(const std::string& text) {
  for (unsigned char byte : text)
    if (byte >= 0xE4 && byte <= 0xE9) return true;
  return false;
}

// Real broken inputs, as a student meets them: the English table gives back the core's English
// message, hint and one-line form exactly; the Chinese one says it in Chinese with the same
// numbers, names and quoted text.
TEST(I18n, BrokenFilesAndPastesAreExplainedInTheUisLanguage) {
  const std::string root = std::string(CONVSTEP_SOURCE_DIR);
  I18n english, chinese;
  ASSERT_TRUE(english.LoadFile(root + "/assets/i18n/en.json"));
  ASSERT_TRUE(chinese.LoadFile(root + "/assets/i18n/zh.json"));
  AppState app;
  testing::InitApp(app);
  testing::TempDir dir;
  const std::string conv = R"("conv": {"in_channels": 3, "out_channels": 8, "kernel_size": 2})";
  struct Case {
    const char* what;
    Result<bool> result;
    std::vector<const char*> zh_has;  // translated phrases that must show
  };
  const auto failed = [](const auto& result) -> Result<bool> {
    if (result) return true;
    return result.error();
  };
  std::string npy = WriteNpy(Tensor::Zeros({2, 3}));
  std::vector<Case> cases;
  cases.push_back({"a truncated .npy (golden file)",
                   failed(ReadTensorFile(root + "/core/tests/golden/npy/bad_truncated.npy")),
                   {"字节"}});
  cases.push_back({"a .npy cut inside its header",
                   failed(ReadTensorFile(dir.Write("cut.npy", npy.substr(0, 40)))),
                   {"文件头被截断"}});
  cases.push_back({"a .npy cut inside its data",
                   failed(ReadTensorFile(dir.Write("short.npy", npy.substr(0, npy.size() - 5)))),
                   {"数据部分"}});
  cases.push_back({"a CSV with a word in it",
                   failed(ReadTensorFile(dir.Write("word.csv", "1,2,3\n4,five,6\n"))),
                   {"不是数字"}});
  cases.push_back({"ragged CSV rows",
                   failed(ReadTensorFile(dir.Write("ragged.csv", "1,2\n3\n"))),
                   {"第 2 行"}});
  cases.push_back({"a bad torch text paste",
                   failed(ParsePastedTensor("tensor([[1.0, 2.0],\n        [3.0, 4.0, 5.0]])")),
                   {"粘贴的文本", "张量文本"}});
  cases.push_back({"a summarized torch text paste",
                   failed(ParsePastedTensor("tensor([ 0.,  1.,  2.,  ..., 97., 98., 99.])")),
                   {"省略"}});
  cases.push_back({"a word in a .txt of print(tensor) text",
                   failed(ReadTensorFile(dir.Write("word.txt", "tensor([1.0, 'a'])"))),
                   {"张量文本"}});
  cases.push_back({"a session whose granularity is unknown",
                   OpenSessionText(app, "{" + conv + R"(, "session": {"granularity": "weekly"}})",
                                   dir.path(), "weekly.json"),
                   {"但读到的是"}});
  cases.push_back({"a session with a string for in_channels",
                   OpenSessionText(app,
                                   R"({"conv": {"in_channels": "3", "out_channels": 8,)"
                                   R"( "kernel_size": 2}})",
                                   dir.path(), "quoted.json"),
                   {"整数", "字符串"}});
  cases.push_back({"a session cut short",
                   OpenSessionText(app, "{" + conv + ", \"input\": [[1, 2", dir.path(), "cut.json"),
                   {"JSON 格式错误", "第 1 行"}});
  cases.push_back({"a session whose view names an unknown tab",
                   OpenSessionText(app, "{" + conv + R"(, "view": {"panels": {"side": "notes"}}})",
                                   dir.path(), "side.json"),
                   {"以下之一"}});
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    ASSERT_FALSE(c.result.ok());
    const Error& e = c.result.error();
    EXPECT_FALSE(e.message_key.empty()) << e.message;
    EXPECT_FALSE(e.hint_key.empty()) << e.hint;
    EXPECT_EQ(LocalizedMessage(english, e), e.message);
    EXPECT_EQ(LocalizedHint(english, e), e.hint);
    EXPECT_EQ(LocalizedOneLine(english, e), e.OneLine());
    const std::string message = LocalizedMessage(chinese, e);
    const std::string hint = LocalizedHint(chinese, e);
    EXPECT_NE(message, e.message);
    EXPECT_NE(hint, e.hint);
    EXPECT_TRUE(HasHan(message)) << message;
    EXPECT_TRUE(HasHan(hint)) << hint;
    std::vector<std::string> quoted;
    QuotedArgs(e.message_args, &quoted);
    EXPECT_FALSE(quoted.empty()) << e.message;
    for (const std::string& arg : quoted)
      EXPECT_NE(message.find(arg), std::string::npos) << message;
    for (const std::string& arg : e.hint_args) EXPECT_NE(hint.find(arg), std::string::npos) << hint;
    for (const char* phrase : c.zh_has)
      EXPECT_NE(message.find(phrase), std::string::npos) << message;
    EXPECT_EQ(LocalizedError(chinese, e), message + "\n" + hint);
    EXPECT_EQ(testing::HanTouchingLatin(message), std::vector<std::string>()) << message;
    EXPECT_EQ(testing::HanTouchingLatin(hint), std::vector<std::string>()) << hint;
  }
  // The file name and the place stay as they are, inside the Chinese sentence.
  const Error& csv = cases[3].result.error();
  EXPECT_EQ(csv.message, dir / "word.csv" + ": line 2, column 2: 'five' is not a number");
  EXPECT_EQ(LocalizedMessage(chinese, csv), dir / "word.csv" + "：第 2 行第 2 列：'five' 不是数字");
  // Phrases quoted inside a message are translated with it ("the string" -> 字符串).
  const Error& quoted = cases[9].result.error();
  EXPECT_NE(quoted.message.find("must be a whole number, but got the string \"3\""),
            std::string::npos)
      << quoted.message;
  EXPECT_EQ(LocalizedMessage(chinese, quoted).find("the string"), std::string::npos);
  EXPECT_NE(LocalizedMessage(chinese, quoted).find("字符串 \"3\""), std::string::npos);
  // PyTorch's own messages (no key) stay as PyTorch prints them in every language.
  Conv1dSpec spec;
  spec.in_channels = 3;
  spec.out_channels = 8;
  spec.kernel_size = 2;
  const auto pytorch = Validate(spec, {6, 5, 3});
  ASSERT_FALSE(pytorch);
  EXPECT_TRUE(pytorch.error().message_key.empty());
  EXPECT_EQ(LocalizedMessage(chinese, pytorch.error()), pytorch.error().message);
}

}  // namespace
}  // namespace convstep::gui
