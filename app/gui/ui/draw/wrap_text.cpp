#include "ui/draw/wrap_text.h"

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace convstep::gui {
namespace {

bool IsCjk(unsigned int c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF);
}

// Characters a line must not start with: closing punctuation.
bool NoBreakBefore(unsigned int c) {
  switch (c) {
    case ',':
    case '.':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
    case 0x3001:
    case 0x3002:
    case 0xFF0C:
    case 0xFF0E:
    case 0xFF1A:
    case 0xFF1B:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF09:
    case 0x300D:
    case 0x300F:
    case 0x3011:
    case 0x300B:
    case 0x3009:
    case 0x201D:
    case 0x2019:
    case 0x2026:
    case 0xFF05:
      return true;
    default:
      return false;
  }
}

// Characters a line must not end with: opening punctuation.
bool NoBreakAfter(unsigned int c) {
  switch (c) {
    case '(':
    case '[':
    case '{':
    case 0xFF08:
    case 0x300C:
    case 0x300E:
    case 0x3010:
    case 0x300A:
    case 0x3008:
    case 0x201C:
    case 0x2018:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::string_view> WrapLines(std::string_view text, const ImFont* font, float size,
                                        float width) {
  std::vector<std::string_view> lines;
  if (!font || text.empty()) {
    if (!text.empty()) lines.push_back(text);
    return lines;
  }
  const float scale = size / font->FontSize;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const char* line = begin;      // start of the current line
  const char* cut = nullptr;     // the last place the line may end
  const char* resume = nullptr;  // where the next line starts when cut there
  float line_w = 0.f, cut_w = 0.f;
  unsigned int previous = 0;
  for (const char* at = begin; at < end;) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    const char* next = at + length;
    if (c == '\n') {
      lines.emplace_back(line, static_cast<size_t>(at - line));
      line = next;
      cut = resume = nullptr;
      line_w = 0.f;
      previous = 0;
      at = next;
      continue;
    }
    // A break opportunity before this character?
    if (at > line && previous != 0) {
      if (c == ' ') {
        cut = at;
        resume = next;
        cut_w = line_w;
      } else if ((IsCjk(c) || IsCjk(previous)) && previous != ' ' && !NoBreakBefore(c) &&
                 !NoBreakAfter(previous)) {
        cut = at;
        resume = at;
        cut_w = line_w;
      }
    }
    const float advance = font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    if (line_w + advance > width && at > line && c != ' ') {
      if (cut && cut > line) {
        lines.emplace_back(line, static_cast<size_t>(cut - line));
        line = resume;
        line_w -= cut_w;
        if (resume > cut) line_w -= font->GetCharAdvance(' ') * scale;  // the dropped space
      } else {  // one word wider than the line: cut it here
        lines.emplace_back(line, static_cast<size_t>(at - line));
        line = at;
        line_w = 0.f;
      }
      cut = resume = nullptr;
      if (line_w < 0.f) line_w = 0.f;
    }
    line_w += advance;
    previous = c;
    at = next;
  }
  if (line < end) lines.emplace_back(line, static_cast<size_t>(end - line));
  return lines;
}

void TextWrappedCjk(const char* text, float wrap_width) {
  const float width = wrap_width > 0.f ? wrap_width : ImGui::GetContentRegionAvail().x;
  for (std::string_view line :
       WrapLines(text, ImGui::GetFont(), ImGui::GetFontSize(), std::max(1.f, width)))
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
}

std::string ShortenToWidth(std::string_view text, float width) {
  const auto text_width = [](std::string_view part) {
    return ImGui::CalcTextSize(part.data(), part.data() + part.size()).x;
  };
  if (text_width(text) <= width) return std::string(text);
  static constexpr std::string_view kEllipsis = "\u2026";
  const float room = width - text_width(kEllipsis);
  size_t end = 0;  // the longest start of whole UTF-8 characters that fits in `room`
  for (size_t next = 0; next < text.size();) {
    ++next;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    if (text_width(text.substr(0, next)) > room) break;
    end = next;
  }
  while (end > 0 && text[end - 1] == ' ') --end;  // "multiplic…", not "6 …"
  return std::string(text.substr(0, end)) + std::string(kEllipsis);
}

}  // namespace convstep::gui
