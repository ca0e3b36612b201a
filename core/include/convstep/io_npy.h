// NumPy .npy files: float32/float64 in either byte order and C or Fortran order.
#pragma once

#include <cstdint>
#include <string>

#include "convstep/result.h"
#include "convstep/tensor.h"

namespace convstep {

/// Reads .npy bytes. Accepts float32 and float64 (converted to float32) in any spelling numpy
/// reads ('<f4', '>f8', '=f4', 'f8', 'd', ...) and C or Fortran order (converted to C order).
/// The header is read as strictly as numpy.load reads it (exactly 'descr', 'fortran_order'
/// and 'shape'; True / False). Bytes after the data are ignored, as numpy.load ignores them.
/// Other dtypes, bad headers, truncated data, float64 values beyond float32 (NaN and the
/// infinities are kept) and arrays over `max_elements` give an Error that names `name`, the
/// field or index and the reason.
Result<Tensor> ReadNpy(const std::string& bytes, const std::string& name,
                       int64_t max_elements = int64_t{1} << 28);

/// Reads a .npy file (see ReadNpy).
Result<Tensor> ReadNpyFile(const std::string& path, int64_t max_elements = int64_t{1} << 28);

/// The .npy bytes of a tensor as float32 ('<f4', version 1.0, C order).
std::string WriteNpy(const Tensor& tensor);

/// Reads a whole file into bytes; the error names the path.
Result<std::string> ReadFileBytes(const std::string& path);

/// Writes bytes to `path` through a temporary file and a rename, so a crash never leaves a
/// half-written file behind.
Result<bool> WriteFileAtomic(const std::string& path, const std::string& bytes);

}  // namespace convstep
