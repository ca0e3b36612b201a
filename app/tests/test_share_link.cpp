// Share links: ShareFragment writes the screen, ApplyShareFragment brings the same screen back
// (layer, shapes, values, step, granularity, view, chapter, language); broken links give one
// clear line naming the value and land on the seed example; random fragments never crash.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "state/language.h"
#include "state/lesson.h"
#include "state/share_link.h"
#include "support/headless_ui.h"
#include "ui/menus/file_menu.h"

namespace convstep::gui {
namespace {

// What a link must bring back.
struct Screen {
  Conv1dSpec spec;
  int64_t batch = 0, length = 0;
  InputLayout layout = InputLayout::kNLC;
  ValuesFrom values = ValuesFrom::kGenerated;
  ValueSource source = ValueSource::kTorchRandn;
  uint64_t seed = 0;
  FloatBuffer input, weight, output;
  int64_t step = 0;
  Granularity granularity = Granularity::kTap;
  MainView view = MainView::kSteps;
  int chapter = -1;
  bool off_script = false;
  std::string language;
};

Screen ScreenOf(const AppState& app) {
  const Session& s = *app.session;
  return Screen{s.recipe.spec,      s.recipe.batch,           s.recipe.length,
                s.recipe.layout,    s.recipe.values,          s.recipe.source,
                s.recipe.seed,      s.input_given.data,       s.problem.weight.data,
                s.output.data,      app.timeline.step,        app.timeline.granularity,
                app.view.show.view, app.teach.lesson.current, OffScript(app),
                app.teach.language};
}

void ExpectSameScreen(Screen a, Screen b, const std::string& link) {
  for (Conv1dSpec* spec : {&a.spec, &b.spec})  // a number kept beside 'same' is not drawn
    if (spec->padding_kind != PaddingKind::kExplicit) spec->padding = 0;
  EXPECT_TRUE(a.spec == b.spec) << link;
  EXPECT_EQ(a.batch, b.batch) << link;
  EXPECT_EQ(a.length, b.length) << link;
  EXPECT_EQ(a.layout, b.layout) << link;
  EXPECT_EQ(a.values, b.values) << link;
  EXPECT_EQ(a.source, b.source) << link;
  EXPECT_EQ(a.seed, b.seed) << link;
  EXPECT_EQ(a.input, b.input) << link;  // bit for bit: the same numbers come back
  EXPECT_EQ(a.weight, b.weight) << link;
  EXPECT_EQ(a.output, b.output) << link;
  EXPECT_EQ(a.step, b.step) << link;
  EXPECT_EQ(a.granularity, b.granularity) << link;
  EXPECT_EQ(a.view, b.view) << link;
  EXPECT_EQ(a.chapter, b.chapter) << link;
  EXPECT_EQ(a.off_script, b.off_script) << link;
  EXPECT_EQ(a.language, b.language) << link;
}

// An app with a CJK font assumed (Chinese is a table switch here; fonts are tested elsewhere).
void InitLinkApp(AppState& app) {
  testing::InitApp(app);
  app.teach.cjk_font_found = true;
}

// Opens `from`'s link in a fresh app and checks the screen comes back; returns the link.
std::string ExpectRoundTrip(const AppState& from) {
  const std::string link = ShareFragment(from);
  AppState to;
  InitLinkApp(to);
  auto applied = ApplyShareFragment(to, "#" + link);
  EXPECT_TRUE(applied) << link << ": " << (applied ? "" : applied.error().OneLine());
  ExpectSameScreen(ScreenOf(from), ScreenOf(to), link);
  EXPECT_EQ(ShareFragment(to), link);  // and writes the same link again
  return link;
}

bool ShowsSeedExample(const AppState& app) {
  const Recipe& r = app.session->recipe;
  const Recipe seed;
  return r.spec == seed.spec && r.batch == 6 && r.length == 5 &&
         r.values == ValuesFrom::kGenerated && r.source == ValueSource::kTorchRandn &&
         r.seed == 0 && app.timeline.step == 0 && app.teach.lesson.current == -1;
}

TEST(ShareLink, TheSeedExampleWritesItsLayerShapeSeedStepAndLanguage) {
  AppState app;
  InitLinkApp(app);
  EXPECT_EQ(ShareFragment(app), "conv=3,8,2&bias=0&shape=6,5&seed=0&step=0&gran=tap&lang=en");
  SeekStep(app, 34);
  EXPECT_EQ(ExpectRoundTrip(app), "conv=3,8,2&bias=0&shape=6,5&seed=0&step=34&gran=tap&lang=en");
}

TEST(ShareLink, TheIssuesExampleOpensChapterFourInChineseOnItsScript) {
  AppState app;
  InitLinkApp(app);
  auto applied = ApplyShareFragment(app, "#conv=3,8,2&bias=0&seed=0&step=34&lesson=4&lang=zh");
  ASSERT_TRUE(applied) << applied.error().OneLine();
  EXPECT_EQ(app.teach.lesson.current, 3);
  EXPECT_FALSE(OffScript(app));  // the chapter's own session, not a copy of it
  EXPECT_EQ(app.timeline.step, 34);
  EXPECT_FALSE(app.timeline.playing);
  EXPECT_EQ(app.teach.language, "zh");
  EXPECT_EQ(app.view.show.side, SideTab::kLesson);
  EXPECT_EQ(app.timeline.granularity, Granularity::kTap);  // chapter 4's
}

TEST(ShareLink, AChapterAloneOpensWhereItPlaysTo) {
  AppState app;
  InitLinkApp(app);
  ASSERT_TRUE(ApplyShareFragment(app, "lesson=5&lang=zh"));
  EXPECT_EQ(app.teach.lesson.current, 4);
  EXPECT_FALSE(OffScript(app));
  EXPECT_EQ(app.timeline.granularity, Granularity::kWindow);  // chapter 5's
  EXPECT_EQ(app.timeline.step, 3);                            // the step it plays to
  EXPECT_FALSE(app.timeline.playing);
  EXPECT_EQ(app.teach.language, "zh");
  ASSERT_TRUE(ApplyShareFragment(app, "lesson=10"));
  EXPECT_EQ(app.view.show.view, MainView::kConv2d);  // chapter 10's view
  ASSERT_TRUE(ApplyShareFragment(app, "preset=05_groups&step=4"));
  EXPECT_EQ(app.teach.lesson.current, -1);  // no lesson= : no chapter
  EXPECT_EQ(app.session->recipe.spec.groups, 2);
  EXPECT_EQ(app.timeline.step, 4);
  EXPECT_EQ(app.view.show.view, MainView::kSteps);
}

TEST(ShareLink, ChaptersRoundTripOnAndOffTheirScript) {
  for (int chapter : {3, 4, 6, 9, 10}) {  // chapter 11 (index 10) has its own tensors
    AppState app;
    InitLinkApp(app);
    ASSERT_TRUE(OpenChapter(app, chapter, true));
    ASSERT_TRUE(SetLanguage(app, "zh"));
    SeekStep(app, StepCount(app) - 1);
    const std::string link = ExpectRoundTrip(app);
    EXPECT_NE(link.find("&lesson=" + std::to_string(chapter + 1)), std::string::npos) << link;
    EXPECT_NE(link.find("&lang=zh"), std::string::npos) << link;
  }
  AppState off;
  InitLinkApp(off);
  ASSERT_TRUE(OpenChapter(off, 4, true));
  Conv1dSpec spec = off.session->recipe.spec;
  spec.out_channels = 5;
  ASSERT_TRUE(SetSpec(off, spec, "out_channels"));
  ASSERT_TRUE(OffScript(off));
  ExpectRoundTrip(off);
}

TEST(ShareLink, EveryLayerArgumentRoundTrips) {
  AppState app;
  InitLinkApp(app);
  Conv1dSpec spec = app.session->recipe.spec;
  spec.in_channels = 4;
  spec.out_channels = 6;
  spec.kernel_size = 3;
  spec.stride = 2;
  spec.padding = 1;
  spec.dilation = 2;
  spec.groups = 2;
  spec.bias = true;
  spec.padding_mode = PaddingMode::kReflect;
  ASSERT_TRUE(SetSpec(app, spec, "groups"));
  ASSERT_TRUE(SetLength(app, 9));
  ASSERT_TRUE(SetLayout(app, InputLayout::kNCL));
  ASSERT_TRUE(SetValueSource(app, ValueSource::kSmallIntegers));
  ASSERT_TRUE(SetSeed(app, 7));
  SetGranularity(app, Granularity::kWindow);
  SeekStep(app, 5);
  EXPECT_EQ(ExpectRoundTrip(app),
            "conv=4,6,3&stride=2&pad=1&dil=2&groups=2&mode=reflect&shape=6,9&layout=ncl&"
            "values=small_integers&seed=7&step=5&gran=window&lang=en");
  spec.stride = 1;
  spec.padding_kind = PaddingKind::kSame;
  spec.padding_mode = PaddingMode::kCircular;
  ASSERT_TRUE(SetSpec(app, spec, "padding"));
  EXPECT_NE(ExpectRoundTrip(app).find("&pad=same&dil=2&groups=2&mode=circular"), std::string::npos);
  spec.padding_kind = PaddingKind::kValid;
  ASSERT_TRUE(SetSpec(app, spec, "padding"));
  EXPECT_NE(ExpectRoundTrip(app).find("&pad=valid"), std::string::npos);
}

TEST(ShareLink, TheLastStepOfEveryGranularityAndEveryViewRoundTrips) {
  AppState app;
  InitLinkApp(app);
  for (Granularity granularity :
       {Granularity::kTap, Granularity::kWindow, Granularity::kRow, Granularity::kBatch}) {
    SetGranularity(app, granularity);
    SeekStep(app, StepCount(app) - 1);
    const std::string link = ExpectRoundTrip(app);
    EXPECT_NE(link.find(std::string("gran=") + GranularityName(granularity)), std::string::npos);
  }
  for (MainView view : {MainView::kCode, MainView::kConv2d, MainView::kMatmul}) {
    app.view.show.view = view;
    ExpectRoundTrip(app);
  }
  app.view.show.view = MainView::kMatmul;  // the matrix-multiply view is named, not lost
  EXPECT_NE(ExpectRoundTrip(app).find("&view=matmul"), std::string::npos);
}

TEST(ShareLink, PresetsTheSeedDocumentAndChapterElevenBringTheirOwnTensors) {
  AppState app;
  InitLinkApp(app);
  for (size_t i = 0; i < app.presets.size(); ++i) {
    ASSERT_TRUE(OpenPreset(app, i));
    if (app.session->geometry.MacCount() > 10'000'000) continue;  // the large one: too slow here
    const std::string link = ExpectRoundTrip(app);
    if (app.session->recipe.values == ValuesFrom::kSpecFile) {
      EXPECT_NE(link.find("&preset=02_seed_document"), std::string::npos) << link;
    }
  }
  ASSERT_TRUE(UseSeedDocumentInput(app));
  EXPECT_NE(ExpectRoundTrip(app).find("&data=document&seed=0"), std::string::npos);
  ASSERT_TRUE(OpenChapter(app, 10, true));  // the aside: the post's printed input
  EXPECT_NE(ExpectRoundTrip(app).find("&data=lesson&step="), std::string::npos);
}

TEST(ShareLink, TypedValuesAreNotCarriedAndOpeningSuchALinkSaysSo) {
  AppState app;
  InitLinkApp(app);
  ASSERT_TRUE(SetSeed(app, 3));
  ASSERT_TRUE(SetSentences(app, {"the cat sat", "I love deep learning"}));
  const std::string link = ShareFragment(app);
  EXPECT_NE(link.find("shape=2,4&data=own&seed=3"), std::string::npos) << link;
  AppState to;
  InitLinkApp(to);
  ASSERT_TRUE(ApplyShareFragment(to, link));
  EXPECT_EQ(to.session->recipe.values, ValuesFrom::kGenerated);
  EXPECT_EQ(to.session->recipe.batch, 2);
  EXPECT_EQ(to.session->recipe.length, 4);
  EXPECT_EQ(to.session->recipe.seed, 3u);
  EXPECT_NE(to.notice.find("shapes and the seed only"), std::string::npos) << to.notice;
  EXPECT_NE(to.notice.find("seed 3"), std::string::npos) << to.notice;
}

TEST(ShareLink, PercentEscapesAreDecodedAndAnEmptyFragmentChangesNothing) {
  AppState app;
  InitLinkApp(app);
  SeekStep(app, 9);
  ASSERT_TRUE(ApplyShareFragment(app, "#"));
  ASSERT_TRUE(ApplyShareFragment(app, ""));
  EXPECT_EQ(app.timeline.step, 9);
  auto applied = ApplyShareFragment(app, "conv=3%2C8%2c2&shape=2,7&step=3");
  ASSERT_TRUE(applied) << applied.error().OneLine();
  EXPECT_EQ(app.session->recipe.spec.out_channels, 8);
  EXPECT_TRUE(app.session->recipe.spec.bias);
  EXPECT_EQ(app.session->recipe.length, 7);
  EXPECT_EQ(app.timeline.step, 3);
}

// Each broken link: its one-line error names the value and what is right; the seed example
// is shown, with the error in the notice.
TEST(ShareLink, BrokenLinksExplainThemselvesAndOpenTheSeedExample) {
  const std::string big(1200, 'x');
  struct Case {
    std::string link;
    std::vector<std::string> says;
  };
  const std::vector<Case> cases = {
      {"conv=3,8,2&colour=red", {"unknown key 'colour'", "the keys are conv"}},
      {"conv=3,8,x", {"conv=3,8,x is not 3 whole numbers", "conv=3,8,2"}},
      {"conv=3,8", {"conv=3,8 is not 3 whole numbers"}},
      {"conv=3,8,2,", {"conv=3,8,2, is not"}},
      {"conv=3,8,2&step=5000", {"step=5000 is past the end", "1152 steps", "0 to 1151"}},
      {"conv=3,8,2&gran=row&step=48", {"step=48", "48 steps at granularity row", "0 to 47"}},
      {"conv=3,8,2&step=-1", {"step=-1 is not a whole number"}},
      {"conv=3,8,2&stride=0", {"non-positive stride is not supported", "(stride)"}},
      {"conv=3,8,2&pad=-1", {"negative padding is not supported"}},
      {"conv=3,8,2&groups=2", {"in_channels must be divisible by groups"}},
      {"conv=3,8,2&shape=100000,100000", {"over the", "budget"}},
      {"conv=1024,1024,16&shape=1,20000", {"multiply-adds", "smaller N or L"}},
      {"conv=3,8,2&conv=3,8,2", {"conv= twice", "each key once"}},
      {"conv=3,8,2&&step=1", {"part '' is not key=value"}},
      {"conv=3,8,2&step", {"part 'step' is not key=value"}},
      {"conv=3%2G8,2", {"broken percent-escape", "%2C is a comma"}},
      {"conv=3,8,2%", {"broken percent-escape"}},
      {"conv=3,8,2%00", {"is not 3 whole numbers"}},
      {"conv=99999999999999999999,8,2", {"is not 3 whole numbers"}},
      {"conv=3,8,2&stride=99999999999999999999", {"is not a whole number (up to 18 digits)"}},
      {"conv=3,8,2&seed=18446744073709551616", {"seed=18446744073709551616", "manual_seed"}},
      {"conv=3,8,2&mode=mirror", {"mode=mirror is not one of zeros, reflect", "mode=circular"}},
      {"conv=3,8,2&values=gauss", {"values=gauss is not one of randn"}},
      {"conv=3,8,2&lang=fr", {"lang=fr is not one of en, zh"}},
      {"lesson=99", {"lesson=99 names no chapter: there are 11", "1 to 11"}},
      {"lesson=0", {"lesson=0 names no chapter"}},
      {"step=3", {"names no layer", "conv=C,O,K"}},
      {"lesson=4&seed=2", {"seed=2 needs conv= too"}},
      {"conv=3,8,2&data=lesson", {"data=lesson needs lesson= too"}},
      {"conv=4,8,2&data=lesson&lesson=4",
       {"lesson=4 holds nn.Conv1d(3, 8, 2, bias=False) on [6, 5, 3]",
        "the link says nn.Conv1d(4, 8, 2) on [6, 5, 4]"}},
      {"conv=3,8,2&preset=nope", {"preset=nope is not one of 01_seed_example"}},
      {"conv=3,8,2&preset=02_seed_document&seed=4", {"preset= and seed= cannot both be given"}},
      {"preset=02_seed_document&seed=4", {"seed=4 needs conv= too"}},
      {"conv=3,8,2&data=typed", {"data=typed is not one of document, lesson, own"}},
      {"conv=3,8,2&data=document&shape=2,5", {"data=document holds", "the link says"}},
      {big, {"1200 characters, more than 1000"}},
  };
  AppState app;
  InitLinkApp(app);
  for (const Case& c : cases) {
    ASSERT_TRUE(ApplyShareFragment(app, "conv=4,6,3&shape=2,9&step=7&lesson=5&lang=zh"));
    ASSERT_TRUE(SetLanguage(app, "en"));
    auto applied = ApplyShareFragment(app, "#" + c.link);
    ASSERT_FALSE(applied) << c.link;
    const std::string line = applied.error().OneLine();
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    for (const std::string& part : c.says) EXPECT_NE(line.find(part), std::string::npos) << line;
    EXPECT_TRUE(ShowsSeedExample(app)) << c.link;
    EXPECT_EQ(app.notice, line) << c.link;
  }
}

TEST(ShareLink, TheErrorSpeaksTheUisLanguage) {
  AppState app;
  InitLinkApp(app);
  ASSERT_TRUE(SetLanguage(app, "zh"));
  ASSERT_FALSE(ApplyShareFragment(app, "conv=3,8,2&step=5000"));
  EXPECT_NE(app.notice.find("step=5000"), std::string::npos) << app.notice;
  EXPECT_NE(app.notice.find("超出了末尾"), std::string::npos) << app.notice;
  EXPECT_EQ(app.teach.language, "zh");  // a bad link changes the screen, not the language
}

// Random fragments, from pieces of real links and random bytes, never crash or hang: each
// either opens or leaves the seed example with a one-line notice.
TEST(ShareLink, RandomAndBrokenFragmentsNeverCrash) {
  const std::vector<std::string> keys = {
      "conv",   "stride", "pad",  "dil",  "groups", "mode", "bias",   "shape", "layout", "data",
      "preset", "values", "seed", "step", "gran",   "view", "lesson", "lang",  "",       "x"};
  const std::vector<std::string> values = {
      "3,8,2",    "1",        "0",   "2",          "-1",    "same", "valid",
      "reflect",  "circular", "ncl", "own",        "6,5",   "1,3",  "lesson",
      "document", "arange",   "zh",  "window",     "batch", "4",    "11",
      "%2C",      "%",        "",    "9999999999", "1,1,1", "code", "02_seed_document",
      "3,3,3",    "2,40",     "=",   "&"};
  std::mt19937 random(12345);
  const auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
  };
  AppState app;
  InitLinkApp(app);
  int opened = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string fragment = i % 2 ? "#" : "";
    const int pairs = std::uniform_int_distribution<int>(0, 6)(random);
    for (int p = 0; p < pairs; ++p) {
      if (p) fragment += "&";
      fragment += pick(keys) + "=" + pick(values);
    }
    if (i % 5 == 0) {  // a few random bytes somewhere
      const int at =
          std::uniform_int_distribution<int>(0, static_cast<int>(fragment.size()))(random);
      fragment.insert(static_cast<size_t>(at), 1,
                      static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random)));
    }
    auto applied = ApplyShareFragment(app, fragment);
    ASSERT_TRUE(app.session) << fragment;
    if (applied) {
      ++opened;
      EXPECT_LT(app.timeline.step, std::max<int64_t>(StepCount(app), 1)) << fragment;
    } else {
      EXPECT_TRUE(ShowsSeedExample(app)) << fragment;
      EXPECT_FALSE(app.notice.empty()) << fragment;
      EXPECT_EQ(app.notice.find('\n'), std::string::npos) << app.notice;
    }
  }
  EXPECT_GT(opened, 20);  // the pieces make valid links too, so both paths run
}

TEST(ShareLink, CopyLinkPutsTheFragmentOnTheClipboard) {
  AppState app;
  InitLinkApp(app);
  testing::HeadlessUi ui;
  SeekStep(app, 12);
  CopyShareLink(app);
  const std::string copied = ImGui::GetClipboardText();
  EXPECT_EQ(copied, "#" + ShareFragment(app));  // the desktop has no page address
  EXPECT_NE(app.notice.find(copied), std::string::npos) << app.notice;
  AppState to;
  InitLinkApp(to);
  ASSERT_TRUE(ApplyShareFragment(to, copied));
  EXPECT_EQ(to.timeline.step, 12);
}

}  // namespace
}  // namespace convstep::gui
