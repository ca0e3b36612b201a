#include "state/session_file.h"

#include <filesystem>

#include "convstep/io_json.h"
#include "convstep/io_npy.h"
#include "convstep/json_text.h"
#include "file_target.h"
#include "state/background.h"
#include "state/view_json.h"

namespace convstep::gui {
namespace {

using nlohmann::json;

constexpr int kSessionFormat = 1;

const char* ValuesFromName(ValuesFrom from) {
  switch (from) {
    case ValuesFrom::kGenerated:
      return "generated";
    case ValuesFrom::kSeedDocument:
      return "seed_document";
    case ValuesFrom::kSpecFile:
      return "file";
    case ValuesFrom::kSentences:
      return "sentences";
  }
  return "generated";
}

bool ParseValuesFrom(const std::string& name, ValuesFrom* out) {
  for (ValuesFrom from : {ValuesFrom::kGenerated, ValuesFrom::kSeedDocument, ValuesFrom::kSpecFile,
                          ValuesFrom::kSentences})
    if (name == ValuesFromName(from)) {
      *out = from;
      return true;
    }
  return false;
}

// A tensor inline, or as a .npy file beside the document when it is large.
json TensorEntry(const Tensor& tensor, const std::string& stem, const char* name,
                 std::vector<std::pair<std::string, const Tensor*>>* sidecars) {
  if (tensor.numel() <= kInlineTensorElements || !sidecars) return TensorToJson(tensor);
  const std::string file = stem + "." + name + ".npy";
  sidecars->emplace_back(file, &tensor);
  return {{"file", file}};
}

// What the document's "session" and "view" objects say, read and checked before anything
// changes.
struct SessionExtras {
  bool has_session = false;
  ValuesFrom values_from = ValuesFrom::kGenerated;
  std::optional<std::string> origin;  ///< absent: the file's own name
  bool edited = false;
  std::vector<std::string> fixed;  ///< tensors that are fixed (others regenerate)
  int64_t step = 0;
  Granularity granularity = Granularity::kTap;
  float speed = 1.f;
  std::optional<TapCoord> anchor;
  HoverTarget pin;
  bool has_view = false;
  ViewSettings view;
  Canvases canvases;
};

Error InFile(const std::string& origin, Error error) {
  if (!origin.empty())
    SetMessage(error, Message{"in_file", "{0}: {1}", {origin, MessageOf(error)}});
  return error;
}

Result<SessionExtras> ReadExtras(const json& extra, const AppState& app) {
  SessionExtras out;
  out.view = app.view;
  out.canvases = Canvases{};
  if (extra.contains("session")) {
    const json& session = extra.at("session");
    if (!session.is_object())
      return MakeError(
          Message{"session_not_object",
                  "session must be an object, but got {0}",
                  {JsonExcerpt(session)}},
          "session", Hint{"session_not_object", "remove it to open the file as a plain spec", {}});
    out.has_session = true;
    auto from = StringAt(session, "values_from", "generated", "session");
    if (!from) return from.error();
    if (!ParseValuesFrom(*from, &out.values_from))
      return MakeError(Message{"session_values_from",
                               "session.values_from must be \"generated\", \"seed_document\", "
                               "\"file\" or \"sentences\", but got \"{0}\"",
                               {*from}},
                       "session.values_from",
                       Hint{"session_values_from", "remove it to keep the tensors as given", {}});
    if (session.contains("origin")) {
      auto origin = StringAt(session, "origin", "", "session");
      if (!origin) return origin.error();
      out.origin = *origin;
    }
    auto edited = BoolAt(session, "edited", false, "session");
    if (!edited) return edited.error();
    out.edited = *edited;
    if (session.contains("fixed")) {
      const json& fixed = session.at("fixed");
      bool ok = fixed.is_array();
      for (const json& name : ok ? fixed : json::array()) {
        ok = ok && name.is_string() && (name == "input" || name == "weight" || name == "bias");
        if (ok) out.fixed.push_back(name.get<std::string>());
      }
      if (!ok)
        return MakeError(Message{"session_fixed",
                                 "session.fixed must list \"input\", \"weight\", \"bias\", but "
                                 "got {0}",
                                 {JsonExcerpt(fixed)}},
                         "session.fixed",
                         Hint{"session_fixed", "remove it to keep every tensor given", {}});
    } else {
      out.fixed = {"input", "weight", "bias"};
    }
    auto step = CountAt(session, "step", 0, "session");
    if (!step) return step.error();
    out.step = *step;
    auto granularity = StringAt(session, "granularity", "tap", "session");
    if (!granularity) return granularity.error();
    if (!ParseGranularity(*granularity, &out.granularity))
      return MakeError(Message{"session_granularity",
                               "session.granularity must be \"tap\", \"window\", \"row\" or "
                               "\"batch\", but got \"{0}\"",
                               {*granularity}},
                       "session.granularity", Hint{"one_of_four", "use one of those four", {}});
    auto speed = NumberAt(session, "speed", 1.0, kMinSpeed, kMaxSpeed, "session");
    if (!speed) return speed.error();
    out.speed = static_cast<float>(*speed);
    if (session.contains("anchor") && !session.at("anchor").is_null()) {
      const json& anchor = session.at("anchor");
      bool ok = anchor.is_array() && anchor.size() == 4;
      for (size_t i = 0; ok && i < 4; ++i) ok = anchor[i].is_number_integer() && anchor[i] >= 0;
      if (!ok)
        return MakeError(Message{"session_anchor",
                                 "session.anchor must be [n, o, t, tap], but got {0}",
                                 {JsonExcerpt(anchor)}},
                         "session.anchor", Hint{"remove_it", "remove it", {}});
      out.anchor = TapCoord{anchor[0].get<int64_t>(), anchor[1].get<int64_t>(),
                            anchor[2].get<int64_t>(), anchor[3].get<int64_t>()};
    }
    if (session.contains("pinned")) {
      auto pin = PinFromJson(session.at("pinned"), "session.pinned");
      if (!pin) return pin.error();
      out.pin = *pin;
    }
  }
  if (extra.contains("view")) {
    const json& view = extra.at("view");
    if (!view.is_object())
      return MakeError(
          Message{"view_not_object", "view must be an object, but got {0}", {JsonExcerpt(view)}},
          "view", Hint{"remove_it", "remove it", {}});
    out.has_view = true;
    auto scale = NumberAt(view, "text_scale", out.view.text_scale, 0.75, 3.0, "view");
    if (!scale) return scale.error();
    out.view.text_scale = static_cast<float>(*scale);
    auto numbers = BoolAt(view, "show_numbers", out.view.show_numbers, "view");
    if (!numbers) return numbers.error();
    out.view.show_numbers = *numbers;
    auto map = StringAt(view, "colormap", ColorMapName(out.view.colormap), "view");
    if (!map) return map.error();
    if (!ParseColorMap(*map, &out.view.colormap))
      return MakeError(Message{"colormap_value",
                               "{0} must be \"blue_orange\", \"blue_red\" or \"purple_green\", but "
                               "got \"{1}\"",
                               {"view.colormap", *map}},
                       "view.colormap", Hint{"one_of_three", "use one of those three", {}});
    if (view.contains("panels")) {
      auto panels = PanelsFromJson(view.at("panels"), out.view.show, "view.panels");
      if (!panels) return panels.error();
      out.view.show = *panels;
    }
    if (view.contains("canvases")) {
      auto canvases = CanvasesFromJson(view.at("canvases"), out.canvases, "view.canvases");
      if (!canvases) return canvases.error();
      out.canvases = *canvases;
    }
  }
  return out;
}

// JSON with every list of plain numbers on one line ([1.5, -2, 0.25]), the rest indented:
// a saved tensor reads row by row, as print(tensor) shows it.
void DumpReadable(const json& value, int depth, std::string& out) {
  const std::string pad(static_cast<size_t>(depth) * 2, ' ');
  const std::string inner(static_cast<size_t>(depth + 1) * 2, ' ');
  if (value.is_object() && !value.empty()) {
    out += "{\n";
    size_t i = 0;
    for (auto it = value.begin(); it != value.end(); ++it, ++i) {
      out += inner + json(it.key()).dump() + ": ";
      DumpReadable(it.value(), depth + 1, out);
      out += i + 1 < value.size() ? ",\n" : "\n";
    }
    out += pad + "}";
    return;
  }
  if (value.is_array() && !value.empty()) {
    bool flat = true;
    for (const json& item : value) flat = flat && !item.is_array() && !item.is_object();
    if (flat) {
      out += "[";
      for (size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + DumpJson(value[i]);
      out += "]";
      return;
    }
    out += "[\n";
    for (size_t i = 0; i < value.size(); ++i) {
      out += inner;
      DumpReadable(value[i], depth + 1, out);
      out += i + 1 < value.size() ? ",\n" : "\n";
    }
    out += pad + "]";
    return;
  }
  out += DumpJson(value);  // floats in their shortest round-trip form
}

bool Contains(const std::vector<std::string>& list, const char* name) {
  for (const std::string& item : list)
    if (item == name) return true;
  return false;
}

}  // namespace

json SessionToJson(const AppState& app, const std::string& stem,
                   std::vector<std::pair<std::string, const Tensor*>>* sidecars) {
  const Session& session = *app.session;
  const Recipe& recipe = session.recipe;
  json doc = json::object();
  doc["title"] = "ConvStep session";
  doc["conv"] = ConvToJson(recipe.spec);
  doc["input_layout"] = recipe.layout == InputLayout::kNLC ? "NLC" : "NCL";
  doc["values"] = ValueSourceName(recipe.source);
  doc["seed"] = recipe.seed;
  std::vector<std::string> fixed;
  switch (recipe.values) {
    case ValuesFrom::kGenerated:  // the numbers follow from the shape, the source and the seed
      doc["input_shape"] = session.input_given.shape;
      break;
    case ValuesFrom::kSentences:
      doc["sentences"] = recipe.sentences;
      break;
    case ValuesFrom::kSeedDocument:
      doc["input"] = TensorEntry(session.input_given, stem, "input", sidecars);
      fixed = {"input"};
      break;
    case ValuesFrom::kSpecFile:
      doc["input"] = TensorEntry(session.input_given, stem, "input", sidecars);
      if (recipe.fixed_input) fixed.push_back("input");
      if (recipe.fixed_weight) fixed.push_back("weight");
      if (recipe.fixed_bias && recipe.spec.bias) fixed.push_back("bias");
      break;
  }
  // Weights are always written when the values are not all generated: convstep-cli fills
  // missing ones its own way, and must see the numbers on screen.
  if (recipe.values != ValuesFrom::kGenerated) {
    doc["weight"] = TensorEntry(session.problem.weight, stem, "weight", sidecars);
    if (recipe.spec.bias) doc["bias"] = TensorEntry(session.problem.bias, stem, "bias", sidecars);
  }
  json state = {{"format", kSessionFormat},
                {"values_from", ValuesFromName(recipe.values)},
                {"origin", recipe.origin},
                {"edited", recipe.edited},
                {"fixed", fixed},
                {"step", app.timeline.step},
                {"granularity", GranularityName(app.timeline.granularity)},
                {"speed", app.timeline.speed},
                {"pinned", PinToJson(app.hover.pinned)}};
  // The exact tap a coarser granularity remembers, while it is in effect.
  if (const auto& a = app.timeline.anchor;
      a && MakeWalkthrough(session).StepOf(*a, app.timeline.granularity) == app.timeline.step)
    state["anchor"] = {a->n, a->out_channel, a->t, a->tap};
  doc["session"] = state;
  doc["view"] = {{"text_scale", app.view.text_scale},
                 {"show_numbers", app.view.show_numbers},
                 {"colormap", ColorMapName(app.view.colormap)},
                 {"panels", PanelsToJson(app.view.show)},
                 {"canvases", CanvasesToJson(app.canvases)}};
  return doc;
}

Result<bool> SaveSessionFile(const AppState& app, const std::string& path) {
  if (path.empty())
    return MakeError(Message{"no_file_name", "no file name given", {}}, "file",
                     Hint{"path_json", "type a path ending in .json", {}});
  // A folder, a pipe or a device is refused before anything is written (a link is followed).
  if (auto target = exporting::ResolveWriteTarget(path, "session.json"); !target)
    return target.error();
  const std::filesystem::path file(path);
  const std::filesystem::path folder = file.parent_path();
  std::vector<std::pair<std::string, const Tensor*>> sidecars;
  const json doc = SessionToJson(app, file.stem().string(), &sidecars);
  for (const auto& [name, tensor] : sidecars) {
    const std::string sidecar = (folder / name).string();
    if (auto written = exporting::WriteFileSafely(sidecar, WriteNpy(*tensor), "tensor.npy");
        !written)
      return written.error();
  }
  std::string text;
  DumpReadable(doc, 0, text);
  return exporting::WriteFileSafely(path, text + "\n", "session.json");
}

Result<bool> OpenSessionText(AppState& app, const std::string& text, const std::string& base_dir,
                             const std::string& origin) {
  auto doc = ParseSpecJson(text, base_dir);
  if (!doc) return InFile(origin, doc.error());
  auto extras = ReadExtras(doc->extra, app);
  if (!extras) return InFile(origin, extras.error());
  auto made = RecipeFromDocument(*doc, std::filesystem::path(origin).filename().string());
  if (!made) return InFile(origin, made.error());
  Recipe recipe = std::move(made).value();
  if (extras->has_session) {
    if (extras->origin) recipe.origin = *extras->origin;
    switch (extras->values_from) {
      case ValuesFrom::kGenerated:
      case ValuesFrom::kSentences:
        break;  // the document itself says so (input_shape / sentences)
      case ValuesFrom::kSeedDocument:
        if (recipe.fixed_input) {
          recipe.values = ValuesFrom::kSeedDocument;
          recipe.fixed_weight.reset();
          recipe.fixed_bias.reset();
        }
        break;
      case ValuesFrom::kSpecFile:
        if (recipe.values == ValuesFrom::kSpecFile) {
          recipe.edited = extras->edited;
          if (!Contains(extras->fixed, "input")) recipe.fixed_input.reset();
          if (!Contains(extras->fixed, "weight")) recipe.fixed_weight.reset();
          if (!Contains(extras->fixed, "bias")) recipe.fixed_bias.reset();
        }
        break;
    }
  }
  auto built = BuildSession(recipe, SessionLimits(app));
  if (!built) return InFile(origin, built.error());
  auto session = std::make_shared<const Session>(std::move(built).value());
  const Walkthrough walk = MakeWalkthrough(*session);
  const int64_t count = walk.StepCount(extras->granularity);
  if (extras->has_session && count > 0 && extras->step >= count)
    return InFile(
        origin,
        MakeError(Message{"session_step",
                          "session.step is {0}, but this session has {1} steps at "
                          "granularity {2}",
                          {std::to_string(extras->step), std::to_string(count),
                           GranularityName(extras->granularity)}},
                  "session.step",
                  Hint{"session_step", "use a step from 0 to {0}", {std::to_string(count - 1)}}));
  if (extras->pin.kind != HoverKind::kNone && !TargetExists(*session, extras->pin))
    return InFile(
        origin,
        MakeError(Message{"session_pinned", "session.pinned names no cell of this session", {}},
                  "session.pinned", Hint{"session_pinned", "remove it, or fix its \"at\"", {}}));
  // Everything checked: now the screen changes, all at once (and no older edit still being
  // built in the background may replace it afterwards).
  ShowSession(app, session, Keep::kNothing);
  app.timeline = Timeline{};
  app.timeline.granularity = extras->granularity;
  app.timeline.speed = extras->speed;
  app.timeline.step = ClampStep(extras->step, count);
  if (extras->anchor && walk.StepOf(*extras->anchor, extras->granularity) == app.timeline.step)
    app.timeline.anchor = extras->anchor;
  app.hover.pinned = extras->pin;
  app.canvases = extras->canvases;
  if (extras->has_view) {
    if (extras->view.text_scale != app.view.text_scale) SetTextScale(app, extras->view.text_scale);
    app.view.show_numbers = extras->view.show_numbers;
    app.view.colormap = extras->view.colormap;
    app.view.show = extras->view.show;
  }
  app.permute.progress = 1.f;
  app.permute.playing = false;
  SeekStep(app, app.timeline.step);
  app.window_tween.progress = 1.f;
  return true;
}

Result<bool> OpenSessionFile(AppState& app, const std::string& path) {
  auto text = ReadFileBytes(path);
  if (!text) return text.error();
  const std::string folder = std::filesystem::path(path).parent_path().string();
  auto opened = OpenSessionText(app, *text, folder.empty() ? "." : folder, path);
  if (opened) app.files.current_file = path;
  return opened;
}

std::vector<std::string> SessionSidecars(const std::string& path) {
  std::vector<std::string> files;
  auto text = ReadFileBytes(path);
  if (!text) return files;
  auto parsed = ParseJsonText(*text);  // nesting limited: a broken file cannot overflow the stack
  if (!parsed || !parsed->is_object()) return files;
  const json& doc = *parsed;
  for (const char* key : {"input", "weight", "bias"})
    if (doc.contains(key) && doc[key].is_object() && doc[key].contains("file") &&
        doc[key]["file"].is_string())
      files.push_back(doc[key]["file"].get<std::string>());
  return files;
}

}  // namespace convstep::gui
