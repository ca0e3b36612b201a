#include "convstep/spec.h"
#include "convstep/json_text.h"

#include <cstdio>

namespace convstep {

bool Conv1dSpec::operator==(const Conv1dSpec& o) const {
  return in_channels == o.in_channels && out_channels == o.out_channels &&
         kernel_size == o.kernel_size && stride == o.stride && padding_kind == o.padding_kind &&
         padding == o.padding && dilation == o.dilation && groups == o.groups && bias == o.bias &&
         padding_mode == o.padding_mode && invalid_padding == o.invalid_padding &&
         invalid_mode == o.invalid_mode;
}

Conv1dSpec SeedSpec() {
  Conv1dSpec spec;
  spec.in_channels = 3;
  spec.out_channels = 8;
  spec.kernel_size = 2;
  spec.bias = false;
  return spec;
}

std::string PaddingModeName(PaddingMode mode) {
  switch (mode) {
    case PaddingMode::kZeros:
      return "zeros";
    case PaddingMode::kReflect:
      return "reflect";
    case PaddingMode::kReplicate:
      return "replicate";
    case PaddingMode::kCircular:
      return "circular";
    case PaddingMode::kInvalid:
      break;
  }
  return "invalid";
}

PaddingMode ParsePaddingMode(const std::string& name) {
  if (name == "zeros") return PaddingMode::kZeros;
  if (name == "reflect") return PaddingMode::kReflect;
  if (name == "replicate") return PaddingMode::kReplicate;
  if (name == "circular") return PaddingMode::kCircular;
  return PaddingMode::kInvalid;
}

namespace {

// The code point of the UTF-8 character at text[at] and its length (Utf8Length's). A byte that
// starts no whole character (a stray or truncated one, or a lead byte whose continuation is not
// one) is its own code point, 1 byte long: the next byte is read afresh, as Python's decoder
// reads it (b"\xe4\n".decode(errors="surrogateescape") is '\udce4\n').
char32_t DecodeUtf8(const std::string& text, size_t at, size_t* length) {
  const unsigned char lead = static_cast<unsigned char>(text[at]);
  *length = Utf8Length(text, at);
  if (*length <= 1) {
    *length = 1;
    return lead;
  }
  char32_t code = lead & (0x7f >> *length);
  for (size_t i = 1; i < *length; ++i)
    code = (code << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3f);
  return code;
}

// Characters Python's str.isprintable() calls unprintable, beyond ASCII controls: C1 controls
// and the no-break, soft-hyphen, zero-width, direction and separator characters.
bool PythonUnprintable(char32_t code) {
  return code < 0x20 || (code >= 0x7f && code <= 0xa0) || code == 0xad || code == 0x1680 ||
         (code >= 0x2000 && code <= 0x200f) || (code >= 0x2028 && code <= 0x202f) ||
         (code >= 0x205f && code <= 0x2064) || code == 0x3000 || code == 0xfeff;
}

}  // namespace

std::string PythonRepr(const std::string& text, size_t max_bytes) {
  const bool has_single = text.find('\'') != std::string::npos;
  const char quote = has_single && text.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  size_t at = 0;
  for (; at < text.size() && at < max_bytes;) {
    size_t length = 1;
    const char32_t code = DecodeUtf8(text, at, &length);
    if (code == '\\' || code == static_cast<char32_t>(quote)) {
      out += '\\';
      out += static_cast<char>(code);
    } else if (code == '\n') {
      out += "\\n";
    } else if (code == '\r') {
      out += "\\r";
    } else if (code == '\t') {
      out += "\\t";
    } else if (PythonUnprintable(code)) {
      char escaped[12];
      std::snprintf(escaped, sizeof escaped, code <= 0xff ? "\\x%02x" : "\\u%04x",
                    static_cast<unsigned>(code));
      out += escaped;
    } else {
      out.append(text, at, length);
    }
    at += length;
  }
  out += quote;
  return at < text.size() ? out + "..." : out;
}

std::string PaddingPython(const Conv1dSpec& spec) {
  switch (spec.padding_kind) {
    case PaddingKind::kSame:
      return "'same'";
    case PaddingKind::kValid:
      return "'valid'";
    case PaddingKind::kInvalid:
      return PythonRepr(spec.invalid_padding);
    case PaddingKind::kExplicit:
      break;
  }
  return std::to_string(spec.padding);
}

std::string SpecPython(const Conv1dSpec& spec) {
  std::string text = "nn.Conv1d(" + std::to_string(spec.in_channels) + ", " +
                     std::to_string(spec.out_channels) + ", " + std::to_string(spec.kernel_size);
  if (spec.stride != 1) text += ", stride=" + std::to_string(spec.stride);
  if (spec.padding_kind != PaddingKind::kExplicit || spec.padding != 0)
    text += ", padding=" + PaddingPython(spec);
  if (spec.dilation != 1) text += ", dilation=" + std::to_string(spec.dilation);
  if (spec.groups != 1) text += ", groups=" + std::to_string(spec.groups);
  if (!spec.bias) text += ", bias=False";
  if (spec.padding_mode != PaddingMode::kZeros) {
    std::string name = spec.padding_mode == PaddingMode::kInvalid
                           ? spec.invalid_mode
                           : PaddingModeName(spec.padding_mode);
    text += ", padding_mode=" + PythonRepr(name);
  }
  return text + ")";
}

}  // namespace convstep
