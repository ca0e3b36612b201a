// Speed and robustness, the app's side: large edits build on a worker (the last session stays,
// errors appear at once, a newer edit supersedes an older one, the position is kept), the memory
// budget, and a UI that survives tiny, huge and empty windows and 10 MB of pasted text.
#include <gtest/gtest.h>

#include <string>

#include "model/sentences_input.h"
#include "state/background.h"
#include "state/tensor_import.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

// Every edit goes to the worker, however small.
void AlwaysInBackground(AppState& app) {
  app.build.min_macs = 0;
  app.build.min_cells = 0;
}

TEST(BackgroundBuild, SmallEditsStaySynchronous) {
  AppState app;
  testing::InitApp(app);
  Conv1dSpec spec = app.draft.spec;
  spec.out_channels = 4;
  EXPECT_TRUE(SetSpec(app, spec, "out_channels"));
  EXPECT_FALSE(BuildPending(app));
  EXPECT_EQ(app.session->geometry.out_channels, 4);
}

TEST(BackgroundBuild, TheLastSessionStaysUntilTheNewOneIsReadyAndKeepsThePosition) {
  AppState app;
  testing::InitApp(app);
  AlwaysInBackground(app);
  SeekOutput(app, 2, 5, 3);
  const TapCoord before = CurrentTap(app);
  const auto old_session = app.session;
  Conv1dSpec spec = app.draft.spec;
  spec.out_channels = 7;
  EXPECT_TRUE(SetSpec(app, spec, "out_channels"));
  EXPECT_TRUE(BuildPending(app));
  EXPECT_EQ(app.session, old_session);  // still drawn meanwhile
  EXPECT_EQ(app.draft.spec.out_channels, 7);
  FinishBuild(app);
  EXPECT_FALSE(BuildPending(app));
  EXPECT_NE(app.session, old_session);
  EXPECT_EQ(app.session->geometry.out_channels, 7);
  EXPECT_FALSE(app.edit_error);
  const TapCoord after = CurrentTap(app);
  EXPECT_EQ(after.n, before.n);
  EXPECT_EQ(after.out_channel, before.out_channel);
  EXPECT_EQ(after.t, before.t);
  // The very numbers a synchronous build gives.
  auto direct = BuildSession(app.draft);
  ASSERT_TRUE(direct);
  EXPECT_EQ(app.session->output.data, direct->output.data);
}

TEST(BackgroundBuild, ANewerEditSupersedesAnOlderOne) {
  AppState app;
  testing::InitApp(app);
  AlwaysInBackground(app);
  Conv1dSpec spec = app.draft.spec;
  for (int64_t out = 2; out <= 9; ++out) {
    spec.out_channels = out;
    SetSpec(app, spec, "out_channels");
  }
  EXPECT_TRUE(SetSeed(app, 11));
  FinishBuild(app);
  EXPECT_EQ(app.session->geometry.out_channels, 9);
  EXPECT_EQ(app.session->recipe.seed, 11u);
}

TEST(BackgroundBuild, ErrorsAppearBesideTheControlAtOnce) {
  AppState app;
  testing::InitApp(app);
  AlwaysInBackground(app);
  const auto old_session = app.session;
  Conv1dSpec spec = app.draft.spec;
  spec.stride = 0;
  EXPECT_FALSE(SetSpec(app, spec, "stride"));
  EXPECT_FALSE(BuildPending(app));
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.edit_error->control, "stride");
  EXPECT_EQ(app.session, old_session);
}

TEST(BackgroundBuild, AnErrorCancelsAPendingBuild) {
  AppState app;
  testing::InitApp(app);
  AlwaysInBackground(app);
  const auto old_session = app.session;
  Conv1dSpec spec = app.draft.spec;
  spec.out_channels = 6;
  SetSpec(app, spec, "out_channels");
  spec.kernel_size = 0;
  EXPECT_FALSE(SetSpec(app, spec, "kernel_size"));
  FinishBuild(app);
  EXPECT_EQ(app.session, old_session);  // the superseded build never lands
  ASSERT_TRUE(app.edit_error);
}

TEST(MemoryBudget, AnOverBudgetEditNamesSizeAndLimitAndKeepsThePicture) {
  AppState app;
  testing::InitApp(app);
  SetMemoryBudgetMiB(app, 1);
  const auto old_session = app.session;
  EXPECT_FALSE(SetBatch(app, 100000));
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.edit_error->control, "batch");
  EXPECT_NE(app.edit_error->error.message.find("MiB"), std::string::npos)
      << app.edit_error->error.message;
  EXPECT_EQ(app.session, old_session);
  // The default budget (1 GiB) takes the same edit in the background.
  SetMemoryBudgetMiB(app, 1024);
  EXPECT_EQ(SessionLimits(app).max_bytes, int64_t{1} << 30);
}

TEST(MemoryBudget, TheDefaultRefusesHugeShapesWithoutAllocating) {
  AppState app;
  testing::InitApp(app);
  const auto old_session = app.session;
  EXPECT_FALSE(SetLength(app, int64_t{1} << 40));
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.session, old_session);
}

TEST(Robustness, TinyHugeAndEmptyDisplaysDraw) {
  AppState app;
  testing::InitApp(app);
  for (const ImVec2 size : {ImVec2(200.f, 150.f), ImVec2(3840.f, 2160.f), ImVec2(0.f, 0.f),
                            ImVec2(1.f, 1.f), ImVec2(1600.f, 900.f)}) {
    HeadlessUi ui(size);
    app.view.fonts_dirty = true;  // a new context: its atlas is built on the first frame
    for (int i = 0; i < 3; ++i) ui.Frame(app);
  }
  EXPECT_EQ(app.session->geometry.out_channels, 8);
  EXPECT_GT(StepCount(app), 0);
}

std::string TenMegabytes() {
  std::string text;
  const std::string line = "the quick brown fox jumps over the lazy dog 1.5 -2 nan [ ] ( )\n";
  while (text.size() < (size_t{10} << 20)) text += line;
  return text;
}

TEST(Robustness, TenMegabytesOfPastedTextNeitherCrashesNorCorrupts) {
  AppState app;
  testing::InitApp(app);
  const auto old_session = app.session;
  const std::string text = TenMegabytes();
  HeadlessUi ui;
  app.view.fonts_dirty = true;
  // Into the sentences field, drawn as the panel shows it, then used.
  app.view.show.side = SideTab::kSentences;
  app.teach.sentences.text = text;
  for (int i = 0; i < 2; ++i) ui.Frame(app);
  SetSentences(app, SplitSentences(text));  // large: may build on the worker
  FinishBuild(app);
  ui.Frame(app);
  // Either refused (the last session kept, the error shown) or a valid session.
  if (app.session == old_session) {
    EXPECT_TRUE(app.edit_error);
  } else {
    EXPECT_EQ(app.session->recipe.values, ValuesFrom::kSentences);
  }
  RevertDraft(app);
  // Into Edit → Paste's text area, parsed as print(tensor) text.
  app.files.import.open = true;
  app.files.import.paste_mode = true;
  app.files.import.text = text;
  for (int i = 0; i < 2; ++i) ui.Frame(app);
  EXPECT_FALSE(ParsePastedTensor(text));
  EXPECT_GT(StepCount(app), 0);
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// At low zoom the big example's [64, 64, 5] bank is drawn in merged blocks: its draw list
// stays within a fixed budget instead of growing with 20,480 weights.
TEST(FrameCost, TheBigKernelBankIsAggregatedAtLowZoom) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(OpenSpecFile(app, std::string(CONVSTEP_ASSETS_DIR) + "/presets/08_large.json"));
  HeadlessUi ui;
  app.view.fonts_dirty = true;
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  int bank_vertices = -1;
  ImDrawData* data = ImGui::GetDrawData();
  for (int i = 0; i < data->CmdListsCount; ++i) {
    const char* owner = data->CmdLists[i]->_OwnerName;
    if (owner && std::string(owner).find("###panel.kernels") != std::string::npos)
      bank_vertices = data->CmdLists[i]->VtxBuffer.Size;
  }
  ASSERT_GT(bank_vertices, 0);
  EXPECT_LT(bank_vertices, 24000);  // every cell drawn: about 47,000
}

}  // namespace
}  // namespace convstep::gui
