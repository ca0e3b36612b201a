#include "state/app_state.h"

#include "state/presentation_mode.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "convstep/json_text.h"
#include "convstep/sentences.h"
#include "model/spec_session.h"
#include "state/lesson.h"

namespace convstep::gui {
namespace {

constexpr const char* kControls[] = {
    "in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
    "bias",        "padding_mode", "batch",       "length", "layout",  "values",   "seed"};

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return MakeError(
        Message{"cannot_open", "cannot open {0}", {path}}, "file",
        Hint{"check_path_readable", "check the path and that the file is readable", {}});
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<Preset> ListPresets(const std::string& assets_dir) {
  std::vector<Preset> presets;
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path(assets_dir) / "presets";
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    Preset preset;
    preset.path = entry.path().string();
    preset.name = entry.path().stem().string();
    preset.title = preset.name;
    if (auto text = ReadFile(preset.path)) {
      auto doc = ParseJsonText(*text);
      if (doc && doc->is_object() && doc->contains("title") && (*doc)["title"].is_string())
        preset.title = (*doc)["title"].get<std::string>();
    }
    presets.push_back(std::move(preset));
  }
  std::sort(presets.begin(), presets.end(),
            [](const Preset& a, const Preset& b) { return a.path < b.path; });
  return presets;
}

float Ease(float t) {
  t = std::clamp(t, 0.f, 1.f);
  return t * t * (3.f - 2.f * t);
}

// The tap nearest to `coord` that exists in the session's geometry.
TapCoord ClampCoord(const Geometry& g, TapCoord coord) {
  coord.n = std::clamp<int64_t>(coord.n, 0, std::max<int64_t>(0, g.batch - 1));
  coord.out_channel =
      std::clamp<int64_t>(coord.out_channel, 0, std::max<int64_t>(0, g.out_channels - 1));
  coord.t = std::clamp<int64_t>(coord.t, 0, std::max<int64_t>(0, g.out_length - 1));
  coord.tap = std::clamp<int64_t>(coord.tap, 0, std::max<int64_t>(0, g.taps - 1));
  return coord;
}

// The tap the current step's picture shows (the last one the step completes).
TapCoord ShownTap(const AppState& app) {
  const Walkthrough walk = MakeWalkthrough(*app.session);
  const int64_t count = walk.StepCount(app.timeline.granularity);
  if (count <= 0) return TapCoord{};
  return walk.CoordOf(ClampStep(app.timeline.step, count), app.timeline.granularity);
}

void SnapTween(AppState& app) {
  const float start = static_cast<float>(app.session->geometry.WindowStart(ShownTap(app).t));
  app.window_tween = WindowTween{start, start, 1.f, app.window_tween.seconds};
}

// Starts the kernel frame's slide from where it was drawn to the current step's window.
void StartTween(AppState& app, float from_start, int64_t from_n) {
  const TapCoord now = ShownTap(app);
  const float to = static_cast<float>(app.session->geometry.WindowStart(now.t));
  if (now.n != from_n) {
    SnapTween(app);
    return;
  }
  const double rate = kStepsPerSecond * app.timeline.speed;
  const float seconds =
      app.timeline.playing ? static_cast<float>(std::clamp(0.8 / rate, 0.04, 0.3)) : 0.22f;
  app.window_tween = WindowTween{from_start, to, from_start == to ? 1.f : 0.f, seconds};
}

// Puts the timeline on `coord` (clamped to the session) at the current granularity.
void PlaceAt(AppState& app, const TapCoord& wanted) {
  const Walkthrough walk = MakeWalkthrough(*app.session);
  Timeline& timeline = app.timeline;
  timeline.pending = 0.0;
  const int64_t count = walk.StepCount(timeline.granularity);
  if (count <= 0) {
    timeline.step = 0;
    timeline.anchor.reset();
    timeline.playing = false;
    return;
  }
  const TapCoord coord = ClampCoord(app.session->geometry, wanted);
  timeline.step = ClampStep(walk.StepOf(coord, timeline.granularity), count);
  if (timeline.granularity != Granularity::kTap) {
    timeline.anchor = coord;
  } else {
    timeline.anchor.reset();
  }
}

}  // namespace

std::string PresetTitle(const I18n& i18n, const Preset& preset) {
  const char* translated = i18n.Find("preset." + preset.name);
  return translated ? translated : preset.title;
}

void ShowSession(AppState& app, std::shared_ptr<const Session> session, Keep keep) {
  CancelBuild(app);  // nothing built for the old session may replace this one afterwards
  const bool had_steps = app.session && StepCount(app) > 0;
  const TapCoord old = had_steps ? CurrentTap(app) : TapCoord{};
  app.session = std::move(session);
  app.draft = app.session->recipe;
  app.edit_error.reset();
  if (keep == Keep::kPosition) {
    PlaceAt(app, old);
    // A highlight of a cell the new shape no longer has goes.
    for (HoverTarget* target : {&app.hover.pinned, &app.hover.hovered, &app.hover.previous})
      if (!TargetExists(*app.session, *target)) *target = HoverTarget{};
  } else {
    app.timeline.step = 0;
    app.timeline.anchor.reset();
    app.timeline.playing = false;
    app.timeline.pending = 0.0;
    ClearHover(app.hover);
    app.canvases = Canvases{};
  }
  SnapTween(app);
}

void ShowSession(AppState& app, Session session, Keep keep) {
  ShowSession(app, std::make_shared<const Session>(std::move(session)), keep);
}

std::string ControlForError(const Error& error, const std::string& edited) {
  for (const char* control : kControls)
    if (error.parameter == control) return control;
  if (error.parameter == "input") {
    for (const char* shape_control : {"batch", "length", "in_channels", "layout"})
      if (edited == shape_control) return edited;
    return "length";
  }
  return edited;
}

bool InitAppState(AppState& app, const std::string& assets_dir, std::string* error) {
  app.assets_dir = assets_dir;
  std::string i18n_error;
  if (!app.i18n.LoadFile(assets_dir + "/i18n/en.json", &i18n_error))
    app.notice = "Translations not loaded (" + i18n_error + "): showing text keys";
  app.presets = ListPresets(assets_dir);
  LoadLesson(app);
  Recipe recipe;  // the seed example: [6,5,3] NLC, Conv1d(3, 8, 2, bias=False), randn seed 0
  auto built = BuildSession(recipe);
  if (!built) {
    const std::string reason = built.error().message;
    recipe.source = ValueSource::kArange;
    built = BuildSession(recipe);
    if (built) app.notice = TrFormat(app.i18n, "notice.randn_unavailable", {reason});
  }
  if (!built) {
    if (error) *error = built.error().OneLine();
    return false;
  }
  app.draft = recipe;
  app.session = std::make_shared<const Session>(std::move(built).value());
  app.timeline = Timeline{};
  SnapTween(app);
  return true;
}

Result<bool> OpenSpecText(AppState& app, const std::string& text, const std::string& origin) {
  // The spec -> session path convstep-cli takes too (model/spec_session.h). The app shows a
  // layer: a spec without one is refused; a layer without an input gets a drawn [1, C, 8] one.
  auto doc = ParseSpecJson(text);
  if (!doc) return doc.error();
  if (!doc->has_conv) return RecipeFromDocument(*doc, origin).error();
  auto opened = OpenSpecDocument(*doc, origin, Limits{}, true);
  if (!opened) return opened.error();
  ShowSession(app, std::move(opened->session), Keep::kNothing);
  return true;
}

Result<bool> OpenSpecFile(AppState& app, const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  const std::string name = std::filesystem::path(path).filename().string();
  auto opened = OpenSpecText(app, *text, name);
  if (!opened) {
    Error error = opened.error();
    SetMessage(error, Message{"in_file", "{0}: {1}", {path, MessageOf(error)}});
    return error;
  }
  return true;
}

Result<bool> OpenPreset(AppState& app, size_t index) {
  if (index >= app.presets.size())
    return MakeError(Message{"no_preset", "no preset number {0}", {std::to_string(index)}},
                     "preset", Hint{"choose_from_list", "choose from the list", {}});
  return OpenSpecFile(app, app.presets[index].path);
}

bool BuildAndShow(AppState& app, const Recipe& recipe, const char* control, EditFailure report) {
  const Limits limits = SessionLimits(app);
  const auto fail = [&](const Error& error) {
    if (report == EditFailure::kNotice) {
      app.notice = LocalizedOneLine(app.i18n, error);
    } else {
      app.edit_error = EditError{error, ControlForError(error, control), control};
    }
    return false;
  };
  // Large edits: the cheap checks now (errors beside the control this frame), the tensors and
  // the output on the worker (background.h); the last session stays on screen meanwhile.
  auto checked = CheckRecipe(recipe, limits);
  if (!checked) return fail(checked.error());
  if (BuildsInBackground(app, *checked)) {
    app.draft = recipe;
    app.edit_error.reset();
    SubmitBuild(app, recipe, control);
    return true;
  }
  auto built = BuildSession(recipe, limits);
  if (!built) return fail(built.error());
  ShowSession(app, std::move(built).value(), Keep::kPosition);
  return true;
}

bool ApplyRecipe(AppState& app, const Recipe& recipe, const char* control) {
  app.draft = recipe;
  CancelBuild(app);  // this edit supersedes any build still running
  return BuildAndShow(app, recipe, control, EditFailure::kBesideControl);
}

bool SetSpec(AppState& app, const Conv1dSpec& spec, const char* control) {
  Recipe recipe = app.draft;
  recipe.spec = spec;
  return ApplyRecipe(app, recipe, control);
}

bool SetBatch(AppState& app, int64_t batch) {
  Recipe recipe = app.draft;
  recipe.batch = batch;
  return ApplyRecipe(app, recipe, "batch");
}

bool SetLength(AppState& app, int64_t length) {
  Recipe recipe = app.draft;
  recipe.length = length;
  return ApplyRecipe(app, recipe, "length");
}

bool SetLayout(AppState& app, InputLayout layout) {
  Recipe recipe = app.draft;
  if (recipe.layout == layout) return true;
  recipe.layout = layout;
  if (recipe.fixed_input && recipe.values != ValuesFrom::kGenerated) {
    // The same numbers, given the other way round: permute the fixed tensor to match.
    Tensor& input = *recipe.fixed_input;
    Tensor swapped = input;
    if (input.dim() == 3) {
      swapped.shape = {input.shape[0], input.shape[2], input.shape[1]};
      for (int64_t n = 0; n < input.shape[0]; ++n)
        for (int64_t i = 0; i < input.shape[1]; ++i)
          for (int64_t j = 0; j < input.shape[2]; ++j) swapped.at(n, j, i) = input.at(n, i, j);
    }
    input = std::move(swapped);
  }
  return ApplyRecipe(app, recipe, "layout");
}

bool SetValueSource(AppState& app, ValueSource source) {
  Recipe recipe = app.draft;
  recipe.values = ValuesFrom::kGenerated;
  recipe.source = source;
  recipe.fixed_input.reset();
  recipe.fixed_weight.reset();
  recipe.fixed_bias.reset();
  recipe.origin.clear();
  return ApplyRecipe(app, recipe, "values");
}

bool UseSeedDocumentInput(AppState& app) {
  Recipe recipe = app.draft;
  const std::string path = app.assets_dir + "/presets/02_seed_document.json";
  auto text = ReadFile(path);
  Result<SpecDocument> doc = text ? ParseSpecJson(*text) : Result<SpecDocument>(text.error());
  if (!doc || !doc->input) {
    app.edit_error =
        EditError{doc ? MakeError(Message{"no_input_in", "{0} holds no input", {path}}, "values",
                                  Hint{"restore_file", "restore the file from the repository", {}})
                      : doc.error(),
                  "values", "values"};
    return false;
  }
  recipe.values = ValuesFrom::kSeedDocument;
  recipe.fixed_input = *doc->input;
  recipe.fixed_weight.reset();
  recipe.fixed_bias.reset();
  recipe.layout = InputLayout::kNLC;
  recipe.batch = doc->input->shape[0];
  recipe.length = doc->input->shape[1];
  recipe.spec.in_channels = doc->input->shape[2];
  recipe.origin = Tr(app.i18n, "values.seed_document_origin");
  return ApplyRecipe(app, recipe, "values");
}

bool SetSentences(AppState& app, const std::vector<std::string>& sentences) {
  Recipe recipe = app.draft;
  recipe.values = ValuesFrom::kSentences;
  recipe.sentences = sentences;
  recipe.layout = InputLayout::kNLC;
  recipe.fixed_input.reset();
  recipe.fixed_weight.reset();
  recipe.fixed_bias.reset();
  recipe.origin.clear();
  if (recipe.source == ValueSource::kSmallIntegers) recipe.source = ValueSource::kTorchRandn;
  // N and L follow the sentences.
  recipe.batch = static_cast<int64_t>(sentences.size());
  int64_t longest = 0;
  for (const std::string& sentence : sentences)
    longest = std::max<int64_t>(longest, static_cast<int64_t>(Tokenize(sentence).size()));
  recipe.length = longest;
  app.teach.sentences.error.clear();
  if (ApplyRecipe(app, recipe, "sentences")) return true;
  app.teach.sentences.error = app.edit_error ? app.edit_error->error.OneLine() : "";
  return false;
}

bool SetSeed(AppState& app, uint64_t seed) {
  Recipe recipe = app.draft;
  recipe.seed = seed;
  return ApplyRecipe(app, recipe, "seed");
}

void RevertDraft(AppState& app) {
  CancelBuild(app);
  app.draft = app.session->recipe;
  app.edit_error.reset();
}

int64_t StepCount(const AppState& app) {
  return MakeWalkthrough(*app.session).StepCount(app.timeline.granularity);
}

std::optional<StepState> CurrentStepState(const AppState& app) {
  const Walkthrough walk = MakeWalkthrough(*app.session);
  const int64_t count = walk.StepCount(app.timeline.granularity);
  if (count <= 0) return std::nullopt;
  return walk.State(ClampStep(app.timeline.step, count), app.timeline.granularity);
}

TapCoord CurrentTap(const AppState& app) {
  const Walkthrough walk = MakeWalkthrough(*app.session);
  if (walk.StepCount(app.timeline.granularity) <= 0) return TapCoord{};
  return CurrentCoord(app.timeline, walk);
}

void SeekStep(AppState& app, int64_t step) {
  const float from = DisplayedWindowStart(app);
  const int64_t from_n = ShownTap(app).n;
  app.timeline.step = ClampStep(step, StepCount(app));
  app.timeline.pending = 0.0;
  StartTween(app, from, from_n);
}

void StepBy(AppState& app, int64_t delta) {
  SeekStep(app, app.timeline.step + delta);
}

void SeekOutput(AppState& app, int64_t n, int64_t out_channel, int64_t t) {
  const Walkthrough walk = MakeWalkthrough(*app.session);
  if (walk.StepCount(app.timeline.granularity) <= 0) return;
  TapCoord coord;
  coord.n = n;
  coord.out_channel = out_channel;
  coord.t = t;
  coord.tap = 0;
  coord = ClampCoord(app.session->geometry, coord);
  SeekStep(app, walk.StepOf(coord, app.timeline.granularity));
}

void SeekBatchItem(AppState& app, int64_t n) {
  SeekOutput(app, n, 0, 0);
}

void SetGranularity(AppState& app, Granularity granularity) {
  const float from = DisplayedWindowStart(app);
  const int64_t from_n = ShownTap(app).n;
  ChangeGranularity(app.timeline, MakeWalkthrough(*app.session), granularity);
  StartTween(app, from, from_n);
}

void TogglePlay(AppState& app) {
  const int64_t count = StepCount(app);
  if (!app.timeline.playing && count > 0 && app.timeline.step >= count - 1) SeekStep(app, 0);
  app.timeline.playing = !app.timeline.playing && count > 0;
  app.timeline.pending = 0.0;
}

void SetSpeed(AppState& app, float speed) {
  app.timeline.speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

void AdvanceAnimations(AppState& app, float dt) {
  if (app.timeline.playing) {
    const float from = DisplayedWindowStart(app);
    const int64_t from_n = ShownTap(app).n;
    if (AdvancePlayback(app.timeline, StepCount(app), dt) > 0) StartTween(app, from, from_n);
  }
  WindowTween& tween = app.window_tween;
  if (tween.progress < 1.f)
    tween.progress = std::min(1.f, tween.progress + dt / std::max(0.01f, tween.seconds));
  if (app.permute.playing) {
    app.permute.progress = std::min(1.f, app.permute.progress + dt / kPermuteSeconds);
    if (app.permute.progress >= 1.f) app.permute.playing = false;
  }
}

bool IsAnimating(const AppState& app) {
  return app.timeline.playing || app.window_tween.progress < 1.f || app.permute.playing;
}

float DisplayedWindowStart(const AppState& app) {
  const WindowTween& tween = app.window_tween;
  return tween.from + (tween.to - tween.from) * Ease(tween.progress);
}

void ReplayPermute(AppState& app) {
  app.permute.progress = 0.f;
  app.permute.playing = true;
}

void SetTextScale(AppState& app, float scale) {
  const float clamped = std::clamp(scale, 0.75f, 3.f);
  if (clamped == app.view.text_scale) return;
  app.view.text_scale = clamped;
  app.view.fonts_dirty = true;
}

void SetDisplaySize(AppState& app, float width, float height) {
  if (width <= 0.f || height <= 0.f) return;
  // Presenting, text follows the screen's height alone: the last row of a lecture hall reads
  // digits as tall on a 4:3 projector (1024x768) as on a 16:9 one (1366x768).
  const float raw = app.present.on ? height / 900.f : std::min(width / 1600.f, height / 900.f);
  const float factor = std::clamp(std::round(raw * 16.f) / 16.f, 0.75f, 1.25f);
  if (factor == app.view.display_factor) return;
  app.view.display_factor = factor;
  app.view.fonts_dirty = true;
}

float AppFontPixels(const AppState& app) {
  return FontPixelSize(app.view.text_scale * PresentationTextFactor(app),
                       app.view.content_scale * app.view.display_factor);
}

void SetContentScale(AppState& app, float scale) {
  if (scale <= 0.f || scale == app.view.content_scale) return;
  app.view.content_scale = scale;
  app.view.fonts_dirty = true;
}

}  // namespace convstep::gui
