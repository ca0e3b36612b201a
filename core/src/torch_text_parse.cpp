// Parser for PyTorch's printed tensors (the inverse of FormatTorchTensor).
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "convstep/json_text.h"
#include "convstep/torch_text.h"

namespace convstep {
namespace {

class TextParser {
 public:
  explicit TextParser(const std::string& text) : text_(text) {}

  Result<Tensor> Parse() {
    SkipSpace();
    bool wrapped = false;
    if (text_.compare(pos_, 7, "tensor(") == 0) {
      wrapped = true;
      pos_ += 7;
      SkipSpace();
    }
    const char next = Peek();
    const bool scalar = wrapped && (std::isdigit(Uc(next)) || next == '-' || next == 'n' ||
                                    next == 'i' || next == '.');
    if (next != '[' && !scalar)
      return Fail(wrapped ? Message{"text_bracket_after", "expected '[' after 'tensor('", {}}
                          : Message{"text_start", "expected 'tensor(' or '['", {}},
                  Hint{"text_whole_print",
                       "paste the whole text print(tensor) printed, starting with tensor([",
                       {}});
    if (scalar ? !Number() : !List(0)) return error_;
    SkipSpace();
    if (wrapped) {
      // Suffixes: ", grad_fn=<...>", ", requires_grad=True", ", dtype=...", ", size=(...)".
      while (Peek() == ',') {
        ++pos_;
        SkipSpace();
        const size_t key_start = pos_;
        while (pos_ < text_.size() && (std::isalnum(Uc(text_[pos_])) || text_[pos_] == '_')) ++pos_;
        const std::string key = text_.substr(key_start, pos_ - key_start);
        if (key.empty() || Peek() != '=')
          return Fail(
              Message{"text_suffix", "expected a suffix such as grad_fn=<...> after ','", {}},
              Hint{"text_remove_after", "remove the text after the closing bracket", {}});
        ++pos_;
        if (key == "size" && !Size()) return error_;
        if (key != "size") SkipValue();
        SkipSpace();
      }
      if (Peek() != ')')
        return Fail(Message{"text_close_tensor", "expected ')' to close 'tensor('", {}},
                    Hint{"text_whole_tensor", "paste the whole tensor", {}});
      ++pos_;
    }
    SkipSpace();
    if (pos_ < text_.size())
      return Fail(
          Message{"text_trailing", "unexpected text after the tensor", {}},
          Hint{"text_one_tensor", "paste one tensor at a time (torch.Size lines are fine)", {}});
    Tensor tensor;
    tensor.shape = size_.empty() ? shape_ : size_;
    tensor.data.assign(values_.begin(), values_.end());
    if (ShapeNumel(tensor.shape) != static_cast<int64_t>(tensor.data.size()))
      return Fail(
          Message{"text_size_mismatch", "the size=(...) suffix does not match the values", {}},
          Hint{"text_check", "check the pasted text", {}});
    return tensor;
  }

 private:
  static unsigned char Uc(char c) { return static_cast<unsigned char>(c); }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  // Skips white space and whole "torch.Size([...])" lines.
  void SkipSpace() {
    for (;;) {
      while (pos_ < text_.size() && std::isspace(Uc(text_[pos_]))) ++pos_;
      if (text_.compare(pos_, 11, "torch.Size(") != 0) return;
      const size_t end = text_.find(')', pos_);
      pos_ = end == std::string::npos ? text_.size() : end + 1;
    }
  }

  // "tensor text, line L, column C: reason" at the current position.
  Error Fail(Message reason, Hint hint) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error_ = MakeError(Message{"text_at",
                               "tensor text, line {0}, column {1}: {2}",
                               {std::to_string(line), std::to_string(column), std::move(reason)}},
                       "text", std::move(hint));
    return error_;
  }

  void SkipValue() {
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '<' || c == '(' || c == '[') ++depth;
      if (c == '>' || c == ')' || c == ']') {
        if (depth == 0) return;
        --depth;
      }
      if (c == ',' && depth == 0) return;
      ++pos_;
    }
  }

  bool Size() {
    SkipSpace();
    if (Peek() != '(')
      return (Fail(Message{"text_size_open", "expected '(' after size=", {}},
                   Hint{"text_check", "check the pasted text", {}}),
              false);
    ++pos_;
    for (;;) {
      SkipSpace();
      char* end = nullptr;
      const long long value = std::strtoll(text_.c_str() + pos_, &end, 10);
      if (end == text_.c_str() + pos_ || value < 0)
        return (Fail(Message{"text_size_value", "expected a size in size=(...)", {}},
                     Hint{"text_check", "check the pasted text", {}}),
                false);
      size_.push_back(value);
      pos_ = static_cast<size_t>(end - text_.c_str());
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
        SkipSpace();
        if (Peek() == ')') break;
        continue;
      }
      break;
    }
    if (Peek() != ')')
      return (Fail(Message{"text_size_close", "expected ')' to close size=(", {}},
                   Hint{"text_check", "check the pasted text", {}}),
              false);
    ++pos_;
    return true;
  }

  // A "..." where numbers or rows were left out (torch prints large tensors summarized).
  bool Summarized() {
    if (text_.compare(pos_, 3, "...") != 0 && text_.compare(pos_, 4, " ...") != 0) return false;
    Fail(Message{"text_summarized",
                 "the tensor is summarized with '...', so some values are missing",
                 {}},
         Hint{"text_print_full",
              "print it in full first: torch.set_printoptions(profile='full')",
              {}});
    return true;
  }

  bool Number() {
    if (Summarized()) return false;
    const char* start = text_.c_str() + pos_;
    char* end = nullptr;
    double value = std::strtod(start, &end);
    if (end == start)
      return (Fail(Message{"text_number", "expected a number", {}},
                   Hint{"text_only_numbers",
                        "only numbers, commas and brackets belong in the list",
                        {}}),
              false);
    const std::string token(start, static_cast<size_t>(end - start));
    for (char c : token) {
      if (std::isalpha(Uc(c)) && c != 'e' && c != 'E' && token != "nan" && token != "-nan" &&
          token != "inf" && token != "-inf")
        return (Fail(Message{"text_not_number", "'{0}' is not a number", {Excerpt(token)}},
                     Hint{"text_decimal_like", "use decimal numbers like -1.5697", {}}),
                false);
      if (c == 'x' || c == 'X')
        return (Fail(Message{"text_not_decimal", "'{0}' is not a decimal number", {Excerpt(token)}},
                     Hint{"text_decimal", "use decimal numbers", {}}),
                false);
    }
    pos_ = static_cast<size_t>(end - text_.c_str());
    const bool inf_word = token == "inf" || token == "-inf";  // strtod: "1e999" is inf too
    if (RoundsToFloatInfinity(value) || (std::isinf(value) && !inf_word))
      return (Fail(Message{"text_too_large", "'{0}' is too large for float32", {Excerpt(token)}},
                   Hint{"text_smaller", "use smaller numbers", {}}),
              false);
    values_.push_back(static_cast<float>(value));
    return true;
  }

  bool List(size_t depth) {
    if (depth > 8)
      return (Fail(Message{"text_nested", "too deeply nested", {}},
                   Hint{"at_most_3_dims", "a Conv1d tensor has at most 3 dimensions", {}}),
              false);
    ++pos_;  // '['
    SkipSpace();
    int64_t count = 0;
    bool holds_lists = false;
    if (Peek() != ']') {
      for (;;) {
        SkipSpace();
        if (Summarized()) return false;  // a "...," row between rows of a 2-d or 3-d tensor
        const bool is_list = Peek() == '[';
        if (count == 0) holds_lists = is_list;
        if (is_list != holds_lists)
          return (Fail(Message{"text_mixed", "lists and numbers are mixed at one level", {}},
                       Hint{"text_all_numbers_or_lists",
                            "every element of a list must be "
                            "a number, or every one a list",
                            {}}),
                  false);
        if (is_list ? !List(depth + 1) : !Number()) return false;
        ++count;
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        if (Peek() == ']') break;
        return (
            Fail(Peek() == '\0' ? Message{"text_ends", "the text ends before the closing ']'", {}}
                                : Message{"text_comma",
                                          "expected ',' or ']' but found '{0}'",
                                          {std::string(1, Peek())}},
                 Hint{"text_whole_pasted", "check that the whole tensor was pasted", {}}),
            false);
      }
    }
    ++pos_;  // ']'
    if (shape_.size() <= depth) shape_.resize(depth + 1, -1);
    if (shape_[depth] < 0) {
      shape_[depth] = count;
      if (!holds_lists && leaf_depth_ < 0) leaf_depth_ = static_cast<int64_t>(depth);
    } else if (shape_[depth] != count) {
      return (
          Fail(Message{"text_ragged",
                       "this list has {0} elements, but the first list at this level has {1}",
                       {std::to_string(count), std::to_string(shape_[depth])}},
               Hint{"text_same_length", "every list at one level must have the same length", {}}),
          false);
    }
    if (!holds_lists && count > 0 && leaf_depth_ != static_cast<int64_t>(depth))
      return (Fail(Message{"text_depths", "numbers at different depths", {}},
                   Hint{"text_equally_deep", "every list must be nested equally deep", {}}),
              false);
    return true;
  }

  const std::string& text_;
  size_t pos_ = 0;
  Shape shape_;
  Shape size_;
  int64_t leaf_depth_ = -1;
  std::vector<float> values_;
  Error error_;
};

}  // namespace

Result<Tensor> ParseTorchTensor(const std::string& text) {
  return TextParser(text).Parse();
}

}  // namespace convstep
