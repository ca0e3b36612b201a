// A spec document (convstep-cli's JSON schema) opened as a session: the one path from a spec
// to tensors, used by the app (File -> Open, presets, lesson chapters) and by convstep-cli.
#pragma once

#include <string>
#include <vector>

#include "convstep/io_json.h"
#include "convstep/result.h"
#include "convstep/tensor.h"
#include "model/session.h"

namespace convstep::gui {

/// A spec made ready: the session built from its recipe (RecipeFromDocument, BuildSession),
/// or, for a spec without a layer, only the input it gives or draws.
struct SpecSession {
  SpecDocument document;
  bool has_conv = true;    ///< false: the spec only makes an input (no session)
  Session session;         ///< has_conv: the validated session
  Tensor input_given;      ///< the input in the layout the spec gave (before any permute)
  bool unbatched = false;  ///< the spec's input was [C, L] (the session adds a batch of 1)
  std::vector<std::string> generated;  ///< which of input, weight, bias were generated
};

/// Opens a parsed spec document: validates it in PyTorch's order (construction, then the
/// tensors), makes the tensors it does not give from its "values" source and "seed", and
/// runs the layer. `origin` names where fixed tensors came from (a file name, for display).
/// A document with neither "input" nor "input_shape" is an error, unless `draw_default_input`
/// (the app): then a [1, C, 8] input is drawn. Without `with_output` the session's output is
/// not computed (the CLI runs its own forward pass, or none).
Result<SpecSession> OpenSpecDocument(const SpecDocument& document, const std::string& origin,
                                     const Limits& limits = Limits{},
                                     bool draw_default_input = false, bool with_output = true);

/// Parses spec JSON text (tensor files named in it are found relative to `base_dir`) and
/// opens it with OpenSpecDocument (no default input).
Result<SpecSession> LoadSpec(const std::string& text, const std::string& base_dir = ".",
                             const std::string& origin = {}, const Limits& limits = Limits{},
                             bool with_output = true);

/// `tensor` in the shape the spec gave: for a [C, L] input the session's tensors lose the batch
/// of one it added ([1, C, L] -> [C, L], [1, O, L_out] -> [O, L_out]), as conv1d returns them.
Tensor AsGiven(const SpecSession& opened, const Tensor& tensor);

/// The session's geometry with the spec's batching: unbatched for a [C, L] input.
Geometry GivenGeometry(const SpecSession& opened);

/// Reads a whole file, or standard input for "-", up to kMaxTextFileBytes (io_npy.h): a larger
/// file or a device is refused before it is read. Errors name the file (and a folder as one).
Result<std::string> ReadText(const std::string& path);

/// The folder of a path ("." for "-" or a bare file name).
std::string FolderOf(const std::string& path);

}  // namespace convstep::gui
