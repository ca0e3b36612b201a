#include "state/share_link.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "model/spec_session.h"
#include "state/language.h"
#include "state/lesson.h"
#include "state/share_link_fields.h"

namespace convstep::gui {
namespace {

using namespace link_fields;  // Fields, LinkError, BadValue, ParseRecipe, ...

// True when two layers are the same nn.Conv1d (a padding number kept beside 'same' or 'valid'
// is not part of it).
bool SameLayer(Conv1dSpec a, Conv1dSpec b) {
  if (a.padding_kind != PaddingKind::kExplicit) a.padding = 0;
  if (b.padding_kind != PaddingKind::kExplicit) b.padding = 0;
  return a == b;
}

// True when two recipes draw the same screen: the same layer, shapes and generated values.
bool SameGenerated(const Recipe& a, const Recipe& b) {
  return a.values == ValuesFrom::kGenerated && b.values == ValuesFrom::kGenerated &&
         SameLayer(a.spec, b.spec) && a.batch == b.batch && a.length == b.length &&
         a.layout == b.layout && a.source == b.source && a.seed == b.seed;
}

// The layer and shapes a link names must be those of the session it opens by name.
Result<bool> CheckSameLayer(const Recipe& link, const Recipe& opened, const std::string& name) {
  if (SameLayer(link.spec, opened.spec) && link.batch == opened.batch &&
      link.length == opened.length && link.layout == opened.layout)
    return true;
  const auto describe = [](const Recipe& r) {
    return SpecPython(r.spec) + " on " + FormatShape(GivenInputShape(r));
  };
  return LinkError(Message{"link_layer_differs",
                           "{0} holds {1}, but the link says {2}",
                           {name, describe(opened), describe(link)}},
                   Hint{"link_copy_again", "copy the link again with Copy link", {}});
}

std::string PresetId(const Preset& preset) {
  return std::filesystem::path(preset.path).stem().string();
}

// --- What the link opens -------------------------------------------------------------------

// The seed example on step 0, no chapter open: where a bad link lands.
void ShowSeedExample(AppState& app) {
  LessonState& lesson = app.teach.lesson;
  lesson.current = -1;
  lesson.chapter_session.reset();
  lesson.pause_at.reset();
  app.show_forgot_permute = false;
  app.view.show.view = MainView::kSteps;
  auto built = BuildSession(Recipe{}, SessionLimits(app));
  if (built) ShowSession(app, std::move(built).value(), Keep::kNothing);
  SetGranularity(app, Granularity::kTap);
  SeekStep(app, 0);
  app.window_tween.progress = 1.f;
}

// The link's session on screen when it names a layer (conv=...), after any chapter opened.
Result<bool> ShowLinkedLayer(AppState& app, const Fields& fields, bool chapter_open) {
  auto recipe = ParseRecipe(fields);
  if (!recipe) return recipe.error();
  const std::string data = fields.count("data") ? fields.at("data") : "";
  if (data == "lesson") {
    if (!chapter_open)
      return LinkError(
          Message{"link_needs_key", "{0}={1} needs {2}= too", {"data", data, "lesson"}},
          Hint{"link_write_like", "write it like {0}", {"lesson=11&data=lesson"}});
    return CheckSameLayer(*recipe, app.session->recipe,
                          "lesson=" + std::to_string(app.teach.lesson.current + 1));
  }
  if (fields.count("preset"))
    return CheckSameLayer(*recipe, app.session->recipe, "preset=" + fields.at("preset"));
  if (data == "document") {
    const std::string path = app.assets_dir + "/presets/02_seed_document.json";
    auto text = ReadText(path);
    auto doc = text ? ParseSpecJson(*text) : Result<SpecDocument>(text.error());
    if (!doc) return doc.error();
    if (!doc->input || doc->input->dim() != 3)
      return MakeError(Message{"no_input_in", "{0} holds no input", {path}}, "values",
                       Hint{"restore_file", "restore the file from the repository", {}});
    Recipe document = *recipe;
    document.values = ValuesFrom::kSeedDocument;
    document.fixed_input = *doc->input;
    document.layout = InputLayout::kNLC;
    document.batch = doc->input->shape[0];
    document.length = doc->input->shape[1];
    document.spec.in_channels = doc->input->shape[2];
    document.origin = Tr(app.i18n, "values.seed_document_origin");
    if (auto same = CheckSameLayer(*recipe, document, "data=document"); !same) return same;
    recipe = std::move(document);
  } else if (chapter_open && SameGenerated(*recipe, app.session->recipe)) {
    return true;  // the chapter's own session: on the script
  }
  const Limits limits = SessionLimits(app);
  auto checked = CheckRecipe(*recipe, limits);
  if (checked && checked->MacCount() > kLinkMacLimit)
    checked = LinkError(
        Message{"link_too_much_work",
                "the link's layer needs {0} multiply-adds, more than a link opens at once ({1})",
                {std::to_string(checked->MacCount()), std::to_string(kLinkMacLimit)}},
        Hint{"link_smaller", "open it with a smaller N or L, then raise them in the app", {}});
  auto built = checked ? BuildSession(*recipe, limits, {}, BuildThreads(app))
                       : Result<Session>(checked.error());
  if (!built) {
    Error error = built.error();
    if (error.parameter != "link")  // PyTorch's message, or the memory budget's, says which
      SetMessage(error, Message{"link_layer", "the link's layer: {0}", {MessageOf(error)}});
    return error;
  }
  ShowSession(app, std::move(built).value(), Keep::kNothing);
  return true;
}

// Keys that only make sense with conv= (they describe the layer or its values).
Result<bool> CheckKeyCombinations(const Fields& fields) {
  const bool conv = fields.count("conv");
  for (const char* key : {"stride", "pad", "dil", "groups", "mode", "bias", "shape", "layout",
                          "data", "values", "seed"})
    if (!conv && fields.count(key))
      return LinkError(
          Message{"link_needs_key", "{0}={1} needs {2}= too", {key, fields.at(key), "conv"}},
          Hint{"link_write_like",
               "write it like {0}",
               {"conv=3,8,2&" + std::string(key) + "=" + fields.at(key)}});
  if (fields.count("data")) {
    auto data = ParseChoice(fields, "data", {"document", "lesson", "own"});
    if (!data) return data.error();
  }
  const std::pair<const char*, const char*> conflicts[] = {
      {"preset", "data"}, {"preset", "values"}, {"preset", "seed"}};
  for (const auto& [a, b] : conflicts)
    if (fields.count(a) && fields.count(b))
      return LinkError(Message{"link_conflict", "{0}= and {1}= cannot both be given", {a, b}},
                       Hint{"link_keep_one", "keep one of them", {}});
  if (fields.count("data") && fields.at("data") == "lesson")
    for (const char* key : {"values", "seed"})
      if (fields.count(key))
        return LinkError(
            Message{"link_conflict", "{0}= and {1}= cannot both be given", {"data", key}},
            Hint{"link_keep_one", "keep one of them", {}});
  if (!conv && !fields.count("lesson") && !fields.count("preset"))
    return LinkError(
        Message{"link_no_layer", "the link names no layer", {}},
        Hint{"link_no_layer", "add conv=C,O,K (like conv=3,8,2), lesson=N or preset=NAME", {}});
  return true;
}

// The chapter (lesson=N) and the preset (preset=NAME) a link opens, before its own layer.
Result<bool> OpenNamedSessions(AppState& app, const Fields& fields) {
  const int chapters = static_cast<int>(app.teach.lesson.chapters.size());
  if (fields.count("lesson")) {
    auto number = NumberOr(fields, "lesson", 0, false, "lesson=4");
    if (!number) return number.error();
    if (*number < 1 || *number > chapters)
      return LinkError(
          Message{"link_no_chapter",
                  "lesson={0} names no chapter: there are {1}",
                  {std::to_string(*number), std::to_string(chapters)}},
          Hint{"link_chapter_range", "choose a chapter from 1 to {0}", {std::to_string(chapters)}});
    auto opened = OpenChapter(app, static_cast<int>(*number) - 1, true);
    if (!opened) return opened.error();
  }
  if (fields.count("preset")) {
    std::string ids;
    for (size_t i = 0; i < app.presets.size(); ++i) {
      ids += (ids.empty() ? "" : ", ") + PresetId(app.presets[i]);
      if (PresetId(app.presets[i]) == fields.at("preset")) return OpenPreset(app, i);
    }
    return BadValue("preset", fields.at("preset"), Message{"link_one_of", "one of {0}", {ids}},
                    "preset=01_seed_example");
  }
  return true;
}

// Granularity, step, view and language: on top of the session just shown.
Result<bool> ApplyView(AppState& app, const Fields& fields, bool chapter_open) {
  if (fields.count("gran")) {
    auto gran = ParseChoice(fields, "gran", {"tap", "window", "row", "batch"});
    if (!gran) return gran.error();
    SetGranularity(app, static_cast<Granularity>(*gran));
  } else if (!chapter_open) {
    SetGranularity(app, Granularity::kTap);
  }
  const int64_t shown = chapter_open ? app.timeline.step : 0;
  auto step = NumberOr(fields, "step", shown, false, "step=4");
  if (!step) return step.error();
  const int64_t count = StepCount(app);
  if (*step >= std::max<int64_t>(count, 1)) {
    const std::string last = std::to_string(std::max<int64_t>(count - 1, 0));
    return LinkError(
        Message{"link_step_past_end",
                "step={0} is past the end: this screen has {1} steps at granularity {2}",
                {std::to_string(*step), std::to_string(count),
                 GranularityName(app.timeline.granularity)}},
        Hint{"link_step_range", "choose a step from 0 to {0}", {last}});
  }
  SeekStep(app, *step);
  app.timeline.playing = false;
  app.teach.lesson.pause_at.reset();
  app.window_tween.progress = 1.f;
  if (fields.count("view")) {
    auto view = ParseChoice(fields, "view", {"steps", "code", "conv2d", "matmul"});
    if (!view) return view.error();
    app.view.show.view = static_cast<MainView>(*view);
  } else if (!chapter_open) {
    app.view.show.view = MainView::kSteps;
  }
  if (fields.count("lang")) {
    std::vector<std::string> codes;
    for (const LanguageInfo& language : kLanguages) codes.push_back(language.code);
    auto lang = ParseChoice(fields, "lang", codes);
    if (!lang) return lang.error();
    if (app.teach.language != codes[*lang]) SetLanguage(app, codes[*lang]);
  }
  return true;
}

Result<bool> ApplyFields(AppState& app, const Fields& fields) {
  if (auto combined = CheckKeyCombinations(fields); !combined) return combined;
  if (!fields.count("lesson")) {
    LessonState& lesson = app.teach.lesson;
    lesson.current = -1;
    lesson.chapter_session.reset();
    app.show_forgot_permute = false;
  }
  if (auto opened = OpenNamedSessions(app, fields); !opened) return opened;
  const bool chapter_open = fields.count("lesson") > 0;
  if (fields.count("conv"))
    if (auto shown = ShowLinkedLayer(app, fields, chapter_open); !shown) return shown;
  if (auto view = ApplyView(app, fields, chapter_open); !view) return view;
  if (fields.count("data") && fields.at("data") == "own")
    app.notice =
        TrFormat(app.i18n, "notice.link_own_values", {std::to_string(app.session->recipe.seed)});
  return true;
}

// --- Writing -------------------------------------------------------------------------------

std::string LayerKeys(const Recipe& r) {
  const Conv1dSpec& s = r.spec;
  std::string out = "conv=" + std::to_string(s.in_channels) + "," + std::to_string(s.out_channels) +
                    "," + std::to_string(s.kernel_size);
  if (s.stride != 1) out += "&stride=" + std::to_string(s.stride);
  if (s.padding_kind == PaddingKind::kSame) out += "&pad=same";
  if (s.padding_kind == PaddingKind::kValid) out += "&pad=valid";
  if (s.padding_kind == PaddingKind::kExplicit && s.padding != 0)
    out += "&pad=" + std::to_string(s.padding);
  if (s.dilation != 1) out += "&dil=" + std::to_string(s.dilation);
  if (s.groups != 1) out += "&groups=" + std::to_string(s.groups);
  if (s.padding_mode != PaddingMode::kZeros) out += "&mode=" + PaddingModeName(s.padding_mode);
  if (!s.bias) out += "&bias=0";
  out += "&shape=" + std::to_string(r.batch) + "," + std::to_string(r.length);
  if (r.layout == InputLayout::kNCL) out += "&layout=ncl";
  return out;
}

// The preset whose file the recipe's tensors came from unchanged, or nullptr.
const Preset* UnchangedPreset(const AppState& app, const Recipe& r) {
  if (r.values != ValuesFrom::kSpecFile || r.edited) return nullptr;
  for (const Preset& preset : app.presets)
    if (std::filesystem::path(preset.path).filename().string() == r.origin) return &preset;
  return nullptr;
}

std::string ValueKeys(const Recipe& r) {
  std::string out;
  if (r.source != ValueSource::kTorchRandn)
    out += std::string("&values=") + ValueSourceName(r.source);
  return out + "&seed=" + std::to_string(r.seed);
}

}  // namespace

std::string ShareFragment(const AppState& app) {
  const Recipe& r = app.session->recipe;
  const bool on_script = CurrentChapter(app) && !OffScript(app);
  std::string out = LayerKeys(r);
  if (on_script && r.values != ValuesFrom::kGenerated) {
    out += "&data=lesson";
  } else if (const Preset* preset = UnchangedPreset(app, r)) {
    out += "&preset=" + PresetId(*preset);
  } else {
    if (r.values == ValuesFrom::kSeedDocument) out += "&data=document";
    if (r.values == ValuesFrom::kSpecFile || r.values == ValuesFrom::kSentences) out += "&data=own";
    out += ValueKeys(r);
  }
  out += "&step=" + std::to_string(app.timeline.step);
  out += std::string("&gran=") + GranularityName(app.timeline.granularity);
  const MainView view = app.view.show.view;
  if (view != MainView::kSteps || CurrentChapter(app))
    out += std::string("&view=") + (view == MainView::kCode     ? "code"
                                    : view == MainView::kConv2d ? "conv2d"
                                    : view == MainView::kMatmul ? "matmul"
                                                                : "steps");
  if (CurrentChapter(app)) out += "&lesson=" + std::to_string(app.teach.lesson.current + 1);
  return out + "&lang=" + app.teach.language;
}

Result<bool> ApplyShareFragment(AppState& app, std::string_view fragment) {
  if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
  if (fragment.empty()) return true;
  auto fields = SplitFragment(fragment);
  Result<bool> applied = fields ? ApplyFields(app, *fields) : Result<bool>(fields.error());
  if (applied) return true;
  ShowSeedExample(app);
  app.notice = LocalizedOneLine(app.i18n, applied.error());
  return applied;
}

}  // namespace convstep::gui
