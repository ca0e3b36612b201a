// CSV matrices: one row per line, numbers separated by commas, semicolons, tabs or spaces.
#pragma once

#include <cstdint>
#include <string>

#include "convstep/result.h"
#include "convstep/tensor.h"

namespace convstep {

/// How the rows of a CSV file map onto Conv1d's axes.
enum class CsvOrientation {
  kRowsArePositions,  ///< each line is one position (a word): an [L, C] matrix
  kRowsAreChannels,   ///< each line is one channel: a [C, L] matrix
};

/// Parses CSV text into a 2-d [rows, columns] tensor. Cells are separated by commas,
/// semicolons or tabs, or else by runs of spaces; nan, inf and -inf (any case) are numbers.
/// Cells may be quoted ("1.5" is 1.5). A first line is a header only when none of its cells is
/// a number once unquoted ("1","2" is data, "a","b" a header); a UTF-8 byte-order mark,
/// blank lines and lines starting with '#' are skipped. Ragged rows, non-numeric cells,
/// numbers that round to infinity in float32 and empty input give an Error naming `name`,
/// the line and the column.
Result<Tensor> ParseCsv(const std::string& text, const std::string& name,
                        int64_t max_elements = int64_t{1} << 28);

/// Reads a CSV file and returns it as [C, L] (transposing kRowsArePositions files).
Result<Tensor> ReadCsvFile(const std::string& path, CsvOrientation orientation);

/// CSV text of a 2-d tensor, one row per line, shortest round-trip floats.
std::string WriteCsv(const Tensor& matrix);

}  // namespace convstep
