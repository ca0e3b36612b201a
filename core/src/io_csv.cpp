#include "convstep/io_csv.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

#include "convstep/io_npy.h"
#include "convstep/json_text.h"
#include "convstep/permute.h"
#include "float_chars.h"

namespace convstep {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

// Cells split by commas, semicolons or tabs; a line with none of them is split at runs of
// spaces (numpy.savetxt's default), so every separator reads the same numbers. Double quotes
// are removed as CSV writers add them ("1.5" is 1.5; "" inside quotes is one quote), and a
// separator between quotes is part of the cell.
std::vector<std::string> SplitCells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  const bool delimited = line.find_first_of(",;\t") != std::string::npos;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (!quoted && (delimited ? (c == ',' || c == ';' || c == '\t') : c == ' ')) {
      if (!delimited && Trim(cell).empty()) continue;  // a run of spaces is one separator
      cells.push_back(Trim(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(Trim(cell));
  return cells;
}

// What a cell holds: a float32, a number beyond float32, or text.
enum class Cell { kNumber, kTooLarge, kText };

// Decimal numbers and nan / inf / -inf / infinity in any case (numpy.savetxt writes "nan" and
// "inf"); hexadecimal floats and other strtod extensions are text.
Cell ParseNumber(const std::string& cell, float* value) {
  if (cell.empty()) return Cell::kText;
  std::string lower;
  for (char c : cell) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t unsigned_at = lower[0] == '-' || lower[0] == '+' ? 1 : 0;
  const std::string word = lower.substr(unsigned_at);
  if (word == "nan" || word == "inf" || word == "infinity") {
    const float magnitude = word == "nan" ? std::numeric_limits<float>::quiet_NaN()
                                          : std::numeric_limits<float>::infinity();
    *value = lower[0] == '-' ? -magnitude : magnitude;
    return Cell::kNumber;
  }
  if (word.find_first_of("xni") != std::string::npos) return Cell::kText;
  char* end = nullptr;
  const double number = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size()) return Cell::kText;
  // strtod gives infinity for "1e999": a number too large, not the word inf.
  if (RoundsToFloatInfinity(number) || std::isinf(number)) return Cell::kTooLarge;
  *value = static_cast<float>(number);
  return Cell::kNumber;
}

}  // namespace

Result<Tensor> ParseCsv(const std::string& text, const std::string& name, int64_t max_elements) {
  Tensor matrix;
  int64_t columns = -1, rows = 0, first_data_line = 0;
  // A UTF-8 byte-order mark (Excel's "CSV UTF-8") is not part of the first cell.
  size_t line_start = text.compare(0, 3, "\xef\xbb\xbf") == 0 ? 3 : 0;
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
    std::vector<float> values(cells.size(), 0.f);
    std::vector<Cell> kinds(cells.size(), Cell::kText);
    bool any_number = false;
    for (size_t i = 0; i < cells.size(); ++i) {
      kinds[i] = ParseNumber(cells[i], &values[i]);
      any_number = any_number || kinds[i] != Cell::kText;
    }
    if (!any_number && header_allowed) {  // a header such as "c0,c1,c2": no cell is a number
      header_allowed = false;
      if (line_end == text.size()) break;
      continue;
    }
    header_allowed = false;
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::vector<MessageArg> where = {name, std::to_string(line_number),
                                             std::to_string(i + 1), Excerpt(cells[i])};
      if (kinds[i] == Cell::kTooLarge)
        return MakeError(Message{"csv_too_large",
                                 "{0}: line {1}, column {2}: {3} is too large for float32 (it "
                                 "would round to infinity)",
                                 where},
                         "file",
                         Hint{"csv_float_range",
                              "the largest float32 is 3.4028235e+38; write inf for infinity",
                              {}});
      if (kinds[i] == Cell::kText)
        return MakeError(
            Message{"csv_not_number", "{0}: line {1}, column {2}: '{3}' is not a number", where},
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
  auto bytes = ReadFileBytes(path, kMaxTextFileBytes);
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
      auto result = detail::ShortestChars(buffer, buffer + sizeof buffer,
                                          matrix.data[static_cast<size_t>(r * columns + c)]);
      text.append(buffer, result.ptr);
      text += c + 1 < columns ? "," : "\n";
    }
  }
  return text;
}

}  // namespace convstep
