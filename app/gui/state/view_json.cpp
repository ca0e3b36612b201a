#include "state/view_json.h"

#include <cmath>

namespace convstep::gui {
namespace {

using nlohmann::json;

std::string Got(const json& value) {
  std::string text = value.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

// `wanted` is a translatable phrase: "a number", "an object", ...
Error TypeError(const std::string& path, Message wanted, const json& value) {
  return MakeError(
      Message{"key_type", "{0} must be {1}, but got {2}", {path, std::move(wanted), Got(value)}},
      path, Hint{"key_type", "fix that key, or remove it to use the default", {}});
}

constexpr const char* kSideTabs[] = {"lesson", "parameters", "sentences"};
constexpr const char* kMainViews[] = {"steps", "code", "conv2d", "matmul"};

struct CanvasEntry {
  const char* key;
  CanvasView Canvases::*member;
};

constexpr CanvasEntry kCanvases[] = {{"input", &Canvases::input},
                                     {"permute", &Canvases::permute},
                                     {"kernels", &Canvases::kernels},
                                     {"window", &Canvases::window},
                                     {"output", &Canvases::output}};

constexpr const char* kHoverKinds[] = {"none", "input", "padded", "weight", "output"};

}  // namespace

Result<bool> BoolAt(const json& object, const char* key, bool fallback, const std::string& where) {
  if (!object.contains(key)) return fallback;
  const json& value = object.at(key);
  if (!value.is_boolean())
    return TypeError(where + "." + key, Message{"want_bool", "true or false", {}}, value);
  return value.get<bool>();
}

Result<double> NumberAt(const json& object, const char* key, double fallback, double lo, double hi,
                        const std::string& where) {
  if (!object.contains(key)) return fallback;
  const json& value = object.at(key);
  if (!value.is_number())
    return TypeError(where + "." + key, Message{"want_number", "a number", {}}, value);
  const double number = value.get<double>();
  // Bounds such as kMinZoom are floats: 0.05 typed in a file is 0.05f once stored, so a number
  // that rounds to a bound counts as inside.
  const auto inside = [](double x, double low, double high) { return x >= low && x <= high; };
  const bool in_range =
      inside(number, lo, hi) ||
      inside(static_cast<float>(number), static_cast<float>(lo), static_cast<float>(hi));
  if (!std::isfinite(number) || !in_range) {
    char low[32], high[32];
    std::snprintf(low, sizeof low, "%g", lo);
    std::snprintf(high, sizeof high, "%g", hi);
    return TypeError(where + "." + key,
                     Message{"want_range", "a number from {0} to {1}", {low, high}}, value);
  }
  return number;
}

Result<int64_t> CountAt(const json& object, const char* key, int64_t fallback,
                        const std::string& where) {
  if (!object.contains(key)) return fallback;
  const json& value = object.at(key);
  if (value.is_number_unsigned()) return static_cast<int64_t>(value.get<uint64_t>());
  if (value.is_number_integer() && value.get<int64_t>() >= 0) return value.get<int64_t>();
  return TypeError(where + "." + key, Message{"want_count", "a whole number >= 0", {}}, value);
}

Result<std::string> StringAt(const json& object, const char* key, const std::string& fallback,
                             const std::string& where) {
  if (!object.contains(key)) return fallback;
  const json& value = object.at(key);
  if (!value.is_string())
    return TypeError(where + "." + key, Message{"json_string", "a string", {}}, value);
  return value.get<std::string>();
}

json PanelsToJson(const PanelVisibility& show) {
  json panels = json::object();
  for (const PanelFlag& flag : HideablePanels()) panels[flag.id] = show.*flag.shown;
  panels["side"] = kSideTabs[static_cast<int>(show.side)];
  panels["view"] = kMainViews[static_cast<int>(show.view)];
  return panels;
}

Result<PanelVisibility> PanelsFromJson(const json& value, PanelVisibility show,
                                       const std::string& where) {
  if (!value.is_object()) return TypeError(where, Message{"json_object", "an object", {}}, value);
  for (const PanelFlag& flag : HideablePanels()) {
    // An older name is still read; the current one wins when a file has both.
    const char* key =
        flag.alias && value.contains(flag.alias) && !value.contains(flag.id) ? flag.alias : flag.id;
    auto shown = BoolAt(value, key, show.*flag.shown, where);
    if (!shown) return shown.error();
    show.*flag.shown = *shown;
  }
  auto side = StringAt(value, "side", kSideTabs[static_cast<int>(show.side)], where);
  if (!side) return side.error();
  bool known = false;
  for (int i = 0; i < 3; ++i)
    if (*side == kSideTabs[i]) {
      show.side = static_cast<SideTab>(i);
      known = true;
    }
  if (!known)
    return TypeError(where + ".side",
                     Message{"want_side", "\"lesson\", \"parameters\" or \"sentences\"", {}},
                     value.at("side"));
  auto view = StringAt(value, "view", kMainViews[static_cast<int>(show.view)], where);
  if (!view) return view.error();
  known = false;
  for (int i = 0; i < 4; ++i)
    if (*view == kMainViews[i]) {
      show.view = static_cast<MainView>(i);
      known = true;
    }
  if (!known)
    return TypeError(where + ".view",
                     Message{"want_view", "\"steps\", \"code\", \"conv2d\" or \"matmul\"", {}},
                     value.at("view"));
  return show;
}

json CanvasesToJson(const Canvases& canvases) {
  json out = json::object();
  for (const CanvasEntry& entry : kCanvases) {
    const CanvasView& view = canvases.*entry.member;
    out[entry.key] = {
        {"zoom", view.zoom}, {"pan", {view.pan.x, view.pan.y}}, {"follow", view.follow}};
  }
  return out;
}

Result<Canvases> CanvasesFromJson(const json& value, Canvases canvases, const std::string& where) {
  if (!value.is_object()) return TypeError(where, Message{"json_object", "an object", {}}, value);
  for (const CanvasEntry& entry : kCanvases) {
    if (!value.contains(entry.key)) continue;
    const json& item = value.at(entry.key);
    const std::string path = where + "." + entry.key;
    if (!item.is_object()) return TypeError(path, Message{"json_object", "an object", {}}, item);
    CanvasView view = canvases.*entry.member;
    auto zoom = NumberAt(item, "zoom", view.zoom, kMinZoom, kMaxZoom, path);
    if (!zoom) return zoom.error();
    view.zoom = static_cast<float>(*zoom);
    auto follow = BoolAt(item, "follow", view.follow, path);
    if (!follow) return follow.error();
    view.follow = *follow;
    if (item.contains("pan")) {
      const json& pan = item.at("pan");
      if (!pan.is_array() || pan.size() != 2 || !pan[0].is_number() || !pan[1].is_number())
        return TypeError(path + ".pan", Message{"want_pan", "two numbers [x, y]", {}}, pan);
      view.pan = ImVec2(pan[0].get<float>(), pan[1].get<float>());
    }
    canvases.*entry.member = view;
  }
  return canvases;
}

json PinToJson(const HoverTarget& pin) {
  if (pin.kind == HoverKind::kNone) return nullptr;
  return {{"kind", kHoverKinds[static_cast<int>(pin.kind)]}, {"at", {pin.a, pin.b, pin.c}}};
}

Result<HoverTarget> PinFromJson(const json& value, const std::string& where) {
  HoverTarget pin;
  if (value.is_null()) return pin;
  if (!value.is_object())
    return TypeError(where, Message{"want_object_or_null", "an object or null", {}}, value);
  auto kind = StringAt(value, "kind", "none", where);
  if (!kind) return kind.error();
  bool known = false;
  for (int i = 0; i < 5; ++i)
    if (*kind == kHoverKinds[i]) {
      pin.kind = static_cast<HoverKind>(i);
      known = true;
    }
  if (!known)
    return TypeError(where + ".kind",
                     Message{"want_kind", "\"input\", \"padded\", \"weight\" or \"output\"", {}},
                     value.at("kind"));
  if (pin.kind == HoverKind::kNone) return pin;
  const json at = value.contains("at") ? value.at("at") : json();
  bool ok = at.is_array() && at.size() == 3;
  for (size_t i = 0; ok && i < 3; ++i)
    ok = at[i].is_number_unsigned() || (at[i].is_number_integer() && at[i].get<int64_t>() >= 0);
  if (!ok)
    return TypeError(where + ".at", Message{"want_at", "three whole numbers [a, b, c]", {}}, at);
  pin.a = at[0].get<int64_t>();
  pin.b = at[1].get<int64_t>();
  pin.c = at[2].get<int64_t>();
  return pin;
}

}  // namespace convstep::gui
