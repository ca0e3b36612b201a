#include "convstep/io_csv.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

#include "convstep/io_npy.h"
#include "convstep/permute.h"

namespace convstep {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

std::vector<std::string> SplitCells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (char c : line) {
    if (c == ',' || c == ';' || c == '\t') {
      cells.push_back(Trim(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(Trim(cell));
  return cells;
}

bool ParseNumber(const std::string& cell, float* value) {
  if (cell.empty()) return false;
  char* end = nullptr;
  const double number = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size()) return false;
  for (char c : cell)
    if (c == 'x' || c == 'X' || c == 'n' || c == 'N' || c == 'i' || c == 'I') return false;
  if (std::fabs(number) > std::numeric_limits<float>::max()) return false;
  *value = static_cast<float>(number);
  return true;
}

}  // namespace

Result<Tensor> ParseCsv(const std::string& text, const std::string& name, int64_t max_elements) {
  Tensor matrix;
  int64_t columns = -1, rows = 0, first_data_line = 0;
  size_t line_start = 0;
  int64_t line_number = 0;
  bool header_allowed = true;
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    std::string line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') {
      if (line_end == text.size()) break;
      continue;
    }
    const std::vector<std::string> cells = SplitCells(trimmed);
    std::vector<float> values;
    bool any_number = false;
    for (size_t i = 0; i < cells.size(); ++i) {
      float value = 0.f;
      if (ParseNumber(cells[i], &value)) {
        any_number = true;
        values.push_back(value);
        continue;
      }
      values.push_back(std::numeric_limits<float>::quiet_NaN());
    }
    if (!any_number && header_allowed) {  // a header such as "c0,c1,c2"
      header_allowed = false;
      if (line_end == text.size()) break;
      continue;
    }
    header_allowed = false;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (std::isnan(values[i]))
        return MakeError(
            Message{"csv_not_number",
                    "{0}: line {1}, column {2}: '{3}' is not a number",
                    {name, std::to_string(line_number), std::to_string(i + 1), cells[i]}},
            "file", Hint{"csv_decimal", "every cell must be a decimal number such as -1.5697", {}});
    }
    if (columns < 0) {
      columns = static_cast<int64_t>(cells.size());
      first_data_line = line_number;
    } else if (static_cast<int64_t>(cells.size()) != columns) {
      return MakeError(Message{"csv_ragged",
                               "{0}: line {1} has {2} values, but line {3} has {4}",
                               {name, std::to_string(line_number), std::to_string(cells.size()),
                                std::to_string(first_data_line), std::to_string(columns)}},
                       "file",
                       Hint{"csv_same_count", "every row must have the same number of values", {}});
    }
    if (static_cast<int64_t>(matrix.data.size()) + columns > max_elements)
      return MakeError(
          Message{
              "csv_too_many", "{0}: more than {1} values", {name, std::to_string(max_elements)}},
          "file", Hint{"csv_smaller", "use a smaller matrix", {}});
    matrix.data.insert(matrix.data.end(), values.begin(), values.end());
    ++rows;
    if (line_end == text.size()) break;
  }
  if (rows == 0)
    return MakeError(Message{"csv_empty", "{0}: no numbers found", {name}}, "file",
                     Hint{"csv_rows", "write one row per line, values separated by commas", {}});
  matrix.shape = {rows, columns};
  return matrix;
}

Result<Tensor> ReadCsvFile(const std::string& path, CsvOrientation orientation) {
  auto bytes = ReadFileBytes(path);
  if (!bytes) return bytes.error();
  auto matrix = ParseCsv(*bytes, path);
  if (!matrix || orientation == CsvOrientation::kRowsAreChannels) return matrix;
  return PermuteLastTwo(*matrix);  // [L, C] -> [C, L]
}

std::string WriteCsv(const Tensor& matrix) {
  std::string text;
  const int64_t rows = matrix.dim() == 2 ? matrix.shape[0] : 1;
  const int64_t columns = matrix.dim() == 2 ? matrix.shape[1] : matrix.numel();
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < columns; ++c) {
      char buffer[32];
      auto result = std::to_chars(buffer, buffer + sizeof buffer,
                                  matrix.data[static_cast<size_t>(r * columns + c)]);
      text.append(buffer, result.ptr);
      text += c + 1 < columns ? "," : "\n";
    }
  }
  return text;
}

}  // namespace convstep
