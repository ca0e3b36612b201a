// The app's own JSON files read back safely: settings, autosaves, saved sessions' sidecars,
// the language choice and presets nested 200,000 levels deep are refused, never a crash; and
// a session too large for the machine (though within the budget) is an error, not an abort.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdlib>
#include <string>

#include "model/session.h"
#include "state/app_state.h"
#include "state/language.h"
#include "state/session_file.h"
#include "state/settings.h"
#include "support/files.h"
#include "support/headless_ui.h"
#include "ui/windows/restore_panel.h"

namespace convstep::gui {
namespace {

std::string DeepJson(const std::string& head, int depth) {
  return head + std::string(static_cast<size_t>(depth), '[') +
         std::string(static_cast<size_t>(depth), ']') + "}";
}

TEST(DeepFiles, EveryReaderOfTheAppsOwnFilesRefusesDeepNesting) {
  test_support::TempDir dir;
  const std::string deep = DeepJson("{\"conv\": {\"in_channels\": 3}, \"extra\": ", 200000);
  EXPECT_TRUE(SessionSidecars(dir.Write("session.json", deep)).empty());
  I18n english;
  ASSERT_TRUE(english.LoadFile(std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/en.json"));
  EXPECT_TRUE(DescribeAutosave(english, dir.Write("autosave.json", deep)).empty());
  EXPECT_FALSE(ReadLanguageSetting(dir.Write("language.json", DeepJson("{\"x\": ", 200000))));
  // Settings: the reason is said, the defaults stay.
  AppState app;
  testing::InitApp(app);
  dir.Write("settings.json", DeepJson("{\"text_scale\": 2, \"panels\": ", 200000));
  LoadSettings(app, dir.path());
  EXPECT_NE(app.files.settings.error.find("nests more than 100 levels"), std::string::npos)
      << app.files.settings.error;
  EXPECT_EQ(app.view.text_scale, 1.f);
}

// In a child process whose address space is limited to 2 GiB, builds a session whose tensors
// need about 4 GiB under an 8 GiB budget. Exits 0 when that is an "out_of_memory" error.
int AllocationFailureChild() {
  rlimit limit{};
  limit.rlim_cur = limit.rlim_max = rlim_t{2} << 30;
  if (setrlimit(RLIMIT_AS, &limit) != 0) return 2;
  Recipe recipe;
  recipe.layout = InputLayout::kNCL;
  recipe.spec.in_channels = 1;
  recipe.spec.out_channels = 1;
  recipe.spec.kernel_size = 1;
  recipe.batch = 1;
  recipe.length = int64_t{1} << 28;  // 1 GiB of input, as much again padded and output
  Limits budget;
  budget.max_bytes = int64_t{8} << 30;
  const auto session = BuildSession(recipe, budget);
  return !session && session.error().message_key == "out_of_memory" ? 0 : 1;
}

TEST(DeepFiles, ASessionTheMachineCannotHoldIsAnErrorNotAnAbort) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves terabytes of address space at start, so no "
                  "address-space limit can be set; the plain build runs this test";
#endif
  EXPECT_EXIT(std::exit(AllocationFailureChild()), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace convstep::gui
