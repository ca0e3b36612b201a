// Strides as PyTorch keeps them: what permute changes (a view) and what .contiguous() copies.
// The permute panel shows x.permute(0, 2, 1).stride() beside a fresh tensor's, computed from
// the session's shapes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "convstep/tensor.h"
#include "model/i18n.h"

namespace convstep::gui {

/// Strides of a freshly made (contiguous, row-major) tensor of `shape`: the last axis 1, each
/// other the product of the sizes after it. [6, 3, 5] -> (15, 5, 1).
std::vector<int64_t> ContiguousStrides(const Shape& shape);

/// Strides of tensor.permute(order) for a contiguous tensor of `shape`: the strides reordered.
/// [6, 5, 3] permute(0, 2, 1) -> (15, 1, 3). `order` must be a permutation of the axes.
std::vector<int64_t> PermutedStrides(const Shape& shape, const std::vector<int>& order);

/// PyTorch's is_contiguous(): every axis of size > 1 has the stride a fresh tensor of the same
/// shape has (axes of size 1 and empty tensors never break it).
bool IsContiguous(const Shape& shape, const std::vector<int64_t>& strides);

/// "(15, 1, 3)": strides as torch's .stride() prints them.
std::string StridesText(const std::vector<int64_t>& strides);

/// The permute panel's sentence for an input given as [N, L, C]: x.permute(0, 2, 1).stride()
/// and is_contiguous() against a fresh [N, C, L]'s, and that .contiguous() is the copy;
/// `short_form` for a small panel. Empty unless the shape is 3-d.
std::string PermuteStridesSentence(const I18n& i18n, const Shape& nlc_shape,
                                   bool short_form = false);

}  // namespace convstep::gui
