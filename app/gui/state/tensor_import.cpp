#include "state/tensor_import.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "convstep/io_csv.h"
#include "convstep/io_npy.h"
#include "convstep/torch_text.h"
#include "state/background.h"
#include "state/session_file.h"

namespace convstep::gui {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Extension(const std::string& path) {
  return Lower(std::filesystem::path(path).extension().string());
}

std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// "1.5 GB" for a byte count.
std::string Bytes(uintmax_t bytes) {
  char text[32];
  if (bytes >= (uintmax_t{1} << 30))
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / (1 << 30));
  else
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

// Refuses files that cannot fit the memory budget before reading a byte of them.
Result<bool> CheckFileSize(const std::string& path, uintmax_t limit) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return MakeError(Message{"no_such_file", "{0}: no such file", {path}}, "file",
                     Hint{"check_path_folder", "check the path (and its folder)", {}});
  if (std::filesystem::is_directory(path, ec))
    return MakeError(
        Message{"is_folder", "{0}: is a folder, not a file", {path}}, "file",
        Hint{"choose_file_inside", "choose a .json, .npy, .csv or .txt file inside it", {}});
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec)
    return MakeError(
        Message{"file_size_unknown", "{0}: cannot read its size ({1})", {path, ec.message()}},
        "file", Hint{"check_permissions", "check the permissions", {}});
  if (size > limit)
    return MakeError(
        Message{"file_too_large",
                "{0}: the file is {1}, more than ConvStep's {2} memory budget for one "
                "tensor",
                {path, Bytes(size), Bytes(limit)}},
        "file",
        Hint{
            "smaller_tensor", "use a smaller tensor (Conv1d examples fit in a few megabytes)", {}});
  return true;
}

// The shape `tensor` takes as `target` (2-d input gets a batch of one; a 2-d row or column
// is a 1-d bias), or an empty shape when the target does not apply to its rank.
Shape ShapeAs(const Tensor& tensor, ImportTarget target) {
  const Shape& s = tensor.shape;
  switch (target) {
    case ImportTarget::kInputNLC:
    case ImportTarget::kInputNCL:
      if (s.size() == 3) return s;
      if (s.size() == 2) return {1, s[0], s[1]};
      return {};
    case ImportTarget::kWeight:
      return s.size() == 3 ? s : Shape{};
    case ImportTarget::kBias:
      if (s.size() == 1) return s;
      if (s.size() == 2 && (s[0] == 1 || s[1] == 1)) return {s[0] * s[1]};
      return {};
  }
  return {};
}

const char* TensorWord(ImportTarget target) {
  return target == ImportTarget::kWeight ? "weight"
         : target == ImportTarget::kBias ? "bias"
                                         : "input";
}

// Why a tensor of another rank cannot be `target`, as a translatable hint.
Hint RankHint(ImportTarget target) {
  if (target == ImportTarget::kBias) return Hint{"bias_rank", "a bias is 1-d: [out_channels]", {}};
  if (target == ImportTarget::kWeight)
    return Hint{
        "weight_rank", "a weight is 3-d: [out_channels, in_channels / groups, kernel_size]", {}};
  return Hint{"input_rank", "an input is 3-d [N, C, L] / [N, L, C], or 2-d for one item", {}};
}

}  // namespace

Recipe LeaveGeneratedValues(const Session& session) {
  Recipe recipe = session.recipe;
  switch (recipe.values) {
    case ValuesFrom::kSpecFile:
      return recipe;
    case ValuesFrom::kGenerated:  // given values generate the others exactly the same way
      recipe.origin = kGeneratedOrigin;
      break;
    case ValuesFrom::kSeedDocument:  // its input is fixed already
      recipe.origin = kSeedDocumentOrigin;
      break;
    case ValuesFrom::kSentences:  // word vectors and their weights: keep them all
      recipe.fixed_input = session.input_given;
      recipe.fixed_weight = session.problem.weight;
      if (recipe.spec.bias) recipe.fixed_bias = session.problem.bias;
      recipe.sentences.clear();
      recipe.origin = kSentencesOrigin;
      break;
  }
  recipe.values = ValuesFrom::kSpecFile;
  recipe.edited = false;
  return recipe;
}

Result<Tensor> ReadTensorFile(const std::string& path) {
  const std::string ext = Extension(path);
  if (ext != ".npy" && ext != ".csv" && ext != ".txt")
    return MakeError(Message{"file_type", "{0}: ConvStep does not read '{1}' files", {path, ext}},
                     "file",
                     Hint{"file_types_or_session",
                          "use .npy (numpy.save), .csv (one row per line), .txt (print(tensor) "
                          "text) or a session .json",
                          {}});
  // A .npy holds 4 or 8 bytes a number; text at least 2 ("0,"). Both within the budget.
  const uintmax_t limit = ext == ".npy" ? static_cast<uintmax_t>(kMaxImportElements) * 8 + 4096
                                        : static_cast<uintmax_t>(256) << 20;
  if (auto ok = CheckFileSize(path, limit); !ok) return ok.error();
  auto bytes = ReadFileBytes(path);
  if (!bytes) return bytes.error();
  if (ext == ".npy") return ReadNpy(*bytes, path, kMaxImportElements);
  if (ext == ".csv") return ParseCsv(*bytes, path, kMaxImportElements);
  auto tensor = ParseTorchTensor(*bytes);
  if (!tensor) {
    Error error = tensor.error();
    SetMessage(error, Message{"in_file", "{0}: {1}", {path, MessageOf(error)}});
    error.parameter = "file";
    return error;
  }
  if (tensor->numel() > kMaxImportElements)
    return MakeError(Message{"too_many_numbers",
                             "{0}: {1} numbers is too many",
                             {path, std::to_string(tensor->numel())}},
                     "file", Hint{"within_budget", "use a tensor within the 1 GiB budget", {}});
  return tensor;
}

Result<Tensor> ParsePastedTensor(const std::string& text) {
  bool blank = true;
  for (char c : text) blank = blank && std::isspace(static_cast<unsigned char>(c));
  if (blank)
    return MakeError(Message{"paste_empty", "nothing to read: the text is empty", {}}, "text",
                     Hint{"paste_what",
                          "paste what print(tensor) printed, e.g. tensor([[1., 2.], [3., 4.]])",
                          {}});
  auto tensor = ParseTorchTensor(text);
  if (!tensor) {
    Error error = tensor.error();
    SetMessage(error, Message{"pasted", "pasted text: {0}", {MessageOf(error)}});
    return error;
  }
  if (tensor->dim() == 0 || tensor->dim() > 3)
    return MakeError(
        Message{"pasted",
                "pasted text: {0}",
                {Message{"paste_rank",
                         "a tensor of shape {0} is not a Conv1d input, weight or bias",
                         {FormatShape(tensor->shape)}}}},
        "text", Hint{"paste_rank", "paste a 1-d bias, a 2-d or 3-d input, or a 3-d weight", {}});
  return tensor;
}

Result<Recipe> RecipeWithTensor(const Session& session, const Tensor& tensor, ImportTarget target,
                                const std::string& origin) {
  const Shape shape = ShapeAs(tensor, target);
  if (shape.empty())
    return MakeError(
        Message{"import_rank",
                "a {0}-d tensor {1} cannot be the {2}",
                {std::to_string(tensor.dim()), FormatShape(tensor.shape), TensorWord(target)}},
        TensorWord(target), RankHint(target));
  Tensor shaped = tensor;
  shaped.shape = shape;
  Recipe recipe = LeaveGeneratedValues(session);
  const Geometry& g = session.geometry;
  switch (target) {
    case ImportTarget::kInputNLC:
    case ImportTarget::kInputNCL: {
      const bool nlc = target == ImportTarget::kInputNLC;
      const int64_t channels = nlc ? shape[2] : shape[1];
      if (channels != recipe.spec.in_channels)
        return MakeError(
            Message{"import_channels",
                    "read as {0}, {1} has {2} channels, but this layer has in_channels={3}",
                    {nlc ? "[N, L, C]" : "[N, C, L]", FormatShape(shape), std::to_string(channels),
                     std::to_string(recipe.spec.in_channels)}},
            "in_channels",
            Hint{"import_channels",
                 "set in_channels to {0} first, or read the tensor the other way round",
                 {std::to_string(channels)}});
      recipe.fixed_input = std::move(shaped);
      recipe.layout = nlc ? InputLayout::kNLC : InputLayout::kNCL;
      recipe.batch = shape[0];
      recipe.length = nlc ? shape[1] : shape[2];
      break;
    }
    case ImportTarget::kWeight:
      if (shape != g.WeightShape())
        return MakeError(Message{"import_weight",
                                 "the weight is {0}, but this layer needs {1} (out_channels, "
                                 "in_channels / groups, kernel_size)",
                                 {FormatShape(shape), FormatShape(g.WeightShape())}},
                         "weight",
                         Hint{"import_weight",
                              "change the layer to match (out_channels={0}, kernel_size={1}) or "
                              "load another weight",
                              {std::to_string(shape[0]), std::to_string(shape[2])}});
      recipe.fixed_weight = std::move(shaped);
      break;
    case ImportTarget::kBias:
      if (!recipe.spec.bias)
        return MakeError(
            Message{
                "import_no_bias", "this layer has bias=False, so it has no bias to replace", {}},
            "bias", Hint{"import_no_bias", "tick bias in Parameters first", {}});
      if (shape[0] != recipe.spec.out_channels)
        return MakeError(
            Message{"import_bias",
                    "the bias has {0} values, but this layer has out_channels={1}",
                    {std::to_string(shape[0]), std::to_string(recipe.spec.out_channels)}},
            "bias", Hint{"import_bias", "a bias holds one value per output channel", {}});
      recipe.fixed_bias = std::move(shaped);
      break;
  }
  // The values now come from the imported tensor; others keep their origin.
  recipe.origin = origin;
  recipe.edited = false;
  return recipe;
}

std::vector<ImportOption> ImportOptions(const Session& session, const Tensor& tensor,
                                        const std::string& origin, const Limits& limits) {
  std::vector<ImportOption> options;
  for (ImportTarget target : {ImportTarget::kInputNLC, ImportTarget::kInputNCL,
                              ImportTarget::kWeight, ImportTarget::kBias}) {
    const Shape shape = ShapeAs(tensor, target);
    if (shape.empty()) continue;
    ImportOption option;
    option.target = target;
    option.shape = shape;
    auto recipe = RecipeWithTensor(session, tensor, target, origin);
    if (recipe) {
      auto built = BuildSession(*recipe, limits);
      option.fits = built.ok();
      if (!built) {
        option.reason = built.error().OneLine();
        option.error = built.error();
      }
    } else {
      option.reason = recipe.error().message + ".\n" + recipe.error().hint;
      option.error = recipe.error();
    }
    options.push_back(std::move(option));
  }
  return options;
}

void PushUndo(AppState& app) {
  if (!app.files.undo.empty() && app.files.undo.back() == app.session) return;
  app.files.undo.push_back(app.session);
  if (app.files.undo.size() > kMaxUndo) app.files.undo.erase(app.files.undo.begin());
}

Result<bool> ImportTensor(AppState& app, const Tensor& tensor, ImportTarget target,
                          const std::string& origin) {
  auto recipe = RecipeWithTensor(*app.session, tensor, target, origin);
  if (!recipe) return recipe.error();
  auto built = BuildSession(*recipe, SessionLimits(app));
  if (!built) return built.error();
  PushUndo(app);
  ShowSession(app, std::move(built).value(), Keep::kPosition);
  return true;
}

std::string ImportTargetLabel(const I18n& i18n, ImportTarget target) {
  switch (target) {
    case ImportTarget::kInputNLC:
      return Tr(i18n, "import.as_input_nlc");
    case ImportTarget::kInputNCL:
      return Tr(i18n, "import.as_input_ncl");
    case ImportTarget::kWeight:
      return Tr(i18n, "import.as_weight");
    case ImportTarget::kBias:
      return Tr(i18n, "import.as_bias");
  }
  return {};
}

namespace {

std::string OriginLabel(const I18n& i18n, const std::string& origin) {
  return origin == kPastedOrigin ? std::string(Tr(i18n, "import.pasted")) : origin;
}

}  // namespace

std::string ImportNotice(const AppState& app, const Tensor& weight_before,
                         const std::string& origin, const ImportOption& option) {
  std::string notice =
      TrFormat(app.i18n, "import.loaded",
               {OriginLabel(app.i18n, origin), ImportTargetLabel(app.i18n, option.target),
                FormatShape(option.shape)});
  // randn draws the weight after the input, so a generated weight follows the input's shape.
  const bool input =
      option.target == ImportTarget::kInputNLC || option.target == ImportTarget::kInputNCL;
  if (input && app.session->problem.weight.data != weight_before.data)
    notice += " " + std::string(Tr(app.i18n, "import.weights_redrawn"));
  return notice;
}

bool OfferImport(AppState& app, Tensor tensor, const std::string& origin) {
  PendingImport pending;
  pending.options = ImportOptions(*app.session, tensor, origin, SessionLimits(app));
  pending.origin = origin;
  int fitting = 0, last_fit = -1;
  for (size_t i = 0; i < pending.options.size(); ++i)
    if (pending.options[i].fits) {
      ++fitting;
      last_fit = static_cast<int>(i);
    }
  if (fitting == 1) {
    const ImportOption& option = pending.options[static_cast<size_t>(last_fit)];
    const Tensor weight_before = app.session->problem.weight;
    auto imported = ImportTensor(app, tensor, option.target, origin);
    if (imported) {
      app.notice = ImportNotice(app, weight_before, origin, option);
      app.files.import.open = false;
      app.files.import.pending.reset();
      app.files.import.error.clear();
      return true;
    }
  }
  pending.tensor = std::move(tensor);
  ImportWindow& window = app.files.import;
  window.open = true;
  window.paste_mode = origin == kPastedOrigin;
  window.pending = std::move(pending);
  window.error.clear();
  return false;
}

Result<bool> OpenAnyFile(AppState& app, const std::string& path) {
  if (path.empty())
    return MakeError(Message{"no_file_given", "no file given", {}}, "file",
                     Hint{"type_or_drop", "type a path, or drop a file on the window", {}});
  if (Extension(path) == ".json") {
    if (auto ok = CheckFileSize(path, static_cast<uintmax_t>(512) << 20); !ok) return ok.error();
    PushUndo(app);
    auto opened = OpenSessionFile(app, path);
    if (!opened) {
      app.files.undo.pop_back();
      return opened.error();
    }
    app.notice = TrFormat(app.i18n, "import.opened", {FileName(path)});
    return true;
  }
  auto tensor = ReadTensorFile(path);
  if (!tensor) return tensor.error();
  OfferImport(app, std::move(tensor).value(), FileName(path));
  return true;
}

void HandleDroppedFiles(AppState& app) {
  std::vector<std::string> paths;
  paths.swap(app.files.dropped_paths);
  for (const std::string& path : paths) {
    auto opened = OpenAnyFile(app, path);
    if (!opened) {
      app.notice = LocalizedOneLine(app.i18n, opened.error());
      app.files.import.open = true;
      app.files.import.paste_mode = false;
      app.files.import.path = path;
      app.files.import.pending.reset();
      app.files.import.error = LocalizedError(app.i18n, opened.error());
    }
  }
}

bool UndoValues(AppState& app) {
  if (app.files.undo.empty()) return false;
  std::shared_ptr<const Session> previous = app.files.undo.back();
  app.files.undo.pop_back();
  ShowSession(app, previous, Keep::kPosition);  // the very session it was (autosave, tests)
  return true;
}

}  // namespace convstep::gui
