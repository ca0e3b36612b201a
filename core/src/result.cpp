#include "convstep/result.h"

namespace convstep {

namespace {

// The parameter as the "(<param>)" part shows it: quoted, with " and \ escaped, when it holds
// anything that would make that part ambiguous (brackets, colons, quotes, spaces).
std::string ParameterText(const std::string& parameter) {
  if (parameter.find_first_of("():\"\\ \t") == std::string::npos) return parameter;
  std::string quoted = "\"";
  for (char c : parameter) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string Error::OneLine() const {
  std::string line = message;
  if (!parameter.empty()) line += " (" + ParameterText(parameter) + ")";
  if (!hint.empty()) line += ": " + hint;
  for (char& ch : line) {
    if (ch == '\n' || ch == '\r') ch = ' ';
  }
  return line;
}

std::string FormatPattern(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      const size_t close = pattern.find('}', i);
      if (close != std::string_view::npos && close > i + 1 && close - i <= 3) {
        bool digits = true;
        size_t index = 0;
        for (size_t j = i + 1; j < close; ++j) {
          if (pattern[j] < '0' || pattern[j] > '9') digits = false;
          index = index * 10 + static_cast<size_t>(pattern[j] - '0');
        }
        if (digits && index < args.size()) {
          out += args[index];
          i = close;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

std::vector<std::string> ArgTexts(const std::vector<MessageArg>& args) {
  std::vector<std::string> texts;
  texts.reserve(args.size());
  for (const MessageArg& arg : args) texts.push_back(arg.text);
  return texts;
}

void SetMessage(Error& error, Message message) {
  error.message = FormatPattern(message.pattern, ArgTexts(message.args));
  error.message_key = std::move(message.key);
  error.message_args = std::move(message.args);
}

MessageArg MessageOf(const Error& error) {
  MessageArg arg(error.message);
  arg.key = error.message_key;
  arg.args = error.message_args;
  return arg;
}

}  // namespace convstep
