// The header of a .npy file: the Python dict literal numpy.save writes, read as strictly as
// numpy.lib.format reads it.
#pragma once

#include <cstddef>
#include <string>

#include "convstep/result.h"
#include "convstep/tensor.h"

namespace convstep::detail {

/// What a .npy header says about the data after it.
struct NpyHeader {
  size_t item_bytes = 4;       ///< 4 (float32) or 8 (float64)
  bool big_endian = false;     ///< descr starts with '>'
  bool fortran_order = false;  ///< the first axis varies fastest
  Shape shape;
};

/// Parses the header text (after the length field). Like numpy.lib.format: a dict with exactly
/// the keys 'descr', 'fortran_order' and 'shape', fortran_order the Python literal True or
/// False, shape a tuple of whole numbers (with Python 2's L suffix when `allow_long_suffix`,
/// as numpy allows in format versions 1.0 and 2.0). descr must name float32 or float64 in a
/// spelling numpy reads ('<f4', '>f8', '=f4', '|f8', 'f4', 'f', 'd', 'float32', ...). The
/// Error's message names the field and what would be right; the caller adds the file name.
Result<NpyHeader> ParseNpyHeader(const std::string& header, bool allow_long_suffix);

}  // namespace convstep::detail
