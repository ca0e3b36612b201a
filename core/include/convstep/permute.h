// permute(0, 2, 1): [N, L, C] -> [N, C, L], with the move of every element for animation.
#pragma once

#include <cstdint>
#include <vector>

#include "convstep/result.h"
#include "convstep/tensor.h"

namespace convstep {

/// One element's journey: from [n, l, c] in the source to [n, c, l] in the result.
struct PermuteMove {
  int64_t n = 0, l = 0, c = 0;  ///< coordinates (the same numbers, reordered)
  int64_t source_index = 0;     ///< flat index in the [N, L, C] tensor
  int64_t dest_index = 0;       ///< flat index in the [N, C, L] tensor
};

/// Swaps the last two axes of a 3-d tensor (or a 2-d [L, C] one): tensor.permute(0, 2, 1).
/// Errors name the input when it is not 2-d or 3-d.
Result<Tensor> PermuteLastTwo(const Tensor& tensor);

/// Every element's move for an [N, L, C] (or [L, C]) shape, in source order.
std::vector<PermuteMove> PermuteMoves(const Shape& nlc_shape);

}  // namespace convstep
