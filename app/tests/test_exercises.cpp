// Predict-then-reveal exercises: every chapter's variants are answerable, their answers agree
// with the engine, both languages hold every text, and the checker reads what students type.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>

#include "convstep/forward.h"
#include "convstep/geometry.h"
#include "model/exercises.h"
#include "model/i18n.h"
#include "state/lesson.h"
#include "state/practice.h"
#include "state/settings.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

int64_t Arg(const ExerciseText& text, size_t i) {
  return std::stoll(text.args.at(i));
}

std::string Canonical(const Exercise& e) {
  switch (e.answer_kind) {
    case AnswerKind::kNumber:
      return std::to_string(static_cast<int64_t>(e.expected_number));
    case AnswerKind::kChoice:
      return std::to_string(e.expected_choice);
    default: {
      std::string text;
      for (int64_t value : e.expected) text += (text.empty() ? "" : ", ") + std::to_string(value);
      return text;
    }
  }
}

Exercise Make(int chapter, uint64_t seed) {
  Result<Exercise> made = MakeExercise(chapter, seed);
  EXPECT_TRUE(made) << made.error().OneLine();
  return *made;
}

TEST(Exercises, EveryChapterHasAnswerableVariantsThatChangeWithTheSeed) {
  for (int chapter = 1; chapter <= kExerciseChapters; ++chapter) {
    std::set<std::vector<std::string>> questions;
    for (uint64_t seed = 0; seed < 200; ++seed) {
      const Exercise e = Make(chapter, seed);
      EXPECT_EQ(e.chapter, chapter);
      EXPECT_FALSE(e.solution.empty());
      EXPECT_TRUE(CheckAnswer(e, Canonical(e)).correct) << chapter << " seed " << seed;
      EXPECT_EQ(Make(chapter, seed).question.args, e.question.args);  // a seed is one variant
      questions.insert(e.question.args);
    }
    EXPECT_GT(questions.size(), 10u) << "chapter " << chapter;
  }
}

TEST(Exercises, AnswersAgreeWithTheEngine) {
  for (uint64_t seed = 0; seed < 100; ++seed) {
    Conv1dSpec spec;
    // Chapter 3: the weight shape nn.Conv1d(C, O, k) creates.
    Exercise e = Make(3, seed);
    spec.in_channels = Arg(e.question, 0);
    spec.out_channels = Arg(e.question, 1);
    spec.kernel_size = Arg(e.question, 2);
    EXPECT_EQ(e.expected, Validate(spec, {1, spec.in_channels, 8})->WeightShape());
    // Chapter 6: the output shape.
    e = Make(6, seed);
    spec = Conv1dSpec{};
    spec.in_channels = Arg(e.question, 1);
    spec.out_channels = Arg(e.question, 3);
    spec.kernel_size = Arg(e.question, 4);
    EXPECT_EQ(e.expected,
              Validate(spec, {Arg(e.question, 0), Arg(e.question, 1), Arg(e.question, 2)})
                  ->OutputShape());
    // Chapter 7: L_out with stride, padding and dilation.
    e = Make(7, seed);
    spec = Conv1dSpec{};
    spec.in_channels = 1;
    spec.kernel_size = Arg(e.question, 0);
    spec.stride = Arg(e.question, 1);
    spec.padding = Arg(e.question, 2);
    spec.dilation = Arg(e.question, 3);
    EXPECT_EQ(e.expected_number,
              static_cast<double>(Validate(spec, {1, 1, Arg(e.question, 4)})->out_length));
    // Chapter 8: the grouped weight.
    e = Make(8, seed);
    spec = Conv1dSpec{};
    spec.in_channels = Arg(e.question, 0);
    spec.out_channels = Arg(e.question, 1);
    spec.kernel_size = Arg(e.question, 2);
    spec.groups = Arg(e.question, 3);
    EXPECT_EQ(e.expected, Validate(spec, {1, spec.in_channels, 8})->WeightShape());
    // Chapter 5: the positions window t reads.
    e = Make(5, seed);
    spec = Conv1dSpec{};
    spec.in_channels = 1;
    spec.kernel_size = Arg(e.question, 0);
    const Geometry g = *Validate(spec, {1, 1, Arg(e.question, 1)});
    std::vector<int64_t> positions;
    for (int64_t k = 0; k < g.kernel_size; ++k)
      positions.push_back(g.TapPosition(Arg(e.question, 2), k));
    EXPECT_EQ(e.expected, positions);
  }
}

TEST(Exercises, TheDotProductIsTheReferencePassOnTheWindow) {
  for (uint64_t seed = 0; seed < 100; ++seed) {
    const Exercise e = Make(4, seed);
    // The question quotes x and w as nested lists: read them back and run the engine.
    FloatBuffer x, w;
    const std::regex number("-?[0-9]+");
    for (auto [text, out] : {std::pair{e.question.args[0], &x}, std::pair{e.question.args[1], &w}})
      for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it)
        out->push_back(std::stof(it->str()));
    Conv1dProblem problem;
    const int64_t channels = static_cast<int64_t>(std::count(e.question.args[0].begin(),
                                                             e.question.args[0].end(), '[')) -
                             1;
    const int64_t k = static_cast<int64_t>(x.size()) / channels;
    problem.spec.in_channels = channels;
    problem.spec.out_channels = 1;
    problem.spec.kernel_size = k;
    problem.spec.bias = false;
    problem.input = Tensor{{1, channels, k}, x};
    problem.weight = Tensor{{1, channels, k}, w};
    const Geometry g = *ValidateProblem(problem);
    EXPECT_EQ(e.expected_number, ForwardReference(problem, g).data[0]) << e.question.args[0];
    EXPECT_EQ(e.solution.size(), x.size() + 1);  // one line per product, then the sum
  }
}

TEST(Exercises, ForgettingThePermuteRaisesPyTorchsErrorUnlessLengthEqualsChannels) {
  int silent = 0, raised = 0;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    const Exercise e = Make(9, seed);
    const ExerciseText& right = e.choices.at(static_cast<size_t>(e.expected_choice));
    if (Arg(e.question, 1) == Arg(e.question, 2)) {
      ++silent;
      EXPECT_EQ(right.key, "exercise.forgot.no_error");
    } else {
      ++raised;
      EXPECT_EQ(right.key, "exercise.forgot.raises");
      EXPECT_NE(right.args[0].find("but got " + e.question.args[1] + " channels instead"),
                std::string::npos)
          << right.args[0];
    }
  }
  EXPECT_GT(silent, 10);
  EXPECT_GT(raised, 30);
}

TEST(Exercises, TheConv2dChoiceKeepsChannelsAsChannels) {
  const Exercise e = Make(10, 3);
  const std::string right = e.choices.at(static_cast<size_t>(e.expected_choice)).args[0];
  EXPECT_EQ(right, "nn.Conv2d(" + e.question.args[0] + ", " + e.question.args[1] + ", (1, " +
                       e.question.args[2] + "))");
  EXPECT_EQ(e.choices.size(), 4u);
}

TEST(Exercises, TheCheckerReadsWhatStudentsType) {
  Exercise shape;
  shape.answer_kind = AnswerKind::kShape;
  shape.expected = {6, 8, 4};
  for (const char* typed : {"6, 8, 4", "[6, 8, 4]", "6 8 4", "(6,8,4)", "6×8×4", "6，8，4"})
    EXPECT_TRUE(CheckAnswer(shape, typed).correct) << typed;
  EXPECT_FALSE(CheckAnswer(shape, "6, 4, 8").correct);
  EXPECT_TRUE(CheckAnswer(shape, "6, 4, 8").understood);
  EXPECT_EQ(CheckAnswer(shape, "6, 8").feedback.key, "exercise.feedback.count");
  EXPECT_FALSE(CheckAnswer(shape, "six, 8, 4").understood);
  EXPECT_FALSE(CheckAnswer(shape, "").understood);
  EXPECT_FALSE(CheckAnswer(shape, "99999999999999999999").understood);  // no overflow
  Exercise positions = shape;
  positions.answer_kind = AnswerKind::kPositions;
  positions.expected = {2, 3};
  EXPECT_TRUE(CheckAnswer(positions, "3, 2").correct);
  Exercise number;
  number.answer_kind = AnswerKind::kNumber;
  number.expected_number = -3;
  for (const char* typed : {"-3", " -3.0 ",
                            "\xE2\x88\x92"
                            "3"})
    EXPECT_TRUE(CheckAnswer(number, typed).correct) << typed;
  EXPECT_FALSE(CheckAnswer(number, "3").correct);
  EXPECT_FALSE(CheckAnswer(number, "-3 apples").understood);
  EXPECT_FALSE(CheckAnswer(number, "nan").understood);
  const Verdict long_answer = CheckAnswer(number, "0." + std::string(5000, '7'));
  EXPECT_LE(long_answer.feedback.args.at(0).size(), 60u);  // never echo more than an excerpt
  EXPECT_FALSE(MakeExercise(0, 1));
  EXPECT_EQ(MakeExercise(11, 1).error().message, "there is no exercise for chapter 11");
}

TEST(Exercises, BothLanguagesHoldEveryTextWithItsPlaceholders) {
  for (const char* language : {"en", "zh"}) {
    I18n table;
    ASSERT_TRUE(
        table.LoadFile(std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/" + language + ".json"));
    for (int chapter = 1; chapter <= kExerciseChapters; ++chapter) {
      for (uint64_t seed = 0; seed < 30; ++seed) {
        const Exercise e = Make(chapter, seed);
        std::vector<ExerciseText> texts = e.solution;
        texts.push_back(e.question);
        texts.insert(texts.end(), e.choices.begin(), e.choices.end());
        texts.push_back(CheckAnswer(e, Canonical(e)).feedback);
        texts.push_back(CheckAnswer(e, "?").feedback);
        for (const ExerciseText& text : texts) {
          const char* pattern = table.Find(text.key);
          ASSERT_NE(pattern, nullptr) << language << " lacks " << text.key;
          for (size_t i = 0; i < text.args.size(); ++i)
            EXPECT_NE(std::string(pattern).find("{" + std::to_string(i) + "}"), std::string::npos)
                << language << " " << text.key << " never shows {" << i << "}";
        }
      }
    }
  }
}

}  // namespace
}  // namespace convstep::gui

// --- In the app: the lesson's "Try it", the scores and the teacher's switch ---------------

namespace convstep::gui {
namespace {

TEST(ExercisesInTheApp, TheLessonDrawsTheChaptersExerciseAndPlaysItsSolution) {
  AppState app;
  testing::InitApp(app);
  testing::HeadlessUi ui;
  OpenChapter(app, 3);  // chapter 4: one dot product
  ui.Frame(app);
  ASSERT_TRUE(app.teach.exercise.current);
  const Exercise exercise = *app.teach.exercise.current;
  EXPECT_EQ(exercise.chapter, 4);
  EXPECT_EQ(exercise.answer_kind, AnswerKind::kNumber);
  // A right answer counts, and the worked solution appears one line at a time.
  EXPECT_TRUE(SubmitAnswer(app, Canonical(exercise)).correct);
  EXPECT_EQ(app.teach.exercise.scores[4].tries, 1);
  EXPECT_EQ(app.teach.exercise.scores[4].right, 1);
  EXPECT_EQ(app.teach.exercise.solution_shown, 1u);
  ui.Frame(app, kSolutionLineSeconds + 0.1f);
  EXPECT_EQ(app.teach.exercise.solution_shown, 2u);
  // Answering the same variant again does not count twice; a new variant does.
  SubmitAnswer(app, Canonical(exercise));
  EXPECT_EQ(app.teach.exercise.scores[4].tries, 1);
  NextExercise(app, 4);
  EXPECT_EQ(app.teach.exercise.solution_shown, 0u);
  const Exercise next = *app.teach.exercise.current;
  EXPECT_NE(next.seed, exercise.seed);
  SubmitAnswer(app, std::to_string(static_cast<int64_t>(next.expected_number) + 1));
  EXPECT_EQ(app.teach.exercise.scores[4].tries, 2);
  EXPECT_EQ(app.teach.exercise.scores[4].right, 1);
  // Text the checker cannot read only says what to type.
  SubmitAnswer(app, "about five");
  EXPECT_EQ(app.teach.exercise.scores[4].tries, 2);
  ASSERT_TRUE(app.teach.exercise.unreadable);
  EXPECT_EQ(app.teach.exercise.unreadable->key, "exercise.feedback.unreadable_number");
  ShowWholeSolution(app);
  EXPECT_EQ(app.teach.exercise.solution_shown, next.solution.size());
  ui.Frame(app);
  // Another chapter gets its own exercise.
  OpenChapter(app, 8);
  ui.Frame(app);
  EXPECT_EQ(app.teach.exercise.current->chapter, 9);
  EXPECT_EQ(app.teach.exercise.current->answer_kind, AnswerKind::kChoice);
}

TEST(ExercisesInTheApp, ATeacherTurnsThemOffAndTheSettingsKeepTheScores) {
  AppState app;
  testing::InitApp(app);
  testing::HeadlessUi ui;
  SetExercisesEnabled(app, false);
  OpenChapter(app, 3);
  ui.Frame(app);
  EXPECT_FALSE(app.teach.exercise.current);  // nothing drawn, nothing made
  app.teach.exercise.scores[4] = {3, 2};
  const nlohmann::json settings = SettingsToJson(app);
  EXPECT_EQ(
      settings["exercises"],
      nlohmann::json::parse(R"({"enabled": false, "scores": {"4": {"tries": 3, "right": 2}}})"));
  AppState fresh;
  testing::InitApp(fresh);
  ASSERT_TRUE(ApplySettingsJson(fresh, settings));
  EXPECT_FALSE(fresh.teach.exercise.enabled);
  EXPECT_EQ(fresh.teach.exercise.scores[4].right, 2);
  // A broken record is named and changes nothing.
  nlohmann::json broken = settings;
  broken["exercises"]["scores"]["12"] = {{"tries", 1}, {"right", 0}};
  broken["text_scale"] = 2.0;
  const auto applied = ApplySettingsJson(fresh, broken);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().parameter, "settings.exercises.scores.12");
  EXPECT_EQ(fresh.view.text_scale, 1.f);
  broken["exercises"]["scores"] = {{"3", {{"tries", 1}, {"right", 2}}}};
  EXPECT_FALSE(ApplySettingsJson(fresh, broken));
}

}  // namespace
}  // namespace convstep::gui
