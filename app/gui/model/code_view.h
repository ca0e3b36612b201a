// The equivalent PyTorch program of the app's session, and PyTorch's printed form of its
// tensors: what the code view shows and copies.
#pragma once

#include <cstdint>
#include <string>

#include "convstep/codegen.h"
#include "model/session.h"

namespace convstep::gui {

/// Which tensor the "print(tensor)" view shows.
enum class PrintedTensor { kInputGiven, kInputPermuted, kWeight, kBias, kOutput, kOutputItem };

/// Literal tensors above this many numbers in total are not written out (the text would be
/// megabytes); SessionPython says so instead.
inline constexpr int64_t kMaxLiteralValues = 100'000;

/// The CodeSpec that rebuilds `session` in PyTorch. Tensors that the session's value source
/// makes (with its seed, in the order input, weight, bias) stay expressions; every other one
/// (typed, edited, pasted, loaded, the seed document's printed input) becomes a literal, and
/// the draws that the remaining expressions depend on are kept. Typed sentences are rebuilt
/// from the sentences themselves.
CodeSpec CodeSpecFor(const Session& session);

/// Number of values CodeSpecFor writes out as literals.
int64_t LiteralValueCount(const CodeSpec& code);

/// PythonCode(CodeSpecFor(session)): runnable Python (torch 1.13) that prints the shapes and,
/// with a seed, the very numbers of the app. A short comment instead when the literals would
/// exceed kMaxLiteralValues.
std::string SessionPython(const Session& session);

/// The same layer written three more ways, after SessionPython's program (which defines x,
/// conv and y): nn.Conv2d(C, O, (1, k)) on x.unsqueeze(2) (`y_conv2d`), without groups the
/// one-channel image of height C (`y_image`), and one matrix multiply W @ cols (`y_matmul`);
/// each prints its largest difference from y. Empty when SessionPython writes no program (too
/// many literal values).
std::string EquivalentFormsPython(const Session& session);

/// The Python expression of a printed tensor: "x", "x.permute(0, 2, 1)", "conv.weight", ...
std::string PrintedExpression(const Session& session, PrintedTensor which, int64_t n);

/// Exactly what print(<expression>) shows in PyTorch 1.13: torch's number format and line
/// breaks (FormatTorchTensor), "Parameter containing:" and requires_grad=True for the layer's
/// weight and bias, and y's grad_fn. Empty when the tensor does not exist (no bias).
std::string TorchPrint(const Session& session, PrintedTensor which, int64_t n);

/// torch's _add_suffixes: appends ", suffix" to a printed tensor ("tensor(...)" without its
/// closing parenthesis), on a new line indented by 7 when the last line would pass 80 columns.
std::string AddTorchSuffix(const std::string& printed_without_paren, const std::string& suffix);

}  // namespace convstep::gui
