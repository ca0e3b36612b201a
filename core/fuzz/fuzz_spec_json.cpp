// libFuzzer target: spec/session JSON through parsing, validation and both forward passes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "convstep/forward.h"
#include "convstep/io_json.h"
#include "convstep/permute.h"
#include "convstep/walkthrough.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = convstep::ParseSpecJson(text, "/nonexistent");
  if (!doc || !doc->has_conv || !doc->input || !doc->weight) return 0;
  convstep::Conv1dProblem problem;
  problem.spec = doc->spec;
  if (doc->layout == convstep::InputLayout::kNLC) {
    auto permuted = convstep::PermuteLastTwo(*doc->input);
    if (!permuted) return 0;
    problem.input = *permuted;
  } else {
    problem.input = *doc->input;
  }
  problem.weight = *doc->weight;
  if (doc->bias) problem.bias = *doc->bias;
  convstep::Limits limits;
  limits.max_bytes = 1 << 22;  // keep each run small
  auto geometry = convstep::ValidateProblem(problem, limits);
  if (!geometry) return 0;
  const convstep::Tensor fast = convstep::ForwardFast(problem, *geometry);
  const convstep::Tensor reference = convstep::ForwardReference(problem, *geometry);
  if (fast.shape != reference.shape) __builtin_trap();
  const convstep::Walkthrough walk(problem, *geometry);
  const int64_t steps = walk.StepCount(convstep::Granularity::kTap);
  if (steps > 0) {
    const auto state = walk.State(steps - 1, convstep::Granularity::kTap);
    if (!(state.output == reference.data.back()) && state.output == state.output) __builtin_trap();
    walk.UsesOfInput(0, 0, 0);
  }
  return 0;
}
