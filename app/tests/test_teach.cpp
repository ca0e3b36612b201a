// The teaching features: the lesson plays chapter 1 to 10 in both languages, the
// code view's text, torch's printed form, typed sentences, Conv1d beside Conv2d, the layout of
// the tabs and views. Languages and fonts: test_language.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include <imgui_internal.h>

#include "convstep/sentences.h"
#include "model/code_view.h"
#include "model/sentences_input.h"
#include "state/language.h"
#include "state/lesson.h"
#include "support/headless_ui.h"
#include "ui/fonts.h"
#include "ui/keys.h"
#include "ui/panels/code_panel.h"
#include "ui/panels/conv2d_panel.h"
#include "ui/panels/panel_registry.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

// --- The lesson ---------------------------------------------------------------------------

TEST(Lesson, TenChaptersLoadAndEveryTextExistsInBothLanguages) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(app.teach.lesson.load_error.empty()) << app.teach.lesson.load_error;
  ASSERT_EQ(app.teach.lesson.chapters.size(), 11u);  // ten chapters and the aside
  for (const char* language : {"en", "zh"}) {
    I18n table;
    ASSERT_TRUE(table.LoadFile(std::string(CONVSTEP_ASSETS_DIR) + "/i18n/" + language + ".json"));
    for (const Chapter& chapter : app.teach.lesson.chapters) {
      EXPECT_NE(table.Find(chapter.title_key), nullptr) << language << " " << chapter.title_key;
      EXPECT_NE(table.Find(chapter.text_key), nullptr) << language << " " << chapter.text_key;
    }
  }
}

TEST(Lesson, BrokenChaptersAreRefusedWithTheKeyAtFault) {
  auto missing = ChapterFromJson(nlohmann::json::parse(R"({"id": 3, "granularity": "tap"})"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("chapter 3"), std::string::npos);
  auto granularity = ChapterFromJson(nlohmann::json::parse(
      R"({"id": 1, "granularity": "pixel", "session": {"input_shape": [1, 3, 5],
          "conv": {"in_channels": 3, "out_channels": 1, "kernel_size": 2}}})"));
  ASSERT_FALSE(granularity);
  EXPECT_NE(granularity.error().message.find("pixel"), std::string::npos);
  EXPECT_FALSE(LoadChapters("/no/such/chapters.json"));
}

// Each chapter sets up what its narration talks about.
void ExpectChapterState(const AppState& app, int index) {
  const Geometry& g = app.session->geometry;
  const PanelVisibility& show = app.view.show;
  EXPECT_EQ(show.side, SideTab::kLesson);
  switch (index + 1) {
    case 1:
      EXPECT_EQ(app.session->input_given.shape, (Shape{6, 5, 3}));
      break;
    case 2:
      EXPECT_TRUE(app.permute.playing || app.permute.progress >= 1.f);
      EXPECT_EQ(app.session->problem.input.shape, (Shape{6, 3, 5}));
      break;
    case 3:
      EXPECT_EQ(app.session->problem.weight.shape, (Shape{8, 3, 2}));
      break;
    case 4:
      EXPECT_EQ(app.timeline.granularity, Granularity::kTap);
      break;
    case 5:
      EXPECT_EQ(app.timeline.granularity, Granularity::kWindow);
      EXPECT_EQ(g.out_length, 4);
      break;
    case 6:
      EXPECT_EQ(app.session->output.shape, (Shape{6, 8, 4}));
      break;
    case 7:
      EXPECT_EQ(g.stride, 2);
      EXPECT_EQ(g.dilation, 2);
      EXPECT_EQ(g.out_length, 3);
      break;
    case 8:
      EXPECT_EQ(g.groups, 3);
      break;
    case 9:
      EXPECT_TRUE(app.show_forgot_permute);
      break;
    case 10:
      EXPECT_EQ(show.view, MainView::kConv2d);
      break;
    case 11:  // the aside: the blog post's own kernel, fitted to its printed output
      EXPECT_EQ(app.session->recipe.values, ValuesFrom::kSpecFile);
      EXPECT_EQ(app.session->output.shape, (Shape{6, 8, 4}));
      break;
  }
  if (index + 1 != 10) EXPECT_EQ(show.view, MainView::kSteps);
}

TEST(Lesson, PlaysEveryChapterAndTheAsideInBothLanguages) {
  for (const char* language : {"en", "zh"}) {
    SCOPED_TRACE(language);
    AppState app;
    testing::InitApp(app);
    ASSERT_TRUE(SetLanguage(app, language)) << app.notice;
    HeadlessUi ui(ImVec2(1280.f, 720.f));
    ASSERT_TRUE(OpenChapter(app, 0));
    const int count = static_cast<int>(app.teach.lesson.chapters.size());
    for (int chapter = 0; chapter < count; ++chapter) {
      SCOPED_TRACE(chapter + 1);
      EXPECT_EQ(app.teach.lesson.current, chapter);
      ExpectChapterState(app, chapter);
      for (int frame = 0; frame < 20; ++frame) EXPECT_GT(ui.Frame(app, 0.05f), 1000);
      EXPECT_FALSE(OffScript(app));
      // The lesson panel shows this chapter's title, in this language.
      ImGuiWindow* lesson = ImGui::FindWindowByName(Label(app.i18n, "tab.lesson").c_str());
      ASSERT_NE(lesson, nullptr);
      EXPECT_TRUE(lesson->WasActive);
      // Next chapter: the PageDown key (a presentation clicker) turns the page.
      if (chapter < count - 1) {
        QueueLessonKey(app, 267);
        ui.Frame(app);
      }
    }
    EXPECT_EQ(app.teach.lesson.current, count - 1);
    QueueLessonKey(app, 267);  // nothing after the last chapter
    ui.Frame(app);
    EXPECT_EQ(app.teach.lesson.current, count - 1);
    QueueLessonKey(app, 266);
    QueueLessonKey(app, 266);  // two presses within one frame: two chapters back
    ui.Frame(app);
    EXPECT_EQ(app.teach.lesson.current, count - 3);
  }
}

TEST(Lesson, ChapterFourPlaysTheSixProductsThenPauses) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ASSERT_TRUE(OpenChapter(app, 3));
  EXPECT_TRUE(app.timeline.playing);
  for (int frame = 0; frame < 120 && app.timeline.playing; ++frame) ui.Frame(app, 0.1f);
  EXPECT_FALSE(app.timeline.playing);
  EXPECT_EQ(app.timeline.step, 5);  // the 6th multiply: the first output value is complete
  const auto step = CurrentStepState(app);
  ASSERT_TRUE(step);
  EXPECT_TRUE(step->window_complete);
  // A screenshot shows that end state at once.
  ASSERT_TRUE(OpenChapter(app, 3, /*still=*/true));
  EXPECT_FALSE(app.timeline.playing);
  EXPECT_EQ(app.timeline.step, 5);
}

TEST(Lesson, TheStudentCanLeaveTheScriptAndComeBack) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ASSERT_TRUE(OpenChapter(app, 4));
  EXPECT_FALSE(OffScript(app));
  StepBy(app, 1);  // moving along the timeline is still the lesson
  EXPECT_FALSE(OffScript(app));
  Conv1dSpec spec = app.draft.spec;
  spec.kernel_size = 3;
  ASSERT_TRUE(SetSpec(app, spec, "kernel_size"));
  EXPECT_TRUE(OffScript(app));
  ui.Frame(app);
  EXPECT_FALSE(app.teach.lesson.pause_at);                  // the chapter's pause no longer applies
  EXPECT_EQ(app.teach.lesson.current, 4);                   // the lesson waits
  ASSERT_TRUE(OpenChapter(app, app.teach.lesson.current));  // "Back to the lesson"
  EXPECT_FALSE(OffScript(app));
  EXPECT_EQ(app.session->geometry.kernel_size, 2);
  EXPECT_FALSE(OpenChapter(app, static_cast<int>(app.teach.lesson.chapters.size())));
  EXPECT_FALSE(OpenChapter(app, -1));
}

TEST(Lesson, FocusNamesAPanel) {
  const Layout layout = ComputeLayout(ImVec2(1600, 900), 22.f, 18.f, PanelVisibility{});
  for (const char* focus :
       {"input", "permute", "kernel", "dot_product", "sliding_window", "output", "formula"}) {
    const PanelRect* rect = FocusRect(layout, focus);
    ASSERT_NE(rect, nullptr) << focus;
    EXPECT_TRUE(rect->visible) << focus;
  }
  EXPECT_EQ(FocusRect(layout, "forgot_permute"), nullptr);
}

// --- Layout with tabs and views -----------------------------------------------------------

TEST(TeachLayout, CodeAndConv2dViewsFillTheAreaUnderTheStrip) {
  for (const ImVec2 display : {ImVec2(1280, 720), ImVec2(1600, 900)}) {
    PanelVisibility show;
    show.view = MainView::kCode;
    show.side = SideTab::kLesson;
    const Layout layout = ComputeLayout(display, 22.f, 18.f, show);
    EXPECT_TRUE(layout.code.visible);
    EXPECT_FALSE(layout.conv2d.visible);
    EXPECT_FALSE(layout.input.visible);
    EXPECT_FALSE(layout.parameters.visible);
    EXPECT_TRUE(layout.lesson.visible);
    EXPECT_FLOAT_EQ(layout.code.pos.y, layout.formula.pos.y + layout.formula.size.y);
    EXPECT_NEAR(layout.code.pos.y + layout.code.size.y, layout.timeline.pos.y, 1.f);
    EXPECT_NEAR(layout.code.pos.x + layout.code.size.x, display.x, 1.f);
    EXPECT_FLOAT_EQ(layout.side_tabs.pos.y, 22.f);
    EXPECT_FLOAT_EQ(layout.view_tabs.pos.y, 22.f);
    EXPECT_FLOAT_EQ(layout.lesson.pos.y, layout.side_tabs.pos.y + layout.side_tabs.size.y);
  }
}

TEST(TeachLayout, TabsSwitchTheSideColumnAndTheView) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1280.f, 720.f));
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  EXPECT_EQ(app.view.show.side, SideTab::kParameters);
  for (SideTab side : {SideTab::kLesson, SideTab::kSentences, SideTab::kParameters}) {
    app.view.show.side = side;
    for (int i = 0; i < 3; ++i) ui.Frame(app);
    EXPECT_EQ(app.view.show.side, side);  // a change made in code sticks
  }
  for (MainView view : {MainView::kCode, MainView::kConv2d, MainView::kMatmul, MainView::kSteps}) {
    app.view.show.view = view;
    for (int i = 0; i < 3; ++i) EXPECT_GT(ui.Frame(app), 500);
    EXPECT_EQ(app.view.show.view, view);
  }
}

// --- Code view ------------------------------------------------------------------------------

TEST(CodeView, TheSeedExampleIsTheSeedDocumentsProgram) {
  AppState app;
  testing::InitApp(app);
  CodeSpec expected;
  expected.spec = SeedSpec();
  expected.layout = InputLayout::kNLC;
  expected.values = ValueSource::kTorchRandn;
  expected.seed = 0;
  expected.input_shape = {6, 5, 3};
  const std::string& text = CodePanelText(app);
  // The Conv1d's program, then the same layer as a Conv2d and as one matrix multiply.
  EXPECT_EQ(text, PythonCode(expected) + EquivalentFormsPython(*app.session));
  EXPECT_NE(text.find("nn.Conv2d(3, 8, (1, 2), bias=False)"), std::string::npos);
  EXPECT_NE(text.find("y_matmul = W @ cols"), std::string::npos);
  EXPECT_NE(text.find("torch.manual_seed(0)"), std::string::npos);
  EXPECT_NE(text.find("x = torch.randn(6, 5, 3)"), std::string::npos);
  EXPECT_NE(text.find("x.permute(0, 2, 1)"), std::string::npos);
  EXPECT_NE(text.find("nn.Conv1d(3, 8, 2, bias=False)"), std::string::npos);
  EXPECT_EQ(text.find("torch.tensor("), std::string::npos);  // nothing written out
}

TEST(CodeView, TheTextFollowsEveryKindOfState) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  app.view.show.view = MainView::kCode;
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  EXPECT_EQ(CodePanelText(app),
            PythonCode(CodeSpecFor(*app.session)) + EquivalentFormsPython(*app.session));
  // Edits: the code is remade for the new session.
  Conv1dSpec spec = app.draft.spec;
  spec.stride = 2;
  spec.padding = 1;
  spec.bias = true;
  ASSERT_TRUE(SetSpec(app, spec, "stride"));
  ui.Frame(app);
  EXPECT_NE(CodePanelText(app).find("stride=2, padding=1"), std::string::npos);
  EXPECT_EQ(CodePanelText(app),
            PythonCode(CodeSpecFor(*app.session)) + EquivalentFormsPython(*app.session));
  // The seed document's printed input: written out, after the draw the weights follow.
  ASSERT_TRUE(UseSeedDocumentInput(app));
  const CodeSpec document = CodeSpecFor(*app.session);
  ASSERT_TRUE(document.input);
  EXPECT_TRUE(document.input_drawn);
  EXPECT_FALSE(document.weight);
  EXPECT_NE(CodePanelText(app).find("-1.5697"), std::string::npos);
  // Typed values (a changed input cell): that tensor becomes a literal.
  Recipe typed = app.session->recipe;
  typed.values = ValuesFrom::kSpecFile;
  typed.fixed_input = app.session->input_given;
  typed.fixed_input->data[0] = 42.f;
  typed.fixed_weight = app.session->problem.weight;
  typed.fixed_bias = app.session->problem.bias;
  ASSERT_TRUE(ApplyRecipe(app, typed, "values"));
  const CodeSpec edited = CodeSpecFor(*app.session);
  ASSERT_TRUE(edited.input);
  EXPECT_FLOAT_EQ(edited.input->data[0], 42.f);
  EXPECT_FALSE(edited.weight);  // still what randn's init gives
  EXPECT_NE(CodePanelText(app).find("42.0"), std::string::npos);
  ui.Frame(app);
}

TEST(CodeView, TorchPrintMatchesPyTorch) {
  AppState app;
  testing::InitApp(app);
  // print(conv.weight) of nn.Conv1d(3, 8, 2, bias=False) after torch.manual_seed(0) and
  // torch.randn(6, 5, 3), from PyTorch 1.13 (first two kernels of the eight).
  const std::string weight = TorchPrint(*app.session, PrintedTensor::kWeight, 0);
  EXPECT_EQ(weight.rfind("Parameter containing:\ntensor([[[-0.3074, -0.3149],\n"
                         "         [-0.0225,  0.0613],\n         [-0.1672,  0.2422]],\n\n"
                         "        [[-0.2484,  0.3704],",
                         0),
            0u)
      << weight;
  EXPECT_NE(weight.find("[-0.0828,  0.2239]]], requires_grad=True)"), std::string::npos);
  const std::string item = TorchPrint(*app.session, PrintedTensor::kOutputItem, 0);
  EXPECT_EQ(item.rfind("tensor([[ 0.7702,  0.0465,  0.5848,  0.6377],\n", 0), 0u) << item;
  EXPECT_NE(item.find("[ 0.6877,  0.6063,  1.1892, -0.1168]], grad_fn=<SelectBackward0>)"),
            std::string::npos)
      << item;
  // A suffix that does not fit goes on its own line, as torch puts it.
  EXPECT_EQ(AddTorchSuffix("tensor([[[-0.1969, -0.5874,  0.8011, -0.5204],\n"
                           "         [-0.2129, -0.5226, -0.8051,  0.2318]]]",
                           "grad_fn=<ConvolutionBackward0>"),
            "tensor([[[-0.1969, -0.5874,  0.8011, -0.5204],\n"
            "         [-0.2129, -0.5226, -0.8051,  0.2318]]],\n"
            "       grad_fn=<ConvolutionBackward0>)");
  EXPECT_EQ(AddTorchSuffix("tensor([-0.1855,  0.1538]", "requires_grad=True"),
            "tensor([-0.1855,  0.1538], requires_grad=True)");
  EXPECT_EQ(TorchPrint(*app.session, PrintedTensor::kBias, 0), "");  // bias=False
  EXPECT_EQ(PrintedExpression(*app.session, PrintedTensor::kInputPermuted, 0),
            "x.permute(0, 2, 1)");
}

// --- Sentences ------------------------------------------------------------------------------

TEST(Sentences, SplitIntoOnePerLine) {
  EXPECT_EQ(SplitSentences("  The cat  \n\n我爱你\r\n"),
            (std::vector<std::string>{"The cat", "我爱你"}));
  EXPECT_TRUE(SplitSentences(" \n ").empty());
  EXPECT_EQ(ShortLabel("convolution", 4), "conv…");
  EXPECT_EQ(ShortLabel("深度学习", 2), "深度…");
  EXPECT_EQ(ShortLabel("cat", 4), "cat");
}

TEST(Sentences, BecomeTheBatchWithPadTokensAndSeededVectors) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(SetSentences(app, {"The cat sat on the mat", "A dog", "我爱深度学习"}))
      << (app.edit_error ? app.edit_error->error.OneLine() : "");
  const Session& session = *app.session;
  EXPECT_EQ(session.input_given.shape, (Shape{3, 6, 3}));
  EXPECT_EQ(session.recipe.layout, InputLayout::kNLC);
  EXPECT_EQ(TokenAt(session, 0, 1), "cat");
  EXPECT_EQ(TokenAt(session, 1, 2), kPadToken);
  EXPECT_EQ(TokenAt(session, 2, 0), "我");
  EXPECT_EQ(TokenAt(session, 9, 0), "");
  for (int64_t c = 0; c < 3; ++c) EXPECT_EQ(session.input_given.at(1, 4, c), 0.f);  // <pad>
  for (int64_t c = 0; c < 3; ++c)  // "the" twice: the same vector
    EXPECT_EQ(session.input_given.at(0, 0, c), session.input_given.at(0, 4, c));
  char label[48];
  ASSERT_TRUE(TokenLabel(session, 1, 2, label, sizeof label));
  EXPECT_STREQ(label, "<pad>");
  // N and L follow the sentences: editing them is refused with the reason.
  EXPECT_FALSE(SetBatch(app, 4));
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.edit_error->control, "batch");
  RevertDraft(app);
  EXPECT_FALSE(SetLayout(app, InputLayout::kNCL));
  EXPECT_EQ(app.edit_error->control, "layout");
  RevertDraft(app);
  // in_channels: every word gets a longer vector.
  Conv1dSpec spec = app.draft.spec;
  spec.in_channels = 4;
  ASSERT_TRUE(SetSpec(app, spec, "in_channels"));
  EXPECT_EQ(app.session->input_given.shape, (Shape{3, 6, 4}));
  // The code view rebuilds the sentences.
  const std::string code = CodePanelText(app);
  EXPECT_NE(code.find(SentencesPython(app.session->recipe.sentences, 4, 0)), std::string::npos);
  // An empty sentence list is refused.
  EXPECT_FALSE(SetSentences(app, {}));
  EXPECT_FALSE(app.teach.sentences.error.empty());
}

TEST(Sentences, TheSentencesTabAndTheLabelsDraw) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1280.f, 720.f));
  app.view.show.side = SideTab::kSentences;
  ASSERT_TRUE(SetSentences(app, SplitSentences(kExampleSentences)));
  for (int i = 0; i < 4; ++i) EXPECT_GT(ui.Frame(app), 1000);
  EXPECT_FALSE(FontLacksGlyphs(app.fonts.ui, kExampleSentences));  // 我爱深度学习 has glyphs
  app.view.show.view = MainView::kConv2d;
  for (int i = 0; i < 3; ++i) EXPECT_GT(ui.Frame(app), 1000);
}

// --- Conv1d beside Conv2d -------------------------------------------------------------------

TEST(Conv2dView, AFullHeightKernelGivesTheConv1dRowAShorterOneMovesDown) {
  AppState app;
  testing::InitApp(app);
  const Session& session = *app.session;
  const Geometry& g = session.geometry;
  for (int64_t n : {0, 5})
    for (int64_t o : {0, 7}) {
      const std::vector<float> rows = Conv2dRows(session, n, o, g.in_channels);
      ASSERT_EQ(rows.size(), static_cast<size_t>(g.out_length));
      for (int64_t t = 0; t < g.out_length; ++t)
        EXPECT_NEAR(rows[static_cast<size_t>(t)],
                    session.output.data[static_cast<size_t>(OutputIndexOf(g, n, o, t))], 1e-5f);
    }
  EXPECT_EQ(Conv2dRows(session, 0, 0, 2).size(), static_cast<size_t>(2 * g.out_length));
  EXPECT_EQ(Conv2dRows(session, 0, 0, 1).size(), static_cast<size_t>(3 * g.out_length));
  // kh = 1: one input row times the first row of the kernel.
  const std::vector<float> one = Conv2dRows(session, 0, 0, 1);
  const float expected = session.problem.input.data[0] * session.problem.weight.data[0] +
                         session.problem.input.data[1] * session.problem.weight.data[1];
  EXPECT_NEAR(one[0], expected, 1e-6f);
  HeadlessUi ui(ImVec2(1280.f, 720.f));
  app.view.show.view = MainView::kConv2d;
  EXPECT_FALSE(app.teach.conv2d.image_view);  // the height-1 Conv2d leads
  EXPECT_GT(ui.Frame(app), 1000);
  app.teach.conv2d.image_view = true;  // the one-channel image of height C
  for (int64_t kh : {3, 2, 1}) {
    app.teach.conv2d.kernel_height = kh;
    EXPECT_GT(ui.Frame(app), 1000);
  }
  // With groups the height-1 Conv2d still equals the Conv1d (groups=2); the image view asks for
  // groups = 1.
  Conv1dSpec spec = app.draft.spec;
  spec.in_channels = 4;
  spec.out_channels = 6;
  spec.groups = 2;
  ASSERT_TRUE(SetSpec(app, spec, "groups"));
  EXPECT_GT(ui.Frame(app), 1000);
  app.teach.conv2d.image_view = false;
  EXPECT_GT(ui.Frame(app), 1000);
}

}  // namespace
}  // namespace convstep::gui
