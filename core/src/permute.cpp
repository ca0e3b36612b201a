#include "convstep/permute.h"

namespace convstep {

Result<Tensor> PermuteLastTwo(const Tensor& tensor) {
  if (tensor.dim() != 2 && tensor.dim() != 3)
    return MakeError(Message{"permute_dims",
                             "permute(0, 2, 1) needs a 3-d [N, L, C] tensor, but got shape {0}",
                             {FormatShape(tensor.shape)}},
                     "input", Hint{"permute_dims", "give the input as [N, L, C] or [L, C]", {}});
  if (ShapeNumel(tensor.shape) != static_cast<int64_t>(tensor.data.size()))
    return MakeError(
        Message{"shape_holds",
                "{0} has shape {1} but holds {2} values",
                {"input", FormatShape(tensor.shape), std::to_string(tensor.data.size())}},
        "input",
        Hint{"one_value_per_element", "give exactly one value per element of the shape", {}});
  const bool batched = tensor.dim() == 3;
  const int64_t batch = batched ? tensor.shape[0] : 1;
  const int64_t length = tensor.shape[tensor.dim() - 2];
  const int64_t channels = tensor.shape[tensor.dim() - 1];
  Tensor out;
  out.shape = batched ? Shape{batch, channels, length} : Shape{channels, length};
  out.data.resize(tensor.data.size());
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t l = 0; l < length; ++l)
      for (int64_t c = 0; c < channels; ++c)
        out.data[static_cast<size_t>((n * channels + c) * length + l)] =
            tensor.data[static_cast<size_t>((n * length + l) * channels + c)];
  return out;
}

std::vector<PermuteMove> PermuteMoves(const Shape& nlc_shape) {
  std::vector<PermuteMove> moves;
  if (nlc_shape.size() != 2 && nlc_shape.size() != 3) return moves;
  const bool batched = nlc_shape.size() == 3;
  const int64_t batch = batched ? nlc_shape[0] : 1;
  const int64_t length = nlc_shape[nlc_shape.size() - 2];
  const int64_t channels = nlc_shape[nlc_shape.size() - 1];
  if (ShapeNumel(nlc_shape) < 0) return moves;
  moves.reserve(static_cast<size_t>(ShapeNumel(nlc_shape)));
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t l = 0; l < length; ++l)
      for (int64_t c = 0; c < channels; ++c)
        moves.push_back(
            {n, l, c, (n * length + l) * channels + c, (n * channels + c) * length + l});
  return moves;
}

}  // namespace convstep
