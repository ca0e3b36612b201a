// convstep-cli: the headless front end of the ConvStep engine. See README "Command line".
#include <CLI/CLI.hpp>
#include <iostream>
#include <new>
#include <string>

#include "convstep/codegen.h"
#include "convstep/forward.h"
#include "convstep/io_json.h"
#include "convstep/walkthrough.h"
#include "load.h"
#include "trace.h"

namespace {

using convstep::Error;
using nlohmann::json;

constexpr int kUsageOrInputError = 2;

int Fail(const Error& error) {
  std::cerr << "error: " << error.OneLine() << "\n";
  return kUsageOrInputError;
}

convstep::Result<convstep::cli::LoadedSpec> Load(const std::string& path,
                                                 const convstep::Limits& limits) {
  auto text = convstep::cli::ReadText(path);
  if (!text) return text.error();
  return convstep::cli::LoadSpec(*text, convstep::cli::FolderOf(path), limits);
}

int RunForward(const std::string& path, const convstep::Limits& limits) {
  auto loaded = Load(path, limits);
  if (!loaded) return Fail(loaded.error());
  const auto& doc = loaded->document;
  const auto& problem = loaded->problem;
  json result = {{"input_shape", problem.input.shape},
                 {"input", convstep::TensorToJson(problem.input)}};
  if (doc.layout == convstep::InputLayout::kNLC) {
    result["input_layout"] = "NLC";
    result["input_given_shape"] = loaded->input_given.shape;
    result["input_given"] = convstep::TensorToJson(loaded->input_given);
  }
  if (!loaded->tokens.empty()) result["tokens"] = loaded->tokens;
  if (!loaded->generated.empty()) {
    if (doc.seed_negative) {
      result["seed"] = static_cast<int64_t>(*doc.seed);  // as written: torch.manual_seed(-1)
    } else {
      result["seed"] = doc.seed.value_or(0);
    }
    result["values"] = convstep::ValueSourceName(doc.values);
    result["generated"] = loaded->generated;
  }
  if (loaded->has_conv) {
    const auto& geometry = loaded->geometry;
    // Strides and dilations past 2^31 (which PyTorch takes) run on the reference pass: the fast
    // path's tile positions (stride * column, past the last output) would overflow int64.
    const int64_t huge_step = int64_t{1} << 31;
    const bool huge = geometry.stride > huge_step || geometry.dilation > huge_step;
    const convstep::Tensor output = huge ? convstep::ForwardReference(problem, geometry)
                                         : convstep::ForwardFast(problem, geometry);
    result["conv"] = convstep::ConvToJson(problem.spec);
    result["weight_shape"] = problem.weight.shape;
    result["weight"] = convstep::TensorToJson(problem.weight);
    if (problem.spec.bias) result["bias"] = convstep::TensorToJson(problem.bias);
    result["padding_left"] = geometry.pad_left;
    result["padding_right"] = geometry.pad_right;
    result["output_shape"] = output.shape;
    result["output"] = convstep::TensorToJson(output);
  }
  std::cout << convstep::DumpJson(result) << "\n";
  return 0;
}

int RunCode(const std::string& path, const convstep::Limits& limits) {
  auto loaded = Load(path, limits);
  if (!loaded) return Fail(loaded.error());
  const auto& doc = loaded->document;
  convstep::CodeSpec code;
  code.has_conv = loaded->has_conv;
  code.spec = doc.spec;
  code.layout = doc.layout;
  code.values = doc.values;
  code.seed = doc.seed.value_or(0);
  code.seed_negative = doc.seed_negative;
  code.input_shape = loaded->input_given.shape;
  // The source drew an input before the weights it made (see LoadSpec), even when a given
  // input then replaced it.
  const bool drawing = doc.values == convstep::ValueSource::kTorchRandn ||
                       doc.values == convstep::ValueSource::kSmallIntegers;
  const bool weights_made = doc.has_conv && (!doc.weight || (doc.spec.bias && !doc.bias));
  code.input_drawn =
      doc.input_shape.has_value() || (doc.sentences.empty() && weights_made && drawing);
  code.input = doc.input;
  code.weight = doc.weight;
  code.bias = doc.bias;
  code.sentences = doc.sentences;
  std::cout << convstep::PythonCode(code);
  return 0;
}

int RunTrace(const std::string& path, const std::string& granularity_name, bool as_json,
             const convstep::cli::TraceRange& range, const convstep::Limits& limits) {
  convstep::Granularity granularity;
  if (!convstep::ParseGranularity(granularity_name, &granularity))
    return Fail(convstep::MakeError("unknown granularity '" + granularity_name + "'", "granularity",
                                    "use tap, window, row or batch"));
  auto loaded = Load(path, limits);
  if (!loaded) return Fail(loaded.error());
  if (!loaded->has_conv)
    return Fail(
        convstep::MakeError("the spec has no \"conv\" object", "conv",
                            "trace needs a layer: add \"conv\": {\"in_channels\": ..., ...}"));
  const convstep::Walkthrough walk(loaded->problem, loaded->geometry);
  const int64_t total = walk.StepCount(granularity);
  if (range.from < 0 || (range.from >= total && total > 0))
    return Fail(convstep::MakeError("--from " + std::to_string(range.from) + " is out of range",
                                    "from",
                                    "there are " + std::to_string(total) +
                                        " steps, numbered 0 to " + std::to_string(total - 1)));
  if (as_json) {
    std::cout << convstep::DumpJson(convstep::cli::TraceToJson(walk, granularity, range)) << "\n";
  } else {
    convstep::cli::WriteTraceText(std::cout, walk, granularity, range);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"convstep-cli: PyTorch's nn.Conv1d, computed and explained step by step"};
  app.set_version_flag("--version", std::string("convstep-cli 0.1.0"));
  app.require_subcommand(1);
  int64_t max_memory_mib = 1024;
  app.add_option("--max-memory", max_memory_mib,
                 "Memory budget in MiB for the tensors of one run (default 1024)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 20));

  std::string forward_path;
  auto* forward = app.add_subcommand("forward", "Run the convolution and print a result JSON");
  forward->add_option("spec", forward_path, "Spec JSON file, or - for standard input")->required();

  std::string code_path;
  auto* code = app.add_subcommand("code", "Print the equivalent PyTorch program");
  code->add_option("spec", code_path, "Spec JSON file, or - for standard input")->required();

  std::string trace_path, granularity = "tap";
  bool trace_json = false;
  convstep::cli::TraceRange range;
  auto* trace = app.add_subcommand("trace", "List the steps of the walkthrough");
  trace->add_option("spec", trace_path, "Spec JSON file, or - for standard input")->required();
  trace->add_option("--granularity", granularity, "tap, window, row or batch")
      ->check(CLI::IsMember({"tap", "window", "row", "batch"}));
  trace->add_flag("--json", trace_json, "Print JSON instead of text");
  trace->add_option("--from", range.from, "First step to print (default 0)");
  trace->add_option("--count", range.count, "Number of steps to print (default: all)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << " (arguments): run convstep-cli --help for usage\n";
    return kUsageOrInputError;
  }
  convstep::Limits limits;
  limits.max_bytes = max_memory_mib * 1024 * 1024;
  try {
    if (forward->parsed()) return RunForward(forward_path, limits);
    if (code->parsed()) return RunCode(code_path, limits);
    if (trace->parsed()) return RunTrace(trace_path, granularity, trace_json, range, limits);
  } catch (const std::bad_alloc&) {
    // The budget fits, the machine does not: say so in the one-line form, never abort.
    std::cout.flush();
    return Fail(convstep::OutOfMemoryError("this run's tensors", limits));
  }
  return kUsageOrInputError;
}
