// convstep-cli trace: the walkthrough as text for people or JSON for programs.
#pragma once

#include <cstdint>
#include <ostream>

#include <nlohmann/json.hpp>

#include "convstep/walkthrough.h"

namespace convstep::cli {

/// Which steps to print.
struct TraceRange {
  int64_t from = 0;    ///< first step
  int64_t count = -1;  ///< number of steps (the CLI takes 1 or more); -1 for all from `from`
};

/// One step's state as a JSON object (coordinates, every tap, bias, output).
nlohmann::json StepToJson(const StepState& state, const Geometry& geometry);

/// Writes the steps as readable lines: each tap as x[c, pos] * w[o, c, k] = p, then sums.
void WriteTraceText(std::ostream& out, const Walkthrough& walk, Granularity granularity,
                    const TraceRange& range);

/// The steps as one JSON document.
nlohmann::json TraceToJson(const Walkthrough& walk, Granularity granularity,
                           const TraceRange& range);

}  // namespace convstep::cli
