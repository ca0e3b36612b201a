#include "i18n.h"

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
  const std::vector<std::string> values(args);
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
        if (digits && index < values.size()) {
          out += values[index];
          i = close;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

std::string TrFormat(const I18n& i18n, const char* key, std::initializer_list<std::string> args) {
  return FormatPlaceholders(Tr(i18n, key), args);
}

std::string Label(const I18n& i18n, const char* key) {
  return std::string(Tr(i18n, key)) + "##" + key;
}

}  // namespace convstep::gui
