// JSON text in and out, safely: a nesting limit checked before anything is built, short
// excerpts of user values for messages, and numbers written in their shortest exact form.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "convstep/result.h"

namespace convstep {

/// The deepest nesting of lists and objects a spec or session may have. A tensor has at most
/// 8 dimensions and a session a few levels more; deeper text is refused before it is parsed.
constexpr int kMaxJsonDepth = 100;

/// The longest excerpt of a user's value that a message quotes, in bytes.
constexpr size_t kExcerptBytes = 60;

/// JSON parsed from text, with the digits of each integer written beyond 64 bits: JSON keeps
/// such an integer (100000000000000000000, -9223372036854775809) only as its nearest double,
/// a number that PyTorch, given the Python int, never sees. A value is looked up by where it
/// sits in this document, never by its number, so a float written 1e20 beside an integer
/// written 100000000000000000000 stays a float. Moving the document keeps its values in place.
class JsonDocument {
 public:
  /// The parsed value.
  const nlohmann::json& root() const { return *root_; }
  /// The digits `value`, a value of this document, was written with when it is an integer
  /// beyond 64 bits; nullptr for every other value.
  const std::string* IntegerBeyond64Bits(const nlohmann::json& value) const;

 private:
  friend Result<JsonDocument> ParseJsonDocument(const std::string& text);
  friend Result<nlohmann::json> ParseJsonText(const std::string& text);
  JsonDocument();
  std::unique_ptr<nlohmann::json> root_;  // on the heap, so that moves keep the values' places
  std::map<const nlohmann::json*, std::string> integers_beyond_64_bits_;
};

/// Parses JSON text. Nesting deeper than kMaxJsonDepth, malformed text (with the line, column
/// and the reason), NaN / Infinity literals, numbers beyond double and a key repeated in one
/// object (named with the object's path and the line and column) give an Error on "json".
Result<JsonDocument> ParseJsonDocument(const std::string& text);

/// ParseJsonDocument's value alone, for readers that quote no integers beyond 64 bits.
Result<nlohmann::json> ParseJsonText(const std::string& text);

/// The byte offset of the first '[' or '{' (outside strings) that opens level
/// kMaxJsonDepth + 1, or std::string::npos when the text nests no deeper than the limit.
size_t FindTooDeepNesting(const std::string& text, int max_depth = kMaxJsonDepth);

/// The length of the UTF-8 character starting at text[at] (1 to 4 bytes), or 0 when the bytes
/// there are not one (a stray continuation byte, a truncated or malformed sequence).
size_t Utf8Length(const std::string& text, size_t at);

/// `text` safe to print on a terminal, as Python's repr escapes it: \n, \r, \t, and \xNN for
/// the other control bytes (ESC is \x1b), for C1 controls written in UTF-8 (U+0080..U+009F;
/// U+009B starts an escape sequence) and for bytes that are not UTF-8; every other UTF-8
/// character (中文) is kept. A file name can hold any of them.
std::string PrintableText(const std::string& text);

/// At most kExcerptBytes of PrintableText(text), cut at a character boundary and ended with
/// "..." when cut.
std::string Excerpt(const std::string& text, size_t max_bytes = kExcerptBytes);

/// The JSON text of `value` as an excerpt (see Excerpt), for messages: "[1,2,3]",
/// "\"NLC \"", "null", numbers as value.dump() writes them ("1e+20").
std::string JsonExcerpt(const nlohmann::json& value, size_t max_bytes = kExcerptBytes);

/// JsonExcerpt of `value`, a value of `source`, where an integer written beyond 64 bits keeps
/// its written digits (100000000000000000000, not 1e+20); a null source writes none.
std::string JsonExcerpt(const nlohmann::json& value, const JsonDocument* source,
                        size_t max_bytes = kExcerptBytes);

/// "a string", "an integer", "null", ... : the kind of a JSON value as a translatable phrase.
Message JsonTypeName(const nlohmann::json& value);

/// A JSON value as a message quotes it: null, true, 2.5, the string "abc", the list [1,2,...]
/// (an excerpt of at most kExcerptBytes), translatable where it has words; an integer written
/// beyond 64 bits in `source` (when given) keeps its written digits.
MessageArg DescribeJson(const nlohmann::json& value, const JsonDocument* source = nullptr);

/// Compact JSON text like value.dump(), but every floating-point number in its shortest
/// round-trip form (std::to_chars), with ".0" on whole numbers: FloatToJson's values print
/// as the float32's shortest text, never as 17 digits.
std::string DumpJson(const nlohmann::json& value);

/// One number of DumpJson: the shortest text that reads back to `value` ("0.1", "3.0", "1e+20").
std::string ShortestDoubleText(double value);

}  // namespace convstep
