// Bringing your own numbers in: reading tensor files (.npy, .csv, .txt with print(tensor)
// text), parsing pasted text, working out what a tensor can be (input as [N, L, C] or
// [N, C, L], weight, bias) against the current layer, and putting it into the session.
// Every function either succeeds or leaves the AppState exactly as it was.
#pragma once

#include <string>
#include <vector>

#include "convstep/result.h"
#include "convstep/tensor.h"
#include "state/app_state.h"

namespace convstep::gui {

/// Largest tensor a file or a paste may hold (elements): the 1 GiB memory budget in float32.
inline constexpr int64_t kMaxImportElements = (int64_t{1} << 30) / 4;

/// Reads a tensor file by its extension: .npy (float32/float64, little-endian, C order), .csv
/// (a matrix, rows as written), .txt (print(tensor) text). Errors name the file, the place
/// (line, column or byte) and the reason.
Result<Tensor> ReadTensorFile(const std::string& path);

/// Parses pasted print(tensor) text (grad_fn=..., torch.Size lines accepted). Errors name
/// the line and column.
Result<Tensor> ParsePastedTensor(const std::string& text);

/// Every reading of `tensor` by its number of dimensions, each checked against `session`'s
/// layer by building the session it would give: 1-d: bias; 2-d: input [L, C] or [C, L] (a
/// batch of one); 3-d: input [N, L, C] or [N, C, L], or weight.
/// `limits` is the memory budget (SessionLimits).
std::vector<ImportOption> ImportOptions(const Session& session, const Tensor& tensor,
                                        const std::string& origin, const Limits& limits = Limits{});

/// The session's recipe with its values given rather than generated (kSpecFile): the seed
/// document's input stays fixed; typed sentences fix their vectors and weights; generated
/// values stay unfixed (given values regenerate them identically). Records where they began
/// in `origin` (kGeneratedOrigin, kSeedDocumentOrigin, kSentencesOrigin).
Recipe LeaveGeneratedValues(const Session& session);

/// The recipe `session` becomes with `tensor` as `target`: an input sets N, L and the layout
/// (its channel axis must equal in_channels); weight and bias must have the layer's shapes.
/// Tensors already fixed stay fixed; the others stay generated.
Result<Recipe> RecipeWithTensor(const Session& session, const Tensor& tensor, ImportTarget target,
                                const std::string& origin);

/// Puts `tensor` into the session as `target`. On success the new session replaces the old
/// (keeping the position where it still exists, the old one kept for undo); on error nothing
/// changes.
Result<bool> ImportTensor(AppState& app, const Tensor& tensor, ImportTarget target,
                          const std::string& origin);

/// The notice line after importing as `option`: what was loaded, and whether generated
/// weights were drawn anew (`weight_before` is the weight before the import).
std::string ImportNotice(const AppState& app, const Tensor& weight_before,
                         const std::string& origin, const ImportOption& option);

/// A tensor with its readings: imports it at once when exactly one reading fits (returns
/// true), otherwise opens the import window to ask (returns false).
bool OfferImport(AppState& app, Tensor tensor, const std::string& origin);

/// Opens any file ConvStep reads: a session / spec .json, or a tensor file (see OfferImport).
/// Errors (named file, place and reason) leave the session as it was.
Result<bool> OpenAnyFile(AppState& app, const std::string& path);

/// Handles files dropped on the window (app.files.dropped_paths): each is opened with
/// OpenAnyFile; the last error is shown in the notice line.
void HandleDroppedFiles(AppState& app);

/// "input [N, L, C]", "weight [out, in/groups, k]", ... for a target (translated).
std::string ImportTargetLabel(const I18n& i18n, ImportTarget target);

/// The session before the last value change comes back (Edit → Undo). False when none.
bool UndoValues(AppState& app);
/// Remembers the current session for undo (before a value edit, import or open).
void PushUndo(AppState& app);

}  // namespace convstep::gui
