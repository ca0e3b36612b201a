// Translation: every string the user reads goes through Tr(), so that a language is a JSON
// table in assets/i18n/ and panels never change when one is added.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "convstep/result.h"

namespace convstep::gui {

/// One language's table: key -> text. Owned by AppState (no global table).
class I18n {
 public:
  /// Replaces the table with the flat JSON object in `path` ({"key": "text", ...}).
  /// On failure the table is left empty and `error` (if given) says why.
  bool LoadFile(const std::string& path, std::string* error = nullptr);
  /// Replaces the table with a JSON text (same format as LoadFile).
  bool LoadText(const std::string& json_text, std::string* error = nullptr);
  /// The text for `key`, or nullptr when the table has none.
  const char* Find(std::string_view key) const;
  /// Number of entries.
  size_t size() const { return table_.size(); }
  /// The language code of the loaded table ("en"), from its "@language" entry.
  const std::string& language() const { return language_; }
  /// Every entry, key -> text (to find the characters a font must hold).
  const std::map<std::string, std::string, std::less<>>& entries() const { return table_; }

 private:
  std::map<std::string, std::string, std::less<>> table_;
  std::string language_;
};

/// The translation of `key`, or `key` itself when the table lacks it (so a missing entry is
/// visible but never crashes). The pointer stays valid while the table is unchanged.
const char* Tr(const I18n& i18n, const char* key);

/// Tr() with placeholders {0}, {1}, ... replaced by `args` in order.
std::string TrFormat(const I18n& i18n, const char* key, std::initializer_list<std::string> args);

/// "translated text##key": an ImGui label whose ID does not change with the language.
std::string Label(const I18n& i18n, const char* key);

/// An error's hint in the table's language: "hint.<hint_key>" with the error's arguments, or
/// the core's English hint when the error has no key or the table lacks it.
std::string LocalizedHint(const I18n& i18n, const Error& error);

/// An error's message in the table's language: "error.<message_key>" with the error's
/// arguments (translatable arguments translated too), or the core's English message when the
/// error has no key (PyTorch's own messages) or the table lacks it.
std::string LocalizedMessage(const I18n& i18n, const Error& error);

/// LocalizedMessage, then LocalizedHint on the next line (the hint only when there is one):
/// how an error reads in a dialog.
std::string LocalizedError(const I18n& i18n, const Error& error);

/// Error::OneLine() in the table's language: "message (parameter): hint", on one line.
std::string LocalizedOneLine(const I18n& i18n, const Error& error);

/// Replaces {0}, {1}, ... in `pattern` (exposed for tests).
std::string FormatPlaceholders(std::string_view pattern, std::initializer_list<std::string> args);

}  // namespace convstep::gui
