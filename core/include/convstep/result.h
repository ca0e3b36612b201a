// Errors as values: every fallible core function returns Result<T>.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace convstep {

/// Replaces {0}, {1}, ... in `pattern` by `args` (a placeholder without an argument stays).
std::string FormatPattern(std::string_view pattern, const std::vector<std::string>& args);

struct Message;

/// One argument of a Message: text quoted as it is (a number, a name, a path, what the user
/// wrote), or a translatable phrase or message of its own (`key` set), such as "a string" or
/// a quoted inner error, translated together with the message that quotes it.
struct MessageArg {
  MessageArg(std::string quoted) : text(std::move(quoted)) {}  // NOLINT: implicit by design
  MessageArg(const char* quoted) : text(quoted) {}             // NOLINT: implicit by design
  MessageArg(const Message& message);                          // NOLINT: implicit by design

  std::string text;              ///< the English text
  std::string key;               ///< "error.<key>" in the app's tables; empty: quoted as it is
  std::vector<MessageArg> args;  ///< the arguments of a translatable one
};

/// A translatable message: its English text is `pattern` with {0}, {1}, ... replaced by
/// `args`; `key` names it in the app's language tables ("error.<key>"), which take the same
/// args. For ConvStep's own messages only: PyTorch's messages stay as PyTorch prints them.
struct Message {
  std::string key;
  std::string pattern;
  std::vector<MessageArg> args;
};

/// The English text of each argument, in order.
std::vector<std::string> ArgTexts(const std::vector<MessageArg>& args);

inline MessageArg::MessageArg(const Message& message)
    : text(FormatPattern(message.pattern, ArgTexts(message.args))),
      key(message.key),
      args(message.args) {}

/// A user-facing error: PyTorch's own message where PyTorch has one, the parameter at fault
/// (a spec key such as "stride", or "input", "weight", "bias", "file"), and a plain hint.
struct Error {
  std::string message;    ///< the text PyTorch raises (or ConvStep's own for its own checks)
  std::string parameter;  ///< which value to change
  std::string hint;       ///< what would be right, in plain language (English)
  /// Translation of ConvStep's own message: the app shows its language's
  /// "error.<message_key>" with message_args; empty for PyTorch's messages (kept verbatim).
  std::string message_key;
  std::vector<MessageArg> message_args;  ///< the numbers, names and phrases the message quotes
  /// Translation of the hint: the app shows its language's "hint.<hint_key>" with
  /// {0}, {1}, ... replaced by hint_args; empty when the hint has no translation key.
  std::string hint_key;
  std::vector<std::string> hint_args;  ///< the numbers and names the hint quotes

  /// "message (parameter): hint", the one-line form the command line tool prints.
  std::string OneLine() const;
};

/// Either a value or an Error. Small stand-in for std::expected (C++23).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  /// True when a value is held.
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  /// The value; only valid when ok().
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  /// The error; only valid when !ok().
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// A translatable hint: its English text is `pattern` with {0}, {1}, ... replaced by `args`;
/// `key` names it in the app's language tables ("hint.<key>"), which take the same args.
struct Hint {
  std::string key;
  std::string pattern;
  std::vector<std::string> args;
};

/// Builds an Error in one expression.
inline Error MakeError(std::string message, std::string parameter, std::string hint) {
  Error error;
  error.message = std::move(message);
  error.parameter = std::move(parameter);
  error.hint = std::move(hint);
  return error;
}

/// Builds an Error whose hint can be translated.
inline Error MakeError(std::string message, std::string parameter, Hint hint) {
  Error error =
      MakeError(std::move(message), std::move(parameter), FormatPattern(hint.pattern, hint.args));
  error.hint_key = std::move(hint.key);
  error.hint_args = std::move(hint.args);
  return error;
}

/// Replaces the error's message by `message` (translatable); parameter and hint stay.
void SetMessage(Error& error, Message message);

/// Builds an Error whose message can be translated; the hint is English only.
inline Error MakeError(Message message, std::string parameter, std::string hint) {
  Error error = MakeError(std::string(), std::move(parameter), std::move(hint));
  SetMessage(error, std::move(message));
  return error;
}

/// Builds an Error whose message and hint can be translated.
inline Error MakeError(Message message, std::string parameter, Hint hint) {
  Error error = MakeError(std::string(), std::move(parameter), std::move(hint));
  SetMessage(error, std::move(message));
  return error;
}

/// The error's message as an argument of another message, translatable when it is: to say
/// where it happened, e.g. Message{"in_file", "{0}: {1}", {path, MessageOf(error)}}.
MessageArg MessageOf(const Error& error);

}  // namespace convstep
