#include "convstep/result.h"

namespace convstep {

std::string Error::OneLine() const {
  std::string line = message;
  if (!parameter.empty()) line += " (" + parameter + ")";
  if (!hint.empty()) line += ": " + hint;
  for (char& ch : line) {
    if (ch == '\n' || ch == '\r') ch = ' ';
  }
  return line;
}

}  // namespace convstep
