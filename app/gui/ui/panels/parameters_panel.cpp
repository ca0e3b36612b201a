#include "ui/panels/parameters_panel.h"

#include <algorithm>

#include "state/cell_edit.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// Shared by the rows: the label column's width and the error to show.
struct Rows {
  AppState& app;
  float label_w = 0.f;
};

bool HasError(const AppState& app, const char* control) {
  return app.edit_error && app.edit_error->control == control;
}

// The label a control has on this panel ("kernel_size  k"), for pointing at it.
std::string ControlName(const AppState& app, const std::string& control) {
  if (control == "values" || control == "seed" || control == "layout" || control == "bias" ||
      control == "padding" || control == "padding_mode" || control == "batch" ||
      control == "length" || control == "in_channels" || control == "out_channels" ||
      control == "kernel_size" || control == "stride" || control == "dilation" ||
      control == "groups")
    return Tr(app.i18n, ("params." + control).c_str());
  return control;
}

// The label of a row (and its tooltip), then positions the cursor for the control.
void RowLabel(const Rows& rows, const char* control, const char* label_key,
              const char* tooltip_key) {
  const bool error = HasError(rows.app, control);
  ImGui::AlignTextToFramePadding();
  if (error) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
  ImGui::TextUnformatted(Tr(rows.app.i18n, label_key));
  if (error) ImGui::PopStyleColor();
  if (tooltip_key && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    TextWrappedCjk(Tr(rows.app.i18n, tooltip_key), ImGui::GetFontSize() * 24.f);
    ImGui::EndTooltip();
  }
  ImGui::SameLine(rows.label_w);
  ImGui::SetNextItemWidth(-1.f);
  if (error) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1.f, 0.82f, 0.82f, 1.f));
}

void EndRow(const Rows& rows, const char* control) {
  if (HasError(rows.app, control)) ImGui::PopStyleColor();
}

// The error box under the control at fault: PyTorch's message, the hint, and undo.
void ErrorBox(AppState& app, const char* control) {
  // The control the user changed, when PyTorch blames another one: point there.
  if (app.edit_error && app.edit_error->edited == control && app.edit_error->control != control) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
    TextWrappedCjk(
        TrFormat(app.i18n, "params.see_other", {ControlName(app, app.edit_error->control)})
            .c_str());
    ImGui::PopStyleColor();
  }
  if (!HasError(app, control)) return;
  const Error& error = app.edit_error->error;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.f, 0.94f, 0.94f, 1.f));
  ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(Palette::kError));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 2.f);
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - ImGui::GetStyle().WindowPadding.x * 2.f;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const char* kept = Tr(app.i18n, "params.last_valid_kept");
  const ImGuiStyle& style = ImGui::GetStyle();
  // PyTorch's message stays as PyTorch prints it (ConvStep's own are translated); the hint and
  // the note speak the UI's language.
  const std::string message = LocalizedMessage(app.i18n, error);
  const std::string hint = LocalizedHint(app.i18n, error);
  const auto wrapped_height = [&](const char* text) {
    const size_t lines = WrapLines(text, ImGui::GetFont(), ImGui::GetFontSize(), wrap).size();
    return static_cast<float>(lines) * ImGui::GetTextLineHeightWithSpacing();
  };
  const float height = wrapped_height(message.c_str()) + wrapped_height(hint.c_str()) +
                       wrapped_height(kept) + line * 2.f + style.ItemSpacing.y * 4.f +
                       style.WindowPadding.y * 2.f;
  ImGui::BeginChild((std::string("error_") + control).c_str(), ImVec2(width, height), true,
                    ImGuiWindowFlags_NoScrollbar);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
  // PyTorch's own refusals keep its words; ConvStep's own checks (a translated message: the
  // memory budget, a layer PyTorch runs wrongly) say they are ConvStep's.
  ImGui::TextUnformatted(Tr(
      app.i18n, error.message_key.empty() ? "params.error_title" : "params.error_title_convstep"));
  TextWrappedCjk(message.c_str(), wrap);
  ImGui::PopStyleColor();
  TextWrappedCjk(hint.c_str(), wrap);
  MutedText(kept);
  if (SmallButtonWhole(Label(app.i18n, "params.undo").c_str())) RevertDraft(app);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

// An integer argument: typed or stepped with - / +, applied at once.
void IntRow(const Rows& rows, const char* control, const char* label_key, const char* tooltip_key,
            int64_t value, bool (*apply)(AppState&, int64_t, const char*)) {
  RowLabel(rows, control, label_key, tooltip_key);
  const int64_t one = 1, ten = 10;
  int64_t edited = value;
  const bool changed = ImGui::InputScalar((std::string("##") + control).c_str(), ImGuiDataType_S64,
                                          &edited, &one, &ten, "%lld");
  EndRow(rows, control);
  if (changed && edited != value) apply(rows.app, edited, control);
  ErrorBox(rows.app, control);
}

bool ApplySpecField(AppState& app, int64_t value, const char* control) {
  Conv1dSpec spec = app.draft.spec;
  const std::string name = control;
  if (name == "in_channels")
    spec.in_channels = value;
  else if (name == "out_channels")
    spec.out_channels = value;
  else if (name == "kernel_size")
    spec.kernel_size = value;
  else if (name == "stride")
    spec.stride = value;
  else if (name == "padding")
    spec.padding = value;
  else if (name == "dilation")
    spec.dilation = value;
  else if (name == "groups")
    spec.groups = value;
  return SetSpec(app, spec, control);
}

bool ApplyBatch(AppState& app, int64_t value, const char*) {
  return SetBatch(app, value);
}
bool ApplyLength(AppState& app, int64_t value, const char*) {
  return SetLength(app, value);
}

// padding: a number (typed or stepped), or one of the strings 'same' / 'valid' as toggles.
void PaddingRow(const Rows& rows) {
  AppState& app = rows.app;
  const Conv1dSpec& spec = app.draft.spec;
  RowLabel(rows, "padding", "params.padding", "params.padding_tooltip");
  const bool explicit_number = spec.padding_kind == PaddingKind::kExplicit;
  const int64_t one = 1, ten = 10;
  int64_t value = spec.padding;
  if (!explicit_number) ImGui::BeginDisabled();
  if (ImGui::InputScalar("##padding", ImGuiDataType_S64, &value, &one, &ten, "%lld") &&
      value != spec.padding)
    ApplySpecField(app, value, "padding");
  if (!explicit_number) ImGui::EndDisabled();
  // The strings go on a line of their own, under the number.
  ImGui::SetCursorPosX(rows.label_w);
  for (PaddingKind kind : {PaddingKind::kSame, PaddingKind::kValid}) {
    if (kind == PaddingKind::kValid) ImGui::SameLine();
    const bool active = spec.padding_kind == kind;
    if (active)
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(kind == PaddingKind::kSame ? "'same'" : "'valid'")) {
      Conv1dSpec edited = spec;
      edited.padding_kind = active ? PaddingKind::kExplicit : kind;
      edited.padding = 0;
      SetSpec(app, edited, "padding");
    }
    if (active) ImGui::PopStyleColor();
  }
  EndRow(rows, "padding");
  ErrorBox(app, "padding");
}

void PaddingModeRow(const Rows& rows) {
  AppState& app = rows.app;
  RowLabel(rows, "padding_mode", "params.padding_mode", "params.padding_mode_tooltip");
  const PaddingMode modes[] = {PaddingMode::kZeros, PaddingMode::kReflect, PaddingMode::kReplicate,
                               PaddingMode::kCircular};
  const std::string current = PaddingModeName(app.draft.spec.padding_mode);
  if (BeginComboFitting("##padding_mode", current)) {
    for (PaddingMode mode : modes) {
      if (ImGui::Selectable(PaddingModeName(mode).c_str(), mode == app.draft.spec.padding_mode)) {
        Conv1dSpec spec = app.draft.spec;
        spec.padding_mode = mode;
        SetSpec(app, spec, "padding_mode");
      }
    }
    ImGui::EndCombo();
  }
  EndRow(rows, "padding_mode");
  ErrorBox(app, "padding_mode");
}

void BiasRow(const Rows& rows) {
  AppState& app = rows.app;
  RowLabel(rows, "bias", "params.bias", "params.bias_tooltip");
  bool bias = app.draft.spec.bias;
  if (ImGui::Checkbox("##bias", &bias)) {
    Conv1dSpec spec = app.draft.spec;
    spec.bias = bias;
    SetSpec(app, spec, "bias");
  }
  EndRow(rows, "bias");
  ErrorBox(app, "bias");
}

void LayoutRow(const Rows& rows) {
  AppState& app = rows.app;
  RowLabel(rows, "layout", "params.layout", "params.layout_tooltip");
  const InputLayout layouts[] = {InputLayout::kNLC, InputLayout::kNCL};
  const char* keys[] = {"params.layout_nlc", "params.layout_ncl"};
  const int current = app.draft.layout == InputLayout::kNLC ? 0 : 1;
  if (BeginComboFitting("##layout", Tr(app.i18n, keys[current]))) {
    for (int i = 0; i < 2; ++i)
      if (ImGui::Selectable(Label(app.i18n, keys[i]).c_str(), i == current))
        SetLayout(app, layouts[i]);
    ImGui::EndCombo();
  }
  EndRow(rows, "layout");
  ErrorBox(app, "layout");
}

void ValuesRow(const Rows& rows) {
  AppState& app = rows.app;
  const Recipe& draft = app.draft;
  RowLabel(rows, "values", "params.values", "params.values_tooltip");
  const ValueSource sources[] = {ValueSource::kTorchRandn, ValueSource::kArange,
                                 ValueSource::kSmallIntegers, ValueSource::kOnes,
                                 ValueSource::kZeros};
  const char* source_keys[] = {"values.randn", "values.arange", "values.small_integers",
                               "values.ones", "values.zeros"};
  std::string current;
  if (draft.values == ValuesFrom::kSeedDocument)
    current = Tr(app.i18n, "values.seed_document");
  else if (draft.values == ValuesFrom::kSpecFile)
    current = ValuesOriginLabel(app.i18n, draft);  // a file, pasted text, or edited values
  else if (draft.values == ValuesFrom::kSentences)
    current = Tr(app.i18n, "values.sentences");
  else
    current = Tr(app.i18n, source_keys[static_cast<int>(draft.source)]);
  if (BeginComboFitting("##values", current)) {
    for (size_t i = 0; i < 5; ++i) {
      const bool selected = draft.values == ValuesFrom::kGenerated && draft.source == sources[i];
      if (ImGui::Selectable(Label(app.i18n, source_keys[i]).c_str(), selected))
        SetValueSource(app, sources[i]);
    }
    if (ImGui::Selectable(Label(app.i18n, "values.seed_document").c_str(),
                          draft.values == ValuesFrom::kSeedDocument))
      UseSeedDocumentInput(app);
    ImGui::EndCombo();
  }
  EndRow(rows, "values");
  ErrorBox(app, "values");

  RowLabel(rows, "seed", "params.seed", "params.seed_tooltip");
  uint64_t seed = draft.seed;
  const uint64_t one = 1;
  if (ImGui::InputScalar("##seed", ImGuiDataType_U64, &seed, &one, nullptr, "%llu") &&
      seed != draft.seed)
    SetSeed(app, seed);
  EndRow(rows, "seed");
  ErrorBox(app, "seed");
}

void SectionHeader(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kKernelFrame));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

}  // namespace

void DrawParametersPanel(const Frame& frame, AppState& app) {
  if (!BeginPanel(Label(app.i18n, "panel.parameters").c_str(), frame.layout.parameters)) {
    EndPanel();
    return;
  }
  // The label column is as wide as the widest label in the current language.
  float label_w = 0.f;
  for (const char* key :
       {"params.in_channels", "params.out_channels", "params.kernel_size", "params.stride",
        "params.padding", "params.dilation", "params.groups", "params.bias", "params.padding_mode",
        "params.batch", "params.length", "params.layout", "params.values", "params.seed"})
    label_w = std::max(label_w, ImGui::CalcTextSize(Tr(app.i18n, key)).x);
  Rows rows{app, label_w + ImGui::GetStyle().ItemSpacing.x * 2.f};
  // Presets.
  ImGui::SetNextItemWidth(-1.f);
  if (BeginComboFitting("##preset", Tr(app.i18n, "params.presets"))) {
    for (size_t i = 0; i < app.presets.size(); ++i) {
      if (ImGui::Selectable(PresetTitle(app.i18n, app.presets[i]).c_str())) {
        auto opened = OpenPreset(app, i);
        app.notice = opened ? "" : LocalizedOneLine(app.i18n, opened.error());
      }
    }
    ImGui::EndCombo();
  }
  const Recipe& draft = app.draft;
  SectionHeader(SpecPython(draft.spec).c_str());
  IntRow(rows, "in_channels", "params.in_channels", "params.in_channels_tooltip",
         draft.spec.in_channels, ApplySpecField);
  IntRow(rows, "out_channels", "params.out_channels", "params.out_channels_tooltip",
         draft.spec.out_channels, ApplySpecField);
  IntRow(rows, "kernel_size", "params.kernel_size", "params.kernel_size_tooltip",
         draft.spec.kernel_size, ApplySpecField);
  IntRow(rows, "stride", "params.stride", "params.stride_tooltip", app.draft.spec.stride,
         ApplySpecField);
  PaddingRow(rows);
  IntRow(rows, "dilation", "params.dilation", "params.dilation_tooltip", app.draft.spec.dilation,
         ApplySpecField);
  IntRow(rows, "groups", "params.groups", "params.groups_tooltip", app.draft.spec.groups,
         ApplySpecField);
  BiasRow(rows);
  PaddingModeRow(rows);

  SectionHeader(Tr(app.i18n, "params.input_section"));
  IntRow(rows, "batch", "params.batch", "params.batch_tooltip", app.draft.batch, ApplyBatch);
  IntRow(rows, "length", "params.length", "params.length_tooltip", app.draft.length, ApplyLength);
  LayoutRow(rows);
  ValuesRow(rows);
  ImGui::Spacing();
  const bool nlc = frame.session->recipe.layout == InputLayout::kNLC;
  if (!nlc) ImGui::BeginDisabled();
  if (ImGui::Button(Label(app.i18n, "permute.forgot").c_str(), ImVec2(-1.f, 0.f)))
    app.show_forgot_permute = true;
  if (!nlc) ImGui::EndDisabled();
  // An error whose control is not on this panel (for example a weight from a file).
  if (app.edit_error) {
    bool shown = false;
    for (const char* control :
         {"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
          "bias", "padding_mode", "batch", "length", "layout", "values", "seed"})
      shown = shown || app.edit_error->control == control;
    if (!shown) {
      const std::string control = app.edit_error->control;
      ErrorBox(app, control.c_str());
    }
  }
  if (!app.notice.empty()) {
    ImGui::Spacing();
    MutedText(app.notice.c_str());
  }
  if (!app.memory.legend_in_strip) {
    ImGui::Spacing();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(width, DrawLegend(frame, app, pos, width)));
  }
  EndPanel();
}

}  // namespace convstep::gui
