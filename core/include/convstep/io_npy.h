// NumPy .npy files: float32/float64 in either byte order and C or Fortran order.
#pragma once

#include <cstdint>
#include <istream>
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

/// Reads a .npy file (see ReadNpy); a file over NpyFileLimit(max_elements) bytes is refused
/// before it is read.
Result<Tensor> ReadNpyFile(const std::string& path, int64_t max_elements = int64_t{1} << 28);

/// The .npy bytes of a tensor as float32 ('<f4', version 1.0, C order).
std::string WriteNpy(const Tensor& tensor);

/// The most bytes ReadFileBytes reads by default: 2^28 float64 numbers and a 64 KiB header,
/// the largest .npy file a tensor may come from (see NpyFileLimit).
constexpr uint64_t kMaxFileBytes = (uint64_t{1} << 31) + (uint64_t{1} << 16);

/// The most bytes a text file (a spec or session .json, a .csv, a .txt) may have: 512 MiB.
constexpr uint64_t kMaxTextFileBytes = uint64_t{512} << 20;

/// The largest .npy file that can hold `max_elements` numbers: float64 and a 64 KiB header.
constexpr uint64_t NpyFileLimit(int64_t max_elements) {
  return static_cast<uint64_t>(max_elements) * 8 + (uint64_t{1} << 16);
}

/// Reads a whole file into bytes; the error names the path. A regular file larger than
/// `max_bytes` and a device (/dev/zero, a terminal) are refused before a byte is read; a pipe
/// is read in bounded chunks and refused once it gives more than `max_bytes`.
Result<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes = kMaxFileBytes);

/// Appends what `stream` gives (standard input, a pipe) to `bytes` in 64 KiB chunks, refusing
/// it once the total would pass `max_bytes`; `name` names the stream in errors.
Result<std::string> ReadStreamBytes(std::istream& stream, const std::string& name,
                                    uint64_t max_bytes, std::string bytes = {});

}  // namespace convstep
