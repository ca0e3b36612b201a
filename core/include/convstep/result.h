// Errors as values: every fallible core function returns Result<T>.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace convstep {

/// A user-facing error: PyTorch's own message where PyTorch has one, the parameter at fault
/// (a spec key such as "stride", or "input", "weight", "bias", "file"), and a plain hint.
struct Error {
  std::string message;    ///< the text PyTorch raises (or ConvStep's own for its own checks)
  std::string parameter;  ///< which value to change
  std::string hint;       ///< what would be right, in plain language

  /// "message (parameter): hint", the one-line form the command line tool prints.
  std::string OneLine() const;
};

/// Either a value or an Error. Small stand-in for std::expected (C++23).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
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

/// Builds an Error in one expression.
inline Error MakeError(std::string message, std::string parameter, std::string hint) {
  return Error{std::move(message), std::move(parameter), std::move(hint)};
}

}  // namespace convstep
