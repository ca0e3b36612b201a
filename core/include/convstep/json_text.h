// JSON text in and out, safely: a nesting limit checked before anything is built, short
// excerpts of user values for messages, and numbers written in their shortest exact form.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "convstep/result.h"

namespace convstep {

/// The deepest nesting of lists and objects a spec or session may have. A tensor has at most
/// 8 dimensions and a session a few levels more; deeper text is refused before it is parsed.
constexpr int kMaxJsonDepth = 100;

/// The longest excerpt of a user's value that a message quotes, in bytes.
constexpr size_t kExcerptBytes = 60;

/// Parses JSON text. Nesting deeper than kMaxJsonDepth, malformed text (with the line, column
/// and the reason), NaN / Infinity literals, numbers beyond double and a key repeated in one
/// object (named with the object's path and the line and column) give an Error on "json".
Result<nlohmann::json> ParseJsonText(const std::string& text);

/// Whether `value` (from the text ParseJsonText parsed last on this thread) was written as an
/// integer beyond 64 bits, such as 18446744073709551616 or -9223372036854775809: JSON keeps it
/// only as the nearest double, which PyTorch, given the Python int, never sees.
bool IsIntegerBeyond64Bits(const nlohmann::json& value);

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
/// "\"NLC \"", "null"; an integer written beyond 64 bits keeps its written digits
/// (100000000000000000000, not 1e+20).
std::string JsonExcerpt(const nlohmann::json& value, size_t max_bytes = kExcerptBytes);

/// "a string", "an integer", "null", ... : the kind of a JSON value as a translatable phrase.
Message JsonTypeName(const nlohmann::json& value);

/// A JSON value as a message quotes it: null, true, 2.5, the string "abc", the list [1,2,...]
/// (an excerpt of at most kExcerptBytes), translatable where it has words.
MessageArg DescribeJson(const nlohmann::json& value);

/// Compact JSON text like value.dump(), but every floating-point number in its shortest
/// round-trip form (std::to_chars), with ".0" on whole numbers: FloatToJson's values print
/// as the float32's shortest text, never as 17 digits.
std::string DumpJson(const nlohmann::json& value);

/// One number of DumpJson: the shortest text that reads back to `value` ("0.1", "3.0", "1e+20").
std::string ShortestDoubleText(double value);

}  // namespace convstep
