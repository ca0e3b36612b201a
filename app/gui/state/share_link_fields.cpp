#include "state/share_link_fields.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace convstep::gui::link_fields {

namespace {

constexpr size_t kMaxFragmentChars = 1000;
constexpr size_t kMaxNumberDigits = 18;  // every such number fits int64_t
constexpr const char* kKeys[] = {"conv", "stride", "pad",    "dil",  "groups", "mode",
                                 "bias", "shape",  "layout", "data", "preset", "values",
                                 "seed", "step",   "gran",   "view", "lesson", "lang"};
constexpr const char* kKeyList =
    "conv, stride, pad, dil, groups, mode, bias, shape, layout, data, preset, values, seed, "
    "step, gran, view, lesson, lang";
constexpr int64_t kDefaultBatch = 6, kDefaultLength = 5;  // the seed example's [6, 5, 3]

}  // namespace

Error LinkError(Message message, Hint hint) {
  return MakeError(std::move(message), "link", std::move(hint));
}

Error BadValue(const std::string& key, const std::string& value, const MessageArg& expected,
               const std::string& example) {
  return LinkError(Message{"link_bad_value", "{0}={1} is not {2}", {key, value, expected}},
                   Hint{"link_write_like", "write it like {0}", {example}});
}

namespace {

// --- Splitting and decoding ----------------------------------------------------------------

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Undoes percent-encoding (a mail client may write ',' as %2C); a broken escape is an error.
Result<std::string> PercentDecoded(std::string_view part) {
  std::string out;
  for (size_t i = 0; i < part.size(); ++i) {
    if (part[i] != '%') {
      out += part[i];
      continue;
    }
    const int high = i + 2 < part.size() ? HexDigit(part[i + 1]) : -1;
    const int low = i + 2 < part.size() ? HexDigit(part[i + 2]) : -1;
    if (high < 0 || low < 0)
      return LinkError(
          Message{"link_bad_escape",
                  "the link's part {0} has a broken percent-escape",
                  {std::string(part)}},
          Hint{"link_escape", "a % is followed by two hex digits: %2C is a comma", {}});
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

}  // namespace

// key=value pairs joined by '&': each key known and given once.
Result<Fields> SplitFragment(std::string_view fragment) {
  if (fragment.size() > kMaxFragmentChars)
    return LinkError(Message{"link_too_long",
                             "the link has {0} characters, more than {1}",
                             {std::to_string(fragment.size()), std::to_string(kMaxFragmentChars)}},
                     Hint{"link_copy_again", "copy the link again with Copy link", {}});
  Fields fields;
  size_t begin = 0;
  while (begin <= fragment.size()) {
    size_t end = fragment.find('&', begin);
    if (end == std::string_view::npos) end = fragment.size();
    auto part = PercentDecoded(fragment.substr(begin, end - begin));
    if (!part) return part.error();
    const size_t equals = part->find('=');
    if (equals == std::string::npos || equals == 0)
      return LinkError(
          Message{"link_not_pair", "the link's part '{0}' is not key=value", {*part}},
          Hint{"link_pairs", "join key=value pairs with &, like conv=3,8,2&step=4", {}});
    const std::string key = part->substr(0, equals);
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      return LinkError(Message{"link_unknown_key", "the link has an unknown key '{0}'", {key}},
                       Hint{"link_keys", "the keys are {0}", {kKeyList}});
    if (!fields.emplace(key, part->substr(equals + 1)).second)
      return LinkError(Message{"link_repeated_key", "the link gives {0}= twice", {key}},
                       Hint{"link_once", "give each key once", {}});
    begin = end + 1;
  }
  return fields;
}

namespace {

// --- Values --------------------------------------------------------------------------------

// A whole number of at most kMaxNumberDigits digits, with a '-' when `allow_negative` (the
// layer's numbers: PyTorch explains a negative one better than a parse error could).
std::optional<int64_t> ParseWhole(const std::string& text, bool allow_negative) {
  const bool negative = allow_negative && !text.empty() && text[0] == '-';
  const std::string digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > kMaxNumberDigits) return std::nullopt;
  int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

// `count` comma-separated whole numbers.
Result<std::vector<int64_t>> ParseNumbers(const Fields& fields, const std::string& key,
                                          size_t count, bool allow_negative,
                                          const std::string& example) {
  const std::string& text = fields.at(key);
  std::vector<int64_t> numbers;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(',', begin);
    if (end == std::string::npos) end = text.size();
    auto number = ParseWhole(text.substr(begin, end - begin), allow_negative);
    if (!number) break;
    numbers.push_back(*number);
    begin = end + 1;
  }
  if (numbers.size() == count && begin > text.size()) return numbers;
  const MessageArg expected =
      count == 1
          ? MessageArg(Message{"link_a_number", "a whole number (up to 18 digits)", {}})
          : MessageArg(Message{
                "link_numbers", "{0} whole numbers joined by commas", {std::to_string(count)}});
  return BadValue(key, text, expected, example);
}

// An optional single number: `fallback` when the key is absent.

}  // namespace

Result<int64_t> NumberOr(const Fields& fields, const std::string& key, int64_t fallback,
                         bool allow_negative, const std::string& example) {
  if (!fields.count(key)) return fallback;
  auto numbers = ParseNumbers(fields, key, 1, allow_negative, example);
  if (!numbers) return numbers.error();
  return numbers->front();
}

// One of `names`: its index.
Result<size_t> ParseChoice(const Fields& fields, const std::string& key,
                           const std::vector<std::string>& names) {
  const std::string& value = fields.at(key);
  for (size_t i = 0; i < names.size(); ++i)
    if (value == names[i]) return i;
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  return BadValue(key, value, Message{"link_one_of", "one of {0}", {list}},
                  key + "=" + names.back());
}

namespace {

Result<uint64_t> ParseSeed(const Fields& fields) {
  if (!fields.count("seed")) return uint64_t{0};
  const std::string& text = fields.at("seed");
  uint64_t value = 0;
  bool ok = !text.empty() && text.size() <= 20;
  for (char c : text) {
    if (!ok || c < '0' || c > '9' || value > (UINT64_MAX - (c - '0')) / 10) {
      ok = false;
      break;
    }
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (ok) return value;
  return BadValue(
      "seed", text,
      Message{"link_a_seed", "a torch.manual_seed value (0 to {0})", {std::to_string(UINT64_MAX)}},
      "seed=0");
}

// --- The layer and the values ----------------------------------------------------------------

Result<Conv1dSpec> ParseLayer(const Fields& fields) {
  Conv1dSpec spec;
  auto conv = ParseNumbers(fields, "conv", 3, true, "conv=3,8,2");
  if (!conv) return conv.error();
  spec.in_channels = (*conv)[0];
  spec.out_channels = (*conv)[1];
  spec.kernel_size = (*conv)[2];
  struct OptionalNumber {
    const char* key;
    int64_t* field;
    const char* example;
  };
  for (const OptionalNumber& option : {OptionalNumber{"stride", &spec.stride, "stride=2"},
                                       OptionalNumber{"dil", &spec.dilation, "dil=2"},
                                       OptionalNumber{"groups", &spec.groups, "groups=2"}}) {
    auto number = NumberOr(fields, option.key, *option.field, true, option.example);
    if (!number) return number.error();
    *option.field = *number;
  }
  if (fields.count("pad")) {
    const std::string& pad = fields.at("pad");
    if (pad == "same" || pad == "valid") {
      spec.padding_kind = pad == "same" ? PaddingKind::kSame : PaddingKind::kValid;
    } else {
      auto number = NumberOr(fields, "pad", 0, true, "pad=1 (or pad=same, pad=valid)");
      if (!number) return number.error();
      spec.padding = *number;
    }
  }
  if (fields.count("mode")) {
    auto mode = ParseChoice(fields, "mode", {"zeros", "reflect", "replicate", "circular"});
    if (!mode) return mode.error();
    spec.padding_mode = static_cast<PaddingMode>(*mode);
  }
  spec.bias = true;
  if (fields.count("bias")) {
    auto bias = ParseChoice(fields, "bias", {"1", "0"});
    if (!bias) return bias.error();
    spec.bias = *bias == 0;
  }
  return spec;
}

// The recipe the link's layer, shape and values describe (values generated).

}  // namespace

Result<Recipe> ParseRecipe(const Fields& fields) {
  Recipe recipe;
  auto spec = ParseLayer(fields);
  if (!spec) return spec.error();
  recipe.spec = *spec;
  recipe.batch = kDefaultBatch;
  recipe.length = kDefaultLength;
  if (fields.count("shape")) {
    auto shape = ParseNumbers(fields, "shape", 2, true, "shape=6,5");
    if (!shape) return shape.error();
    recipe.batch = (*shape)[0];
    recipe.length = (*shape)[1];
  }
  if (fields.count("layout")) {
    auto layout = ParseChoice(fields, "layout", {"nlc", "ncl"});
    if (!layout) return layout.error();
    recipe.layout = *layout == 0 ? InputLayout::kNLC : InputLayout::kNCL;
  }
  if (fields.count("values")) {
    const std::string& name = fields.at("values");
    if (!ParseValueSource(name, &recipe.source))
      return BadValue(
          "values", name,
          Message{"link_one_of", "one of {0}", {"randn, arange, small_integers, ones, zeros"}},
          "values=arange");
  }
  auto seed = ParseSeed(fields);
  if (!seed) return seed.error();
  recipe.seed = *seed;
  return recipe;
}

}  // namespace convstep::gui::link_fields
