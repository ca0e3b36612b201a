// The golden suite: every case of golden/conv_cases.json, answered by real PyTorch 1.13 with
// tools/gen_golden_conv.py, replayed through ConvStep. Invalid cases must fail with PyTorch's
// exact message; valid ones must give PyTorch's output shape and values from both forward
// passes, and every walkthrough window must end on the reference output element.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convstep/forward.h"
#include "convstep/io_json.h"
#include "convstep/walkthrough.h"
#include "test_util.h"

namespace convstep {
namespace {

using nlohmann::json;

// Tolerances for ConvStep against PyTorch (different summation orders).
constexpr double kAbsTol = 1e-4;
constexpr double kRelTol = 1e-4;

// Appends the numbers of a nested list in row-major order. The shape comes from the case's
// recorded shapes, because tolist() of an empty tensor ([] for N=0) loses it.
void Flatten(const json& node, FloatBuffer* out) {
  if (node.is_array()) {
    for (const json& child : node) Flatten(child, out);
  } else {
    out->push_back(node.get<float>());
  }
}

Tensor TensorOf(const json& values, const json& shape) {
  Tensor tensor;
  tensor.shape = shape.get<Shape>();
  Flatten(values, &tensor.data);
  return tensor;
}

bool Close(double actual, double expected) {
  return std::fabs(actual - expected) <= kAbsTol + kRelTol * std::fabs(expected);
}

// Compares a forward pass with PyTorch's output; appends at most a few differing elements.
void CompareOutput(const char* name, const Tensor& actual, const Tensor& expected,
                   std::ostringstream& problems) {
  if (actual.shape != expected.shape || actual.data.size() != expected.data.size()) {
    problems << "  " << name << " shape " << FormatShape(actual.shape) << " vs PyTorch "
             << FormatShape(expected.shape) << "\n";
    return;
  }
  int reported = 0;
  for (size_t i = 0; i < actual.data.size(); ++i) {
    if (!Close(actual.data[i], expected.data[i]) && reported++ < 3)
      problems << "  " << name << "[" << i << "] = " << actual.data[i] << ", PyTorch "
               << expected.data[i] << "\n";
  }
}

// Checks one case; returns a description of every disagreement (empty when it agrees).
std::string CheckCase(const json& golden) {
  std::ostringstream problems;
  auto spec = ParseConvJson(golden.at("spec"));
  if (!spec) return "  spec does not parse: " + spec.error().OneLine() + "\n";
  const Shape input_shape = golden.at("input_shape").get<Shape>();
  auto geometry = Validate(*spec, input_shape);

  if (golden.contains("error")) {
    const std::string expected = golden.at("error").get<std::string>();
    if (geometry) {
      problems << "  accepted, but PyTorch raised: " << expected << "\n";
    } else if (geometry.error().message != expected) {
      problems << "  message:  " << geometry.error().message << "\n  PyTorch:  " << expected
               << "\n";
    }
    return problems.str();
  }
  if (!geometry) return "  rejected PyTorch's valid case: " + geometry.error().OneLine() + "\n";

  Conv1dProblem problem;
  problem.spec = *spec;
  problem.input = TensorOf(golden.at("input"), golden.at("input_shape"));
  problem.weight = TensorOf(golden.at("weight"), golden.at("weight_shape"));
  if (!golden.at("bias").is_null())
    problem.bias = TensorOf(golden.at("bias"), json::array({spec->out_channels}));
  const Tensor expected = TensorOf(golden.at("output"), golden.at("output_shape"));
  if (geometry->OutputShape() != expected.shape) {
    problems << "  output shape " << FormatShape(geometry->OutputShape()) << ", PyTorch "
             << FormatShape(expected.shape) << "\n";
    return problems.str();
  }
  auto checked = ValidateProblem(problem);
  if (!checked) return "  ValidateProblem: " + checked.error().OneLine() + "\n";

  const Tensor reference = ForwardReference(problem, *checked);
  CompareOutput("ForwardReference", reference, expected, problems);
  CompareOutput("ForwardFast", ForwardFast(problem, *checked), expected, problems);

  // Walkthrough: the last tap's running sum plus the bias is the reference element, exactly
  // (the same float operations in the same order).
  Walkthrough walk(problem, *checked);
  if (walk.StepCount(Granularity::kWindow) != checked->OutputCount())
    problems << "  walkthrough has " << walk.StepCount(Granularity::kWindow) << " windows, "
             << checked->OutputCount() << " outputs\n";
  int reported = 0;
  for (int64_t step = 0; step < walk.StepCount(Granularity::kWindow); ++step) {
    const StepState state = walk.State(step, Granularity::kWindow);
    const TapCoord& at = state.coord;
    const float element =
        reference.data[static_cast<size_t>(walk.OutputIndex(at.n, at.out_channel, at.t))];
    const float final_sum = state.taps.empty() ? 0.f : state.taps.back().running_sum;
    const float with_bias = state.has_bias ? final_sum + state.bias : final_sum;
    if ((!state.window_complete || with_bias != element || state.output != element) &&
        reported++ < 3)
      problems << "  window " << step << ": sum + bias " << with_bias << ", reference " << element
               << "\n";
  }
  return problems.str();
}

TEST(GoldenConv, EveryCaseAgreesWithPyTorch) {
  const std::string text = testing::ReadGolden("conv_cases.json");
  ASSERT_FALSE(text.empty()) << "missing " << CONVSTEP_GOLDEN_DIR << "/conv_cases.json";
  const json doc = json::parse(text);
  const json& cases = doc.at("cases");

  // The suite must not pass vacuously: enough cases, and a real share of invalid ones.
  ASSERT_GE(cases.size(), 300u);
  ASSERT_EQ(doc.at("case_count").get<size_t>(), cases.size());
  size_t invalid = 0, batched = 0, unbatched = 0, empty_batch = 0;
  for (const json& golden : cases) {
    const size_t rank = golden.at("input_shape").size();
    if (golden.contains("error")) {
      ++invalid;
    } else if (rank == 3) {
      ++batched;
      empty_batch += golden.at("input_shape")[0].get<int64_t>() == 0;
    } else {
      ++unbatched;
    }
  }
  const double invalid_share = static_cast<double>(invalid) / static_cast<double>(cases.size());
  EXPECT_GE(invalid_share, 0.2);
  EXPECT_LE(invalid_share, 0.4);
  EXPECT_GT(batched, 100u);
  EXPECT_GT(unbatched, 10u);
  EXPECT_GT(empty_batch, 0u);

  // Every disagreement is reported, not only the first.
  std::ostringstream report;
  size_t failed = 0;
  for (size_t index = 0; index < cases.size(); ++index) {
    const std::string problems = CheckCase(cases[index]);
    if (problems.empty()) continue;
    ++failed;
    report << "case " << index << ": " << cases[index].at("spec").dump() << " input "
           << cases[index].at("input_shape").dump() << "\n"
           << problems;
  }
  EXPECT_EQ(failed, 0u) << failed << " of " << cases.size() << " cases disagree with PyTorch:\n"
                        << report.str();
}

}  // namespace
}  // namespace convstep
