#include "npy_header.h"

#include <cctype>
#include <map>

#include "convstep/json_text.h"

namespace convstep::detail {
namespace {

const Hint kSaveWithNumpy = {"npy_save_with_numpy", "save it with numpy.save", {}};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string Trim(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

Error NotADict(const std::string& header) {
  return MakeError(Message{"npy_header_not_dict",
                           "the header must be a Python dict such as {'descr': '<f4', "
                           "'fortran_order': False, 'shape': (2, 3)}, but it reads {0}",
                           {Excerpt(header)}},
                   "file", kSaveWithNumpy);
}

// The end of the value starting at `at`: the first ',' or '}' outside brackets and quotes.
size_t ValueEnd(const std::string& text, size_t at) {
  int depth = 0;
  for (char quote = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) return at;
      --depth;
    } else if (c == ',' && depth == 0) {
      return at;
    }
  }
  return at;
}

// The text of a Python string literal without escapes ('<f4' or "<f4"), or false.
bool StringLiteral(const std::string& value, std::string* out) {
  if (value.size() < 2 || (value[0] != '\'' && value[0] != '"') || value.back() != value[0])
    return false;
  *out = value.substr(1, value.size() - 2);
  return out->find_first_of("'\"\\") == std::string::npos;
}

// The header's dict as key -> value text (trimmed), each key once.
Result<std::map<std::string, std::string>> ReadDict(const std::string& header) {
  std::map<std::string, std::string> fields;
  size_t at = 0;
  while (at < header.size() && IsSpace(header[at])) ++at;
  if (at == header.size() || header[at] != '{') return NotADict(header);
  for (++at;;) {
    while (at < header.size() && IsSpace(header[at])) ++at;
    if (at < header.size() && header[at] == '}') {
      ++at;
      break;
    }
    const size_t colon = header.find(':', at);
    std::string key;
    if (colon == std::string::npos || !StringLiteral(Trim(header.substr(at, colon - at)), &key))
      return NotADict(header);
    const size_t end = ValueEnd(header, colon + 1);
    if (end == header.size()) return NotADict(header);
    if (key != "descr" && key != "fortran_order" && key != "shape")
      return MakeError(Message{"npy_header_key_unknown",
                               "the header has a key '{0}', but a .npy header has exactly "
                               "'descr', 'fortran_order' and 'shape'",
                               {Excerpt(key)}},
                       "file", kSaveWithNumpy);
    if (!fields.emplace(key, Trim(header.substr(colon + 1, end - colon - 1))).second)
      return MakeError(
          Message{"npy_header_key_twice", "the header gives '{0}' twice", {key}}, "file",
          Hint{"npy_header_key_twice",
               "numpy would take the last one; keep one of them, or save it again with "
               "numpy.save",
               {}});
    at = end + 1;
    if (header[end] == '}') break;
  }
  if (!Trim(header.substr(at)).empty()) return NotADict(header);
  for (const char* key : {"descr", "fortran_order", "shape"})
    if (!fields.count(key))
      return MakeError(
          Message{"npy_header_lacks", "the header lacks '{0}': {1}", {key, Excerpt(header)}},
          "file", kSaveWithNumpy);
  return fields;
}

// descr: float32 or float64 as numpy.dtype reads them, with an optional byte-order mark.
Result<bool> ReadDescr(const std::string& value, NpyHeader& out) {
  std::string descr;
  const bool text = StringLiteral(value, &descr);
  const std::string type =
      text && !descr.empty() && std::string("<>=|").find(descr[0]) != std::string::npos
          ? descr.substr(1)
          : descr;
  const bool marked = type.size() != descr.size();
  out.big_endian = marked && descr[0] == '>';
  if (text &&
      (type == "f4" || type == "f" || (!marked && (type == "float32" || type == "single")))) {
    out.item_bytes = 4;
    return true;
  }
  if (text && (type == "f8" || type == "d" ||
               (!marked &&
                (type == "float64" || type == "double" || type == "float" || type == "float_")))) {
    out.item_bytes = 8;
    return true;
  }
  return MakeError(Message{"npy_dtype",
                           "dtype {0} is not supported: ConvStep reads float32 ('<f4', '>f4', "
                           "'f4', 'f') and float64 ('<f8', '>f8', 'f8', 'd')",
                           {Excerpt(value)}},
                   "file",
                   Hint{"npy_astype", "convert first: np.save('x.npy', x.astype(np.float32))", {}});
}

// shape: a tuple of whole numbers, "(6, 5, 3)", "(5,)" or "()".
Result<bool> ReadShape(const std::string& value, bool allow_long_suffix, NpyHeader& out) {
  const Error bad = MakeError(Message{"npy_shape_tuple",
                                      "shape {0} is not a tuple of whole numbers such as "
                                      "(6, 5, 3) or (5,)",
                                      {Excerpt(value)}},
                              "file", kSaveWithNumpy);
  if (value.size() < 2 || value.front() != '(' || value.back() != ')') return bad;
  const std::string inside = Trim(value.substr(1, value.size() - 2));
  if (inside.empty()) return true;  // a 0-d array
  size_t at = 0;
  while (at <= inside.size()) {
    size_t comma = inside.find(',', at);
    if (comma == std::string::npos) comma = inside.size();
    std::string digits = Trim(inside.substr(at, comma - at));
    if (allow_long_suffix && !digits.empty() && (digits.back() == 'L' || digits.back() == 'l'))
      digits.pop_back();
    const bool last = comma == inside.size();
    if (digits.empty() && last && !out.shape.empty() && inside.back() == ',') break;  // "(5,)"
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
        (digits.size() > 1 && digits[0] == '0'))
      return bad;
    if (digits.size() > 15)
      return MakeError(Message{"npy_dimension_large", "a dimension is too large", {}}, "file",
                       Hint{"smaller_array", "use a smaller array", {}});
    out.shape.push_back(std::stoll(digits));
    if (last) {
      if (out.shape.size() == 1) return bad;  // "(5)" is the number 5, not a tuple
      break;
    }
    at = comma + 1;
  }
  return true;
}

}  // namespace

Result<NpyHeader> ParseNpyHeader(const std::string& header, bool allow_long_suffix) {
  auto fields = ReadDict(header);
  if (!fields) return fields.error();
  NpyHeader out;
  if (auto descr = ReadDescr(fields->at("descr"), out); !descr) return descr.error();
  const std::string& fortran = fields->at("fortran_order");
  if (fortran != "True" && fortran != "False")
    return MakeError(
        Message{"npy_fortran_order",
                "fortran_order is {0}, but it must be True or False (Python's "
                "literals, with a capital letter)",
                {Excerpt(fortran)}},
        "file",
        Hint{"npy_fortran_order", "write True when the first axis varies fastest, else False", {}});
  out.fortran_order = fortran == "True";
  if (auto shape = ReadShape(fields->at("shape"), allow_long_suffix, out); !shape)
    return shape.error();
  return out;
}

}  // namespace convstep::detail
