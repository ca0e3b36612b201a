// Chinese typography in ConvStep's texts: a space between Han characters and Latin letters or
// digits ("第 2 行", "不是 steps"), checked by the i18n tests.
#pragma once

#include <string>
#include <vector>

namespace convstep::gui::testing {

// The places in `text` where a Han character touches a Latin letter or a digit ("不是steps"):
// Chinese text in ConvStep puts a space between them ("不是 steps", "第 2 行"). The seed post's
// title is quoted as its author wrote it, and is the one exception.
inline std::vector<std::string> HanTouchingLatin(std::string text) {
  const std::string title = "《Pytorch之nn.Conv1d学习个人见解》";
  for (size_t at = text.find(title); at != std::string::npos; at = text.find(title, at))
    text.replace(at, title.size(), "《》");
  struct Char {
    char32_t code;
    size_t begin;
  };
  std::vector<Char> chars;  // UTF-8 decoded (the tables are valid UTF-8: LoadFile checks)
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length && i + static_cast<size_t>(k) < text.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + static_cast<size_t>(k)]) & 0x3F);
    chars.push_back({code, i});
    i += static_cast<size_t>(length);
  }
  auto han = [](char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
  };
  auto latin = [](char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  std::vector<std::string> found;
  for (size_t i = 0; i + 1 < chars.size(); ++i) {
    const char32_t a = chars[i].code, b = chars[i + 1].code;
    if (!((han(a) && latin(b)) || (latin(a) && han(b)))) continue;
    const size_t from = i >= 3 ? chars[i - 3].begin : 0;
    const size_t to = i + 4 < chars.size() ? chars[i + 4].begin : text.size();
    found.push_back(text.substr(from, to - from));
  }
  return found;
}

}  // namespace convstep::gui::testing
