#include "convstep/json_text.h"
#include "float_chars.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

namespace convstep {
namespace {

using nlohmann::json;

// "line 3, column 7" for a byte offset into text.
Message Place(const std::string& text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return Message{
      "json_place", "line {0}, column {1}", {std::to_string(line), std::to_string(column)}};
}

// NaN and the infinities that JavaScript and Python's json.dumps write, which JSON lacks.
const char* NonJsonNumberAt(const std::string& text, size_t offset) {
  for (const char* word : {"NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "nan", "-nan",
                           "inf", "-inf", "+inf"}) {
    if (text.compare(offset, std::char_traits<char>::length(word), word) == 0) return word;
  }
  return nullptr;
}

// The reason in nlohmann's parse_error text: "syntax error while parsing value - invalid
// literal", without the "[json.exception...] parse error at line 1, column 2: " prefix and
// without the "; last read: '...'" tail (returned in *last_read, raw).
std::string ParseErrorReason(const std::string& what, std::string* last_read) {
  std::string reason = what;
  const size_t prefix = reason.find("parse error");
  if (prefix != std::string::npos) {
    const size_t colon = reason.find(": ", prefix);
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
  }
  const std::string marker = "; last read: '";
  const size_t last = reason.find(marker);
  if (last != std::string::npos) {
    *last_read = reason.substr(last + marker.size());
    if (!last_read->empty() && last_read->back() == '\'') last_read->pop_back();
    reason.resize(last);
  }
  return reason;
}

Error MalformedAt(const std::string& text, size_t offset, const std::string& what) {
  if (const char* word = NonJsonNumberAt(text, offset))
    return MakeError(Message{"json_non_number",
                             "malformed JSON at {0}: {1} is not a JSON number",
                             {Place(text, offset), word}},
                     "json",
                     Hint{"json_nan_strings",
                          "write NaN and the infinities as the strings \"nan\", \"inf\" and "
                          "\"-inf\"",
                          {}});
  std::string last_read;
  const std::string reason = ParseErrorReason(what, &last_read);
  const Hint hint = {
      "json_check_brackets", "check the brackets, commas and quotes near that place", {}};
  if (last_read.empty())
    return MakeError(
        Message{"json_malformed_at", "malformed JSON at {0}: {1}", {Place(text, offset), reason}},
        "json", hint);
  return MakeError(Message{"json_malformed_near",
                           "malformed JSON at {0}: {1}, after {2}",
                           {Place(text, offset), reason, Excerpt(last_read, 24)}},
                   "json", hint);
}

// One open object or list while FindRepeatedKey walks the text.
struct OpenContainer {
  bool is_object = false;
  bool expecting_key = false;  // an object, after '{' or ','
  std::set<std::string> keys;  // the keys seen so far in this object
  std::string last_key;        // the key whose value is being read
  size_t index = 0;            // a list's element being read
};

// Where the innermost open container sits: "conv", "session.view", "input[0]"; empty at the top.
std::string PathOf(const std::vector<OpenContainer>& open) {
  std::string path;
  for (size_t i = 0; i + 1 < open.size(); ++i) {
    if (open[i].is_object)
      path += (path.empty() ? "" : ".") + open[i].last_key;
    else
      path += "[" + std::to_string(open[i].index) + "]";
  }
  return path;
}

// The key at text[begin, end) (its quotes included), escapes resolved.
std::string KeyText(const std::string& text, size_t begin, size_t end) {
  const std::string token = text.substr(begin, end - begin);
  if (token.find('\\') == std::string::npos) return token.substr(1, token.size() - 2);
  return json::parse(token).get<std::string>();
}

// The first key that an object of (well-formed) JSON text gives twice. JSON parsers keep one of
// the two silently, so a repeated key would make a spec mean what its author did not write.
Result<bool> CheckRepeatedKeys(const std::string& text) {
  std::vector<OpenContainer> open;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      open.emplace_back();
      open.back().is_object = c == '{';
      open.back().expecting_key = c == '{';
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
    } else if (c == ',' && !open.empty()) {
      open.back().expecting_key = open.back().is_object;
      ++open.back().index;
    } else if (c == '"') {
      const size_t begin = i;
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      if (open.empty() || !open.back().expecting_key) continue;
      OpenContainer& object = open.back();
      object.expecting_key = false;
      object.last_key = KeyText(text, begin, i + 1);
      if (object.keys.insert(object.last_key).second) continue;
      const std::string where = PathOf(open);
      const std::string key = JsonExcerpt(json(object.last_key));
      const Hint hint = {"json_repeated_key",
                         "keep one of them: a JSON reader keeps only one and silently drops the "
                         "other",
                         {}};
      if (where.empty())
        return MakeError(Message{"json_repeated_top_key",
                                 "the JSON gives the key {0} twice (again at {1})",
                                 {key, Place(text, begin)}},
                         "json", hint);
      return MakeError(Message{"json_repeated_key",
                               "the JSON gives the key {0} twice in {1} (again at {2})",
                               {key, Excerpt(where), Place(text, begin)}},
                       "json", hint);
    }
  }
  return true;
}

// The integers written beyond 64 bits in one text, in the order they appear: the nearest
// double (nlohmann's value: 100000000000000000000 is 1e+20, -9223372036854775809 is -2^63) and
// the digits as written.
using LongIntegers = std::vector<std::pair<double, std::string>>;

// nlohmann's DOM builder, leaving a marker in place of each integer token that did not fit 64
// bits: a binary value (which parsing never makes otherwise) whose subtype indexes *found.
class DomMarkingLongIntegers : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  DomMarkingLongIntegers(json& root, LongIntegers* found)
      : json_sax_dom_parser(root), found_(found) {}
  bool number_float(double value, const std::string& text) {
    if (text.find_first_of(".eE") != std::string::npos)
      return json_sax_dom_parser::number_float(value, text);
    json::binary_t marker(json::binary_t::container_type{}, found_->size());
    found_->emplace_back(value, text);
    return binary(marker);
  }

 private:
  LongIntegers* found_;
};

// Replaces each marker under `value` by its integer's double, noting the digits by the place
// the double now has (the document is complete: no list grows and moves its values any more).
void PlaceLongIntegers(json& value, const LongIntegers& found,
                       std::map<const json*, std::string>& places) {
  if (value.is_binary()) {
    const auto& [number, digits] = found.at(value.get_binary().subtype());
    value = number;
    places.emplace(&value, digits);
  } else if (value.is_structured()) {
    for (json& element : value) PlaceLongIntegers(element, found, places);
  }
}

}  // namespace

size_t Utf8Length(const std::string& text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xe  ? 3
                  : (lead >> 3) == 0x1e ? 4
                                        : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i)
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
  return length;
}

JsonDocument::JsonDocument() : root_(std::make_unique<json>()) {}

const std::string* JsonDocument::IntegerBeyond64Bits(const json& value) const {
  const auto found = integers_beyond_64_bits_.find(&value);
  return found == integers_beyond_64_bits_.end() ? nullptr : &found->second;
}

size_t FindTooDeepNesting(const std::string& text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string::npos;
}

Result<JsonDocument> ParseJsonDocument(const std::string& text) {
  if (const size_t deep = FindTooDeepNesting(text); deep != std::string::npos)
    return MakeError(Message{"json_too_deep",
                             "the JSON nests more than {0} levels deep at {1}",
                             {std::to_string(kMaxJsonDepth), Place(text, deep)}},
                     "json",
                     Hint{"json_too_deep",
                          "a tensor needs one level of lists per dimension (at most 8): remove "
                          "the extra brackets",
                          {}});
  try {
    JsonDocument document;
    LongIntegers long_integers;
    DomMarkingLongIntegers builder(*document.root_, &long_integers);
    json::sax_parse(text, &builder);
    if (auto unique = CheckRepeatedKeys(text); !unique) return unique.error();
    if (!long_integers.empty())
      PlaceLongIntegers(*document.root_, long_integers, document.integers_beyond_64_bits_);
    return document;
  } catch (const json::parse_error& error) {
    return MalformedAt(text, error.byte == 0 ? 0 : error.byte - 1, error.what());
  } catch (const json::exception& error) {  // a number too large for a double
    std::string number = error.what();
    const size_t quote = number.find('\'');
    number = quote == std::string::npos ? std::string() : number.substr(quote + 1);
    if (!number.empty() && number.back() == '\'') number.pop_back();
    return MakeError(Message{"json_number_range",
                             "the number {0} is beyond the range of a double",
                             {Excerpt(number)}},
                     "json", Hint{"json_float_range", "use numbers within float range", {}});
  }
}

Result<json> ParseJsonText(const std::string& text) {
  auto document = ParseJsonDocument(text);
  if (!document) return document.error();
  return std::move(*document->root_);
}

namespace {

// The character of `text` at `at` as PrintableText shows it; *bytes gets how many bytes of
// `text` it stands for.
std::string PrintableCharAt(const std::string& text, size_t at, size_t* bytes) {
  const unsigned char byte = static_cast<unsigned char>(text[at]);
  const size_t length = Utf8Length(text, at);
  *bytes = length == 0 ? 1 : length;
  const bool c1 = length == 2 && byte == 0xc2 && static_cast<unsigned char>(text[at + 1]) < 0xa0;
  if (byte == '\n') return "\\n";
  if (byte == '\r') return "\\r";
  if (byte == '\t') return "\\t";
  if (length == 0 || c1 || byte < 0x20 || byte == 0x7f) {
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\x%02x",
                  c1 ? static_cast<unsigned char>(text[at + 1]) : byte);
    return escaped;
  }
  return text.substr(at, length);
}

}  // namespace

std::string PrintableText(const std::string& text) {
  std::string out;
  for (size_t at = 0, bytes = 0; at < text.size(); at += bytes)
    out += PrintableCharAt(text, at, &bytes);
  return out;
}

std::string Excerpt(const std::string& text, size_t max_bytes) {
  std::string out;
  for (size_t at = 0, bytes = 0; at < text.size(); at += bytes) {
    const std::string piece = PrintableCharAt(text, at, &bytes);
    if (out.size() + piece.size() > max_bytes) return out + "...";
    out += piece;
  }
  return out;
}

std::string ShortestDoubleText(double value) {
  if (!std::isfinite(value)) return "null";  // as value.dump() writes them; JSON has no NaN
  char buffer[64];
  auto result = detail::ShortestChars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

namespace {

template <typename FloatText>
void Write(const json& value, std::string& out, const FloatText& float_text);

// The first `count` values of the list `list`, written like Write writes them.
template <typename FloatText>
void WriteList(const json& list, size_t count, std::string& out, const FloatText& float_text) {
  out += '[';
  for (size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    Write(list[i], out, float_text);
  }
  out += ']';
}

// Compact JSON text like value.dump(), with each floating-point number as float_text(number)
// writes it.
template <typename FloatText>
void Write(const json& value, std::string& out, const FloatText& float_text) {
  switch (value.type()) {
    case json::value_t::object: {
      out += '{';
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it != value.begin()) out += ',';
        out += json(it.key()).dump();
        out += ':';
        Write(it.value(), out, float_text);
      }
      out += '}';
      return;
    }
    case json::value_t::array:
      WriteList(value, value.size(), out, float_text);
      return;
    case json::value_t::number_float:
      out += float_text(value);
      return;
    default:
      out += value.dump();
  }
}

}  // namespace

std::string DumpJson(const json& value) {
  std::string out;
  Write(value, out, [](const json& number) { return ShortestDoubleText(number.get<double>()); });
  return out;
}

std::string JsonExcerpt(const json& value, size_t max_bytes) {
  return JsonExcerpt(value, nullptr, max_bytes);
}

std::string JsonExcerpt(const json& value, const JsonDocument* source, size_t max_bytes) {
  const auto float_text = [source](const json& number) {
    const std::string* digits = source ? source->IntegerBeyond64Bits(number) : nullptr;
    return digits ? *digits : number.dump();
  };
  std::string text;
  if (value.is_array() && value.size() > max_bytes)  // cut before it is written out in full
    WriteList(value, max_bytes, text, float_text);
  else
    Write(value, text, float_text);
  return Excerpt(text, max_bytes);
}

// "a string", "an integer", ... as a translatable phrase.
Message JsonTypeName(const json& value) {
  if (value.is_number_integer() || value.is_number_unsigned())
    return Message{"json_integer", "an integer", {}};
  if (value.is_number_float()) return Message{"json_fraction", "a number with a fraction", {}};
  if (value.is_string()) return Message{"json_string", "a string", {}};
  if (value.is_boolean()) return Message{"json_boolean", "a boolean", {}};
  if (value.is_object()) return Message{"json_object", "an object", {}};
  if (value.is_array()) return Message{"json_array", "an array", {}};
  return Message{"json_null", "null", {}};  // binary and discarded values never come from parse()
}

MessageArg DescribeJson(const json& value, const JsonDocument* source) {
  if (value.is_string())
    return Message{"json_string_value", "the string {0}", {JsonExcerpt(value, source)}};
  if (value.is_array())
    return Message{"json_list_value", "the list {0}", {JsonExcerpt(value, source)}};
  if (value.is_object())
    return Message{"json_object_value", "the object {0}", {JsonExcerpt(value, source)}};
  return JsonExcerpt(value, source);
}

}  // namespace convstep
