// The reading half of share links (share_link.h): a fragment split into its key=value fields,
// and each value read strictly, with errors that name the value and say what would be right.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "convstep/result.h"
#include "model/session.h"

namespace convstep::gui::link_fields {

/// A fragment's fields: key -> value (each key known, given once, percent-escapes decoded).
using Fields = std::map<std::string, std::string>;

/// An error about the link itself (parameter "link").
Error LinkError(Message message, Hint hint);

/// "KEY=VALUE is not EXPECTED (link): write it like EXAMPLE".
Error BadValue(const std::string& key, const std::string& value, const MessageArg& expected,
               const std::string& example);

/// Splits key=value pairs joined by '&' (at most 1000 characters), decoding percent-escapes;
/// an unknown or repeated key, a part without '=' or a broken escape is an error.
Result<Fields> SplitFragment(std::string_view fragment);

/// The whole number under `key` (a '-' allowed when `allow_negative`), or `fallback` when the
/// key is absent. A malformed number is an error quoting `example`.
Result<int64_t> NumberOr(const Fields& fields, const std::string& key, int64_t fallback,
                         bool allow_negative, const std::string& example);

/// The index in `names` of the value under `key` (which must be present).
Result<size_t> ParseChoice(const Fields& fields, const std::string& key,
                           const std::vector<std::string>& names);

/// The recipe that conv=, the other layer keys, shape=, layout=, values= and seed= describe
/// (values generated; absent keys take their defaults; conv= must be present). The layer is
/// not validated here: BuildSession gives PyTorch's messages.
Result<Recipe> ParseRecipe(const Fields& fields);

}  // namespace convstep::gui::link_fields
