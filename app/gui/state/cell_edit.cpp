#include "state/cell_edit.h"

#include <cmath>

#include "state/background.h"
#include "state/tensor_import.h"

namespace convstep::gui {
namespace {

// The flat index of a cell in its tensor, or -1.
int64_t FlatIndex(const Session& session, const CellRef& cell) {
  switch (cell.tensor) {
    case EditedTensor::kInput: {
      const Shape& s = session.input_given.shape;
      if (s.size() != 3 || cell.a < 0 || cell.a >= s[0] || cell.b < 0 || cell.b >= s[1] ||
          cell.c < 0 || cell.c >= s[2])
        return -1;
      return (cell.a * s[1] + cell.b) * s[2] + cell.c;
    }
    case EditedTensor::kWeight: {
      const Shape& s = session.problem.weight.shape;
      if (s.size() != 3 || cell.a < 0 || cell.a >= s[0] || cell.b < 0 || cell.b >= s[1] ||
          cell.c < 0 || cell.c >= s[2])
        return -1;
      return (cell.a * s[1] + cell.b) * s[2] + cell.c;
    }
    case EditedTensor::kBias:
      if (!session.recipe.spec.bias || cell.a < 0 || cell.a >= session.problem.bias.numel() ||
          session.problem.bias.dim() != 1)
        return -1;
      return cell.a;
  }
  return -1;
}

const Tensor& TensorOf(const Session& session, EditedTensor which) {
  return which == EditedTensor::kInput    ? session.input_given
         : which == EditedTensor::kWeight ? session.problem.weight
                                          : session.problem.bias;
}

}  // namespace

std::optional<float> CellValue(const Session& session, const CellRef& cell) {
  const int64_t index = FlatIndex(session, cell);
  if (index < 0) return std::nullopt;
  return TensorOf(session, cell.tensor).data[static_cast<size_t>(index)];
}

bool SetCellValue(AppState& app, const CellRef& cell, float value) {
  // Edits apply in order: one still building lands first, and this one builds on it.
  if (BuildPending(app)) FinishBuild(app);
  const Session& session = *app.session;
  const int64_t index = FlatIndex(session, cell);
  if (index < 0 || !std::isfinite(value)) return false;
  const Tensor& current = TensorOf(session, cell.tensor);
  if (current.data[static_cast<size_t>(index)] == value) return true;
  Recipe recipe = LeaveGeneratedValues(session);
  Tensor edited = current;
  edited.data[static_cast<size_t>(index)] = value;
  switch (cell.tensor) {
    case EditedTensor::kInput:
      recipe.fixed_input = std::move(edited);
      break;
    case EditedTensor::kWeight:
      recipe.fixed_weight = std::move(edited);
      break;
    case EditedTensor::kBias:
      recipe.fixed_bias = std::move(edited);
      break;
  }
  recipe.edited = true;
  return BuildAndShow(app, recipe, "values", EditFailure::kNotice);
}

std::string CellName(const Session& /*session*/, const CellRef& cell) {
  auto three = [](const char* name, int64_t a, int64_t b, int64_t c) {
    return std::string(name) + "[" + std::to_string(a) + ", " + std::to_string(b) + ", " +
           std::to_string(c) + "]";
  };
  switch (cell.tensor) {
    case EditedTensor::kInput:
      return three("x", cell.a, cell.b, cell.c);
    case EditedTensor::kWeight:
      return three("w", cell.a, cell.b, cell.c);
    case EditedTensor::kBias:
      return "b[" + std::to_string(cell.a) + "]";
  }
  return {};
}

std::string ValuesOriginLabel(const I18n& i18n, const Recipe& recipe) {
  const char* sources[] = {"values.randn", "values.arange", "values.small_integers", "values.ones",
                           "values.zeros"};
  switch (recipe.values) {
    case ValuesFrom::kGenerated:
      return Tr(i18n, sources[static_cast<int>(recipe.source)]);
    case ValuesFrom::kSeedDocument:
      return Tr(i18n, "values.seed_document");
    case ValuesFrom::kSentences:
      return Tr(i18n, "values.sentences_vectors");
    case ValuesFrom::kSpecFile:
      break;
  }
  std::string base;
  if (recipe.origin == kGeneratedOrigin) {
    base = Tr(i18n, sources[static_cast<int>(recipe.source)]);
  } else if (recipe.origin == kSeedDocumentOrigin) {
    base = Tr(i18n, "values.seed_document");
  } else if (recipe.origin == kSentencesOrigin) {
    base = Tr(i18n, "values.sentences_vectors");
  } else if (recipe.origin == kPastedOrigin) {
    base = Tr(i18n, "import.pasted");
  } else {
    base = TrFormat(i18n, "values.spec_file", {recipe.origin});
  }
  return recipe.edited ? TrFormat(i18n, "values.edited", {base}) : base;
}

void OpenCellEditor(AppState& app, const CellRef& cell, ImVec2 anchor) {
  const auto value = CellValue(*app.session, cell);
  if (!value) return;
  CellEditor& editor = app.files.cell_editor;
  editor.open = true;
  editor.cell = cell;
  editor.anchor = anchor;
  editor.original = *value;
  editor.focus_text = true;
  editor.frames_open = 0;
}

}  // namespace convstep::gui
