// The ten exercises: their draws, answers and worked solutions; the answer checker.
#include "model/exercises.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "convstep/geometry.h"

namespace convstep::gui {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

// SplitMix64: the same draws on every platform and standard library.
class Draws {
 public:
  explicit Draws(uint64_t seed) : state_(seed) {}
  // A whole number in [low, high].
  int64_t In(int64_t low, int64_t high) {
    state_ += 0x9E3779B97F4A7C15ull;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return low + static_cast<int64_t>(z % static_cast<uint64_t>(high - low + 1));
  }

 private:
  uint64_t state_;
};

ExerciseText Text(std::string key, std::vector<std::string> args = {}) {
  return {std::move(key), std::move(args)};
}

std::string Matrix(const std::vector<int64_t>& values, int64_t rows, int64_t columns) {
  std::string text = "[";
  for (int64_t r = 0; r < rows; ++r) {
    text += r ? ", [" : "[";
    for (int64_t c = 0; c < columns; ++c)
      text += (c ? ", " : "") + S(values[static_cast<size_t>(r * columns + c)]);
    text += "]";
  }
  return text + "]";
}

Exercise InputShape(Draws& draw) {
  const int64_t n = draw.In(2, 8), l = draw.In(3, 9), c = draw.In(2, 6);
  Exercise e;
  e.question = Text("exercise.input_shape.question", {S(n), S(l), S(c)});
  e.answer_kind = AnswerKind::kShape;
  e.expected = {n, l, c};
  e.solution = {Text("exercise.input_shape.solution", {S(n), S(l), S(c)})};
  return e;
}

Exercise PermuteIndex(Draws& draw) {
  const int64_t n = draw.In(2, 6), l = draw.In(3, 7), c = draw.In(2, 5);
  const int64_t i = draw.In(0, n - 1), j = draw.In(0, l - 1), k = draw.In(0, c - 1);
  Exercise e;
  e.question = Text("exercise.permute.question", {S(n), S(l), S(c), S(i), S(j), S(k)});
  e.answer_kind = AnswerKind::kShape;
  e.expected = {i, k, j};
  e.solution = {Text("exercise.permute.solution.rule"),
                Text("exercise.permute.solution.index", {S(i), S(j), S(k), S(n), S(l), S(c)})};
  return e;
}

Exercise WeightShape(Draws& draw) {
  const int64_t c = draw.In(2, 6), o = draw.In(2, 8), k = draw.In(1, 5);
  Exercise e;
  e.question = Text("exercise.weight.question", {S(c), S(o), S(k)});
  e.answer_kind = AnswerKind::kShape;
  e.expected = {o, c, k};
  e.solution = {Text("exercise.weight.solution.kernels", {S(o)}),
                Text("exercise.weight.solution.each", {S(c), S(k)}),
                Text("exercise.weight.solution.shape", {S(o), S(c), S(k)})};
  return e;
}

Exercise DotProduct(Draws& draw) {
  const int64_t channels = draw.In(1, 2), taps = draw.In(2, 3);
  std::vector<int64_t> x, w;
  for (int64_t i = 0; i < channels * taps; ++i) x.push_back(draw.In(-3, 3));
  for (int64_t i = 0; i < channels * taps; ++i) w.push_back(draw.In(-3, 3));
  Exercise e;
  e.question = Text("exercise.dot.question",
                    {Matrix(x, channels, taps), Matrix(w, channels, taps), S(channels * taps)});
  e.answer_kind = AnswerKind::kNumber;
  int64_t sum = 0;
  for (int64_t c = 0; c < channels; ++c) {
    for (int64_t k = 0; k < taps; ++k) {
      const size_t at = static_cast<size_t>(c * taps + k);
      sum += x[at] * w[at];
      e.solution.push_back(Text("exercise.dot.solution.product",
                                {S(c), S(k), S(x[at]), S(w[at]), S(x[at] * w[at]), S(sum)}));
    }
  }
  e.expected_number = static_cast<double>(sum);
  e.solution.push_back(Text("exercise.dot.solution.sum", {S(sum)}));
  return e;
}

Exercise FeedingPositions(Draws& draw) {
  const int64_t length = draw.In(5, 9), k = draw.In(2, 3);
  const int64_t t = draw.In(0, length - k);
  Exercise e;
  e.question = Text("exercise.positions.question", {S(k), S(length), S(t)});
  e.answer_kind = AnswerKind::kPositions;
  std::string positions;
  for (int64_t tap = 0; tap < k; ++tap) {
    e.expected.push_back(t + tap);
    positions += (tap ? ", " : "") + S(t + tap);
  }
  e.solution = {Text("exercise.positions.solution.start", {S(t)}),
                Text("exercise.positions.solution.taps", {S(k), positions})};
  return e;
}

Exercise OutputShape(Draws& draw) {
  const int64_t n = draw.In(2, 6), c = draw.In(2, 5), length = draw.In(4, 9);
  const int64_t o = draw.In(2, 8), k = draw.In(2, 4);
  const int64_t out = length - k + 1;
  Exercise e;
  e.question = Text("exercise.output_shape.question", {S(n), S(c), S(length), S(o), S(k)});
  e.answer_kind = AnswerKind::kShape;
  e.expected = {n, o, out};
  e.solution = {Text("exercise.output_shape.solution.batch", {S(n)}),
                Text("exercise.output_shape.solution.channels", {S(o)}),
                Text("exercise.output_shape.solution.length", {S(length), S(k), S(out)}),
                Text("exercise.output_shape.solution.shape", {S(n), S(o), S(out)})};
  return e;
}

Exercise OutLength(Draws& draw) {
  int64_t length, k, stride, padding, dilation, inner;
  do {
    length = draw.In(5, 12), k = draw.In(2, 4), stride = draw.In(1, 3);
    padding = draw.In(0, 2), dilation = draw.In(1, 2);
    inner = length + 2 * padding - dilation * (k - 1) - 1;
  } while (inner < 0);
  const int64_t out = inner / stride + 1;
  Exercise e;
  e.question =
      Text("exercise.out_length.question", {S(k), S(stride), S(padding), S(dilation), S(length)});
  e.answer_kind = AnswerKind::kNumber;
  e.expected_number = static_cast<double>(out);
  e.solution = {Text("exercise.out_length.solution.formula"),
                Text("exercise.out_length.solution.numbers",
                     {S(length), S(padding), S(dilation), S(k), S(stride)}),
                Text("exercise.out_length.solution.result", {S(inner), S(stride), S(out)})};
  return e;
}

Exercise GroupsWeight(Draws& draw) {
  const int64_t groups = draw.In(2, 4);
  const int64_t per_group = draw.In(1, 2);
  const int64_t c = groups * per_group, o = groups * draw.In(1, 3), k = draw.In(1, 3);
  Exercise e;
  e.question = Text("exercise.groups.question", {S(c), S(o), S(k), S(groups)});
  e.answer_kind = AnswerKind::kShape;
  e.expected = {o, per_group, k};
  e.solution = {Text("exercise.groups.solution.split", {S(c), S(groups), S(per_group)}),
                Text("exercise.groups.solution.shape", {S(o), S(per_group), S(k)})};
  return e;
}

// Puts the right choice at a drawn place among the others.
void ShuffleIn(Exercise& e, ExerciseText right, std::vector<ExerciseText> wrong, Draws& draw) {
  e.answer_kind = AnswerKind::kChoice;
  e.expected_choice = draw.In(0, static_cast<int64_t>(wrong.size()));
  e.choices = std::move(wrong);
  e.choices.insert(e.choices.begin() + e.expected_choice, std::move(right));
}

Exercise ForgotPermute(Draws& draw) {
  const int64_t n = draw.In(2, 6), c = draw.In(2, 5), o = draw.In(2, 8), k = 2;
  // One time in three the sentence is as long as the vectors: no error, and wrong numbers.
  const int64_t length = draw.In(0, 2) == 0 ? c : c + draw.In(1, 3);
  Conv1dSpec spec;
  spec.in_channels = c;
  spec.out_channels = o;
  spec.kernel_size = k;
  const Result<Geometry> run = Validate(spec, {n, length, c});
  const std::string silent_shape = FormatShape({n, o, c - k + 1});
  const std::string permuted_shape = FormatShape({n, o, length - k + 1});
  ExerciseText raises = Text("exercise.forgot.raises", {run ? std::string() : run.error().message});
  ExerciseText silent = Text("exercise.forgot.no_error", {silent_shape});
  ExerciseText as_if_permuted = Text("exercise.forgot.no_error", {permuted_shape});
  Exercise e;
  e.question = Text("exercise.forgot.question", {S(n), S(length), S(c), S(o), S(k)});
  if (run) {
    ShuffleIn(e, silent, {Text("exercise.forgot.raises_channels", {S(c), S(length)})}, draw);
  } else {
    ShuffleIn(e, raises, {as_if_permuted, silent}, draw);
  }
  e.solution = {Text("exercise.forgot.solution.axis", {S(length)}),
                run ? Text("exercise.forgot.solution.silent", {S(c), silent_shape})
                    : Text("exercise.forgot.solution.error", {S(c), S(length)}),
                Text("exercise.forgot.solution.fix")};
  return e;
}

Exercise Conv2dEquivalent(Draws& draw) {
  const int64_t c = draw.In(2, 6), o = draw.In(2, 8), k = draw.In(2, 4);
  const auto conv2d = [](int64_t in, int64_t out, int64_t height, int64_t width) {
    return Text("exercise.code", {"nn.Conv2d(" + S(in) + ", " + S(out) + ", (" + S(height) + ", " +
                                  S(width) + "))"});
  };
  Exercise e;
  e.question = Text("exercise.conv2d.question", {S(c), S(o), S(k)});
  ShuffleIn(e, conv2d(c, o, 1, k), {conv2d(1, o, 1, k), conv2d(c, o, k, 1), conv2d(c, o, c, k)},
            draw);
  e.solution = {Text("exercise.conv2d.solution.image", {S(c)}),
                Text("exercise.conv2d.solution.kernel", {S(o), S(c), S(k)}),
                Text("exercise.conv2d.solution.squeeze")};
  return e;
}

// The whole numbers of `typed`, separated by spaces, commas or "x", with or without brackets;
// false when anything else is there.
bool ReadIntegers(const std::string& typed, std::vector<int64_t>* out) {
  const std::string separators = " \t\n,;[]()x*";
  size_t at = 0;
  while (at < typed.size()) {
    const unsigned char ch = static_cast<unsigned char>(typed[at]);
    if (separators.find(static_cast<char>(ch)) != std::string::npos) {
      ++at;
    } else if (ch == 0xEF && typed.compare(at, 3, "\xEF\xBC\x8C") == 0) {  // full-width comma
      at += 3;
    } else if (ch == 0xC3 && typed.compare(at, 2, "\xC3\x97") == 0) {  // multiplication sign
      at += 2;
    } else {
      const bool negative = typed[at] == '-';
      size_t digits = at + (negative ? 1 : 0);
      const size_t first = digits;
      int64_t value = 0;
      while (digits < typed.size() && typed[digits] >= '0' && typed[digits] <= '9' &&
             digits - first < 12)
        value = value * 10 + (typed[digits++] - '0');
      if (digits == first) return false;
      if (digits < typed.size() && typed[digits] >= '0' && typed[digits] <= '9') return false;
      out->push_back(negative ? -value : value);
      at = digits;
    }
  }
  return true;
}

// One number, with '−' (U+2212) read as a minus sign.
bool ReadNumber(std::string typed, double* out) {
  for (size_t at = typed.find("\xE2\x88\x92"); at != std::string::npos;
       at = typed.find("\xE2\x88\x92"))
    typed.replace(at, 3, "-");
  const size_t begin = typed.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return false;
  const size_t end = typed.find_last_not_of(" \t\n");
  const std::string text = typed.substr(begin, end - begin + 1);
  char* stop = nullptr;
  *out = std::strtod(text.c_str(), &stop);
  return stop == text.c_str() + text.size() && std::isfinite(*out);
}

// At most 60 bytes of what the student typed, cut at a character boundary.
std::string Excerpt(const std::string& typed) {
  if (typed.size() <= 60) return typed;
  size_t end = 57;
  while (end > 0 && (static_cast<unsigned char>(typed[end]) & 0xC0) == 0x80) --end;
  return typed.substr(0, end) + "...";
}

std::string Joined(const std::vector<int64_t>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + S(values[i]);
  return text;
}

Verdict Check(bool correct, ExerciseText wrong) {
  return {true, correct, correct ? Text("exercise.feedback.correct") : std::move(wrong)};
}

Verdict CheckIntegers(const Exercise& e, const std::string& typed) {
  std::vector<int64_t> given;
  const bool positions = e.answer_kind == AnswerKind::kPositions;
  if (!ReadIntegers(typed, &given) || given.empty())
    return {false, false,
            Text(positions ? "exercise.feedback.unreadable_positions"
                           : "exercise.feedback.unreadable_shape")};
  if (given.size() != e.expected.size())
    return Check(false,
                 Text("exercise.feedback.count", {S(static_cast<int64_t>(given.size())),
                                                  S(static_cast<int64_t>(e.expected.size()))}));
  std::vector<int64_t> expected = e.expected;
  if (positions) {
    std::sort(given.begin(), given.end());
    std::sort(expected.begin(), expected.end());
  }
  return Check(given == expected, Text("exercise.feedback.wrong_values", {Joined(given)}));
}

}  // namespace

Result<Exercise> MakeExercise(int chapter, uint64_t seed) {
  using Maker = Exercise (*)(Draws&);
  static constexpr Maker kMakers[kExerciseChapters] = {
      InputShape,  PermuteIndex, WeightShape,  DotProduct,    FeedingPositions,
      OutputShape, OutLength,    GroupsWeight, ForgotPermute, Conv2dEquivalent};
  if (chapter < 1 || chapter > kExerciseChapters)
    return MakeError(
        Message{
            "exercise_chapter", "there is no exercise for chapter {0}", {std::to_string(chapter)}},
        "chapter",
        Hint{"exercise_chapter",
             "choose a chapter from 1 to {0}",
             {std::to_string(kExerciseChapters)}});
  Draws draw(seed * 31 + static_cast<uint64_t>(chapter));
  Exercise exercise = kMakers[chapter - 1](draw);
  exercise.chapter = chapter;
  exercise.seed = seed;
  return exercise;
}

Verdict CheckAnswer(const Exercise& e, const std::string& typed) {
  switch (e.answer_kind) {
    case AnswerKind::kShape:
    case AnswerKind::kPositions:
      return CheckIntegers(e, typed);
    case AnswerKind::kNumber: {
      double given = 0.0;
      if (!ReadNumber(typed, &given))
        return {false, false, Text("exercise.feedback.unreadable_number")};
      const double tolerance = 1e-9 + 1e-6 * std::fabs(e.expected_number);
      return Check(std::fabs(given - e.expected_number) <= tolerance,
                   Text("exercise.feedback.wrong_number", {Excerpt(typed)}));
    }
    case AnswerKind::kChoice: {
      std::vector<int64_t> given;
      if (!ReadIntegers(typed, &given) || given.size() != 1 || given[0] < 0 ||
          given[0] >= static_cast<int64_t>(e.choices.size()))
        return {false, false, Text("exercise.feedback.unreadable_choice")};
      return Check(given[0] == e.expected_choice, Text("exercise.feedback.wrong_choice"));
    }
    case AnswerKind::kCells:  // answered by clicking (CheckCells), not by typing
      return {false, false, Text("exercise.feedback.click_cells")};
  }
  return {};
}

}  // namespace convstep::gui
