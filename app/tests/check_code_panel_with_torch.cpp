// Runs the Python that the app's code view shows, for several app states, with real PyTorch
// (/usr/bin/python3), and checks that it prints the app's shapes and reproduces the app's
// output numbers. Exit 0 when all agree, 1 on a mismatch, 77 (ctest's skip code) when torch
// is not installed.
//
// States: the seed example (randn, seed 0), the seed document's printed input, typed
// sentences of unequal length (<pad>), arange values with bias / padding / stride, a typed
// input value (written out as a literal), grouped reflect padding with another seed, and the
// sessions of lesson chapters 7 and 8. The program includes the Conv2d and matrix-multiply
// forms, whose differences from y must be float rounding. The Conv1d-vs-Conv2d view's image
// form with a kernel shorter than C is run too and compared with the rows the view draws.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "convstep/codegen_equivalents.h"
#include "model/code_view.h"
#include "model/sentences_input.h"
#include "state/app_state.h"
#include "state/lesson.h"
#include "support/process.h"
#include "ui/panels/code_panel.h"
#include "ui/panels/conv2d_panel.h"

namespace {

using convstep::gui::AppState;
using namespace convstep::process_test;  // Shell, Quote, App, ... (process_util.h)

std::string ShapeLine(const convstep::Shape& shape) {
  return convstep::FormatTorchSize(shape);
}

// Runs the code view's program plus a line that dumps y as JSON; compares with the app.
bool Check(const std::string& name, AppState& app) {
  const std::string code = convstep::gui::CodePanelText(app);
  const std::string path = "/tmp/convstep_code_panel_" + std::to_string(getpid()) + ".py";
  {
    std::ofstream file(path);
    file << code << "\nimport json\n"
         << "forms = {name: float((scope - y).abs().max()) for name, scope in [('y_conv2d', "
            "globals().get('y_conv2d')), ('y_image', globals().get('y_image')), ('y_matmul', "
            "globals().get('y_matmul'))] if scope is not None}\n"
         << "print('FORMS_JSON ' + json.dumps(forms))\n"
         << "print('Y_JSON ' + json.dumps(y.detach().flatten().tolist()))\n";
  }
  const ProcessRun run = Shell("/usr/bin/python3 '" + path + "'");
  std::remove(path.c_str());
  if (run.status != 0) {
    std::cout << "FAIL " << name << ": python exited " << run.status << "\n"
              << run.output << "\n"
              << code;
    return false;
  }
  const convstep::gui::Session& session = *app.session;
  bool ok = true;
  for (const convstep::Shape& shape :
       {session.input_given.shape, session.problem.weight.shape, session.output.shape}) {
    if (run.output.find(ShapeLine(shape)) == std::string::npos) {
      std::cout << "FAIL " << name << ": " << ShapeLine(shape) << " not printed\n";
      ok = false;
    }
  }
  // The Conv2d and matrix-multiply forms the code view shows after the Conv1d: the same
  // numbers (float rounding only), and the matmul and height-1 Conv2d always present.
  const size_t forms_at = run.output.find("FORMS_JSON ");
  const auto forms =
      forms_at == std::string::npos
          ? nlohmann::json()
          : nlohmann::json::parse(
                run.output.substr(forms_at + 11, run.output.find('\n', forms_at) - forms_at - 11),
                nullptr, false);
  if (!forms.is_object() || !forms.contains("y_matmul") || !forms.contains("y_conv2d")) {
    std::cout << "FAIL " << name << ": the equivalent forms did not run\n" << run.output;
    return false;
  }
  const double y_scale = 1.0 + static_cast<double>(session.output_style.abs_max);
  for (const auto& [form, difference] : forms.items()) {
    if (difference.get<double>() > 1e-5 * y_scale) {
      std::cout << "FAIL " << name << ": " << form << " differs from y by "
                << difference.get<double>() << "\n";
      ok = false;
    }
  }
  const size_t at = run.output.find("Y_JSON ");
  if (at == std::string::npos) {
    std::cout << "FAIL " << name << ": no y\n" << run.output;
    return false;
  }
  const auto y = nlohmann::json::parse(run.output.substr(at + 7), nullptr, false);
  if (!y.is_array() || y.size() != session.output.data.size()) {
    std::cout << "FAIL " << name << ": y has " << (y.is_array() ? y.size() : 0)
              << " values, the app " << session.output.data.size() << "\n";
    return false;
  }
  double worst = 0.0;
  for (size_t i = 0; i < y.size(); ++i) {
    const double torch_value = y[i].get<double>();
    const double app_value = session.output.data[i];
    worst = std::max(worst, std::fabs(torch_value - app_value) / (1.0 + std::fabs(app_value)));
  }
  if (worst > 1e-5) {
    std::cout << "FAIL " << name << ": y differs by up to " << worst << "\n" << code;
    ok = false;
  }
  std::cout << (ok ? "ok   " : "FAIL ") << name << "  (y " << ShapeLine(session.output.shape)
            << ", largest relative difference " << worst << ")\n";
  return ok;
}

// The Conv1d-vs-Conv2d view's second form with a kernel shorter than C: its code (what the
// view shows under the picture) run in torch gives the rows the picture draws (Conv2dRows).
bool CheckShortImageKernel(const std::string& name, AppState& app, int64_t kernel_height) {
  const convstep::gui::Session& session = *app.session;
  const convstep::Geometry& g = session.geometry;
  const std::string code = convstep::gui::SessionPython(session) +
                           convstep::ImageConv2dPython(session.recipe.spec, g, kernel_height);
  const std::string path = "/tmp/convstep_image_kernel_" + std::to_string(getpid()) + ".py";
  {
    std::ofstream file(path);
    file << code << "\nimport json\nprint('IMAGE_JSON ' + "
         << "json.dumps(y_image.detach().flatten().tolist()))\n";
  }
  const ProcessRun run = Shell("/usr/bin/python3 '" + path + "'");
  std::remove(path.c_str());
  const size_t at = run.output.find("IMAGE_JSON ");
  if (run.status != 0 || at == std::string::npos) {
    std::cout << "FAIL " << name << ": python exited " << run.status << "\n" << run.output;
    return false;
  }
  const auto image = nlohmann::json::parse(run.output.substr(at + 11), nullptr, false);
  const int64_t rows = g.in_channels - kernel_height + 1;
  if (!image.is_array() ||
      static_cast<int64_t>(image.size()) != g.batch * g.out_channels * rows * g.out_length) {
    std::cout << "FAIL " << name << ": y_image has the wrong size\n";
    return false;
  }
  double worst = 0.0;
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t o = 0; o < g.out_channels; ++o) {
      const std::vector<float> drawn = convstep::gui::Conv2dRows(session, n, o, kernel_height);
      for (size_t i = 0; i < drawn.size(); ++i) {
        const double torch_value =
            image[static_cast<size_t>((n * g.out_channels + o) * rows * g.out_length) + i]
                .get<double>();
        worst = std::max(worst, std::fabs(torch_value - drawn[i]) / (1.0 + std::fabs(drawn[i])));
      }
    }
  const bool ok = worst <= 1e-5;
  std::cout << (ok ? "ok   " : "FAIL ") << name << "  (y_image " << rows << " rows, largest "
            << "relative difference " << worst << ")\n";
  return ok;
}

}  // namespace

int main() {
  if (Shell("/usr/bin/python3 -c 'import torch'").status != 0) {
    std::cout << "torch is not installed for /usr/bin/python3: skipping (install python3-torch)\n";
    return 77;
  }
  using namespace convstep::gui;
  bool ok = true;
  auto fresh = [](AppState& app) {
    std::string error;
    if (!InitAppState(app, CONVSTEP_ASSETS_DIR, &error)) {
      std::cout << "cannot start: " << error << "\n";
      std::exit(1);
    }
  };
  {
    AppState app;
    fresh(app);
    ok = Check("seed example", app) && ok;
    ok = CheckShortImageKernel("Conv2d image view, kernel height 2 of 3", app, 2) && ok;
    ok = CheckShortImageKernel("Conv2d image view, kernel height 1 of 3", app, 1) && ok;
    ok = UseSeedDocumentInput(app) && Check("seed document's input", app) && ok;
  }
  {
    AppState app;
    fresh(app);
    ok = SetSentences(app, SplitSentences("The cat sat on the mat\nA dog\n我爱深度学习")) &&
         Check("sentences with <pad>", app) && ok;
    SetValueSource(app, convstep::ValueSource::kArange);
    ok = SetSentences(app, SplitSentences("one two three\nfour")) &&
         Check("sentences, arange weights", app) && ok;
  }
  {
    AppState app;
    fresh(app);
    convstep::Conv1dSpec spec = app.draft.spec;
    spec.bias = true;
    spec.padding = 1;
    spec.stride = 2;
    ok = SetSpec(app, spec, "stride") && SetValueSource(app, convstep::ValueSource::kArange) &&
         Check("arange, bias, padding 1, stride 2", app) && ok;
    ok = CheckShortImageKernel("image view kh 2, bias, padding 1, stride 2", app, 2) && ok;
    ok = SetValueSource(app, convstep::ValueSource::kSmallIntegers) && SetSeed(app, 7) &&
         Check("small integers, seed 7", app) && ok;
  }
  {
    AppState app;
    fresh(app);
    Recipe typed = app.session->recipe;  // a value typed into the input: written out
    typed.values = ValuesFrom::kSpecFile;
    typed.fixed_input = app.session->input_given;
    typed.fixed_input->data[4] = 2.5f;
    typed.fixed_weight = app.session->problem.weight;
    ok = ApplyRecipe(app, typed, "values") && Check("a typed input value", app) && ok;
    Recipe weights = app.session->recipe;  // and a typed weight
    weights.fixed_weight->data[0] = -1.25f;
    ok = ApplyRecipe(app, weights, "values") && Check("a typed weight", app) && ok;
  }
  {
    AppState app;
    fresh(app);
    convstep::Conv1dSpec spec = app.draft.spec;
    spec.in_channels = 4;
    spec.out_channels = 6;
    spec.kernel_size = 3;
    spec.groups = 2;
    spec.padding = 2;
    spec.padding_mode = convstep::PaddingMode::kReflect;
    spec.bias = true;
    ok = SetSpec(app, spec, "groups") && SetSeed(app, 42) && SetLength(app, 9) &&
         Check("groups 2, reflect padding, seed 42", app) && ok;
  }
  for (int chapter : {6, 7}) {
    AppState app;
    fresh(app);
    ok = static_cast<bool>(OpenChapter(app, chapter)) &&
         Check("lesson chapter " + std::to_string(chapter + 1), app) && ok;
  }
  std::cout << (ok ? "all code-view programs reproduce the app's numbers in torch\n"
                   : "some programs did not reproduce the app's numbers\n");
  return ok ? 0 : 1;
}
