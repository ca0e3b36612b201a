#include "model/i18n.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace convstep::gui {

bool I18n::LoadFile(const std::string& path, std::string* error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    table_.clear();
    if (error) *error = "cannot open " + path;
    return false;
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (!LoadText(text.str(), error)) {
    if (error) *error = path + ": " + *error;
    return false;
  }
  return true;
}

bool I18n::LoadText(const std::string& json_text, std::string* error) {
  table_.clear();
  language_.clear();
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    if (error) *error = "a translation table must be a JSON object of \"key\": \"text\" pairs";
    return false;
  }
  for (const auto& [key, value] : doc.items()) {
    if (!value.is_string()) continue;  // comments or future structured entries
    table_[key] = value.get<std::string>();
  }
  if (auto it = table_.find("@language"); it != table_.end()) language_ = it->second;
  return true;
}

const char* I18n::Find(std::string_view key) const {
  auto it = table_.find(key);
  return it == table_.end() ? nullptr : it->second.c_str();
}

const char* Tr(const I18n& i18n, const char* key) {
  const char* text = i18n.Find(key);
  return text ? text : key;
}

std::string FormatPlaceholders(std::string_view pattern, std::initializer_list<std::string> args) {
  return FormatPattern(pattern, std::vector<std::string>(args));
}

std::string LocalizedHint(const I18n& i18n, const Error& error) {
  if (error.hint_key.empty()) return error.hint;
  const char* pattern = i18n.Find("hint." + error.hint_key);
  return pattern ? FormatPattern(pattern, error.hint_args) : error.hint;
}

namespace {

std::string LocalizedArg(const I18n& i18n, const MessageArg& arg) {
  if (arg.key.empty()) return arg.text;
  const char* pattern = i18n.Find("error." + arg.key);
  if (!pattern) return arg.text;
  std::vector<std::string> args;
  args.reserve(arg.args.size());
  for (const MessageArg& inner : arg.args) args.push_back(LocalizedArg(i18n, inner));
  return FormatPattern(pattern, args);
}

}  // namespace

std::string LocalizedMessage(const I18n& i18n, const Error& error) {
  if (error.message_key.empty()) return error.message;
  return LocalizedArg(i18n, MessageOf(error));
}

std::string LocalizedError(const I18n& i18n, const Error& error) {
  const std::string hint = LocalizedHint(i18n, error);
  return LocalizedMessage(i18n, error) + (hint.empty() ? "" : "\n" + hint);
}

std::string LocalizedOneLine(const I18n& i18n, const Error& error) {
  Error localized = error;
  localized.message = LocalizedMessage(i18n, error);
  localized.hint = LocalizedHint(i18n, error);
  return localized.OneLine();
}

std::string TrFormat(const I18n& i18n, const char* key, std::initializer_list<std::string> args) {
  return FormatPlaceholders(Tr(i18n, key), args);
}

std::string Label(const I18n& i18n, const char* key) {
  return std::string(Tr(i18n, key)) + "##" + key;
}

}  // namespace convstep::gui
