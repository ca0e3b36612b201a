// convstep-cli: the headless front end of the ConvStep engine. See README "Command line".
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <new>
#include <string>

#include "convstep/codegen.h"
#include "convstep/codegen_equivalents.h"
#include "convstep/forward.h"
#include "convstep/io_json.h"
#include "convstep/json_text.h"
#include "convstep/permute.h"
#include "convstep/walkthrough.h"
#include "fit.h"
#include "model/spec_session.h"
#include "trace.h"

namespace {

using convstep::Error;
using nlohmann::json;

constexpr int kUsageOrInputError = 2;

// One line on stderr; paths and values in it are made terminal-safe (a file name can hold a
// newline or an escape sequence, which would otherwise break the line or drive the terminal).
int Fail(Error error) {
  error.message = convstep::PrintableText(error.message);
  error.parameter = convstep::PrintableText(error.parameter);
  error.hint = convstep::PrintableText(error.hint);
  std::cerr << "error: " << error.OneLine() << "\n";
  return kUsageOrInputError;
}

using convstep::gui::AsGiven;
using convstep::gui::SpecSession;

// The app's hint for given values of the wrong shape names its controls ("undo this change",
// "'Values from'"); on the command line the remedy is a spec key. `name` is the tensor's spec
// key ("input", "weight", "bias"), `wanted` the shape the layer needs.
std::string FixedShapeHint(const std::string& name, const std::string& wanted) {
  if (name == "weight")
    return "a given weight cannot change shape: write \"weight\" (or its file) as " + wanted +
           " = [out_channels, in_channels/groups, kernel_size], or leave \"weight\" out to draw "
           "it from \"seed\" as nn.Conv1d would";
  if (name == "bias")
    return "a given bias cannot change shape: write \"bias\" (or its file) as " + wanted +
           " = [out_channels], or leave \"bias\" out to draw it from \"seed\" as nn.Conv1d would";
  return "a given input cannot change shape: write \"input\" (or its file) as " + wanted +
         ", or use \"input_shape\" and \"seed\" in place of \"input\" to draw it";
}

// The spec opened as the app opens it (model/spec_session.h).
convstep::Result<SpecSession> Load(const std::string& path, const convstep::Limits& limits) {
  auto text = convstep::gui::ReadText(path);
  if (!text) return text.error();
  // The CLI's forward pass is its own (ForwardFast on the thread pool): not the session's.
  auto loaded = convstep::gui::LoadSpec(*text, convstep::gui::FolderOf(path), path, limits, false);
  if (loaded || loaded.error().hint_key != "fixed_shape") return loaded;
  Error error = loaded.error();
  const auto& args = error.message_args;  // {name, origin, given shape, wanted shape}
  const std::string name = args.empty() ? "input" : args[0].text;
  error.parameter = name;
  error.hint = FixedShapeHint(name, args.size() > 3 ? args[3].text : "the layer's shape");
  error.hint_key.clear();
  error.hint_args.clear();
  return error;
}

int RunForward(const std::string& path, const convstep::Limits& limits, int threads) {
  auto loaded = Load(path, limits);
  if (!loaded) return Fail(loaded.error());
  const auto& doc = loaded->document;
  const convstep::Tensor input_given = AsGiven(*loaded, loaded->input_given);
  convstep::Tensor input = input_given;
  if (loaded->has_conv) {
    input = AsGiven(*loaded, loaded->session.problem.input);
  } else if (doc.layout == convstep::InputLayout::kNLC) {
    input = convstep::PermuteLastTwo(input_given).value();
  }
  json result = {{"input_shape", input.shape}, {"input", convstep::TensorToJson(input)}};
  if (doc.layout == convstep::InputLayout::kNLC) {
    result["input_layout"] = "NLC";
    result["input_given_shape"] = input_given.shape;
    result["input_given"] = convstep::TensorToJson(input_given);
  }
  if (loaded->has_conv && !loaded->session.tokens.empty())
    result["tokens"] = loaded->session.tokens;
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
    const auto& problem = loaded->session.problem;
    const auto& geometry = loaded->session.geometry;
    convstep::ThreadPool pool(threads);  // batch items and output-channel blocks over the cores
    convstep::FastOptions options;
    options.pool = &pool;
    const convstep::Tensor output =
        AsGiven(*loaded, convstep::ForwardFast(problem, geometry, options));
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

// The Conv2d forms (the image view only without groups) and the matrix-multiply form.
std::string EquivalentsPython(const SpecSession& loaded) {
  const auto& spec = loaded.session.problem.spec;
  const convstep::Geometry geometry = convstep::gui::GivenGeometry(loaded);
  std::string py = "\n" + convstep::Conv2dPython(spec, geometry);
  if (spec.groups == 1)
    py += "\n" + convstep::ImageConv2dPython(spec, geometry, geometry.in_channels);
  return py + "\n" + convstep::MatmulPython(spec, geometry);
}

int RunCode(const std::string& path, bool equivalents, const convstep::Limits& limits) {
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
  code.input_shape = AsGiven(*loaded, loaded->input_given).shape;
  // The source drew an input before the weights it made (see BuildSession), even when a given
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
  if (equivalents && loaded->has_conv) std::cout << EquivalentsPython(*loaded);
  return 0;
}

int RunFit(const std::string& path, const std::string& output_path,
           const convstep::Limits& limits) {
  auto loaded = Load(path, limits);
  if (!loaded) return Fail(loaded.error());
  auto output = convstep::LoadTensorFile(output_path);
  if (!output) return Fail(output.error());
  auto result = convstep::cli::FitToOutput(*loaded, *output, limits);
  if (!result) return Fail(result.error());
  std::cout << result->dump() << "\n";
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
  const convstep::Geometry geometry = convstep::gui::GivenGeometry(*loaded);
  const convstep::Walkthrough walk(loaded->session.problem, geometry);
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

// --count: a number of steps, 1 or more (CLI11 says "--count: " before the message, as it does
// for --threads). Text that is not a number is left to CLI11's own "Could not convert".
CLI::Validator StepCountCheck() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        int64_t count = 0;
        if (!CLI::detail::lexical_cast(text, count) || count >= 1) return "";
        return "Value " + text +
               " not in range: it is the number of steps to print, 1 or more (leave --count "
               "out to print every step)";
      },
      "1 or more", "STEP_COUNT");
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
  int forward_threads = convstep::HardwareThreads();
  forward
      ->add_option("--threads", forward_threads,
                   "Threads for the forward pass (default: all " + std::to_string(forward_threads) +
                       " cores); the output is the same for any count")
      ->check(CLI::Range(1, convstep::kMaxThreads));

  std::string code_path;
  auto* code = app.add_subcommand("code", "Print the equivalent PyTorch program");
  code->add_option("spec", code_path, "Spec JSON file, or - for standard input")->required();
  bool code_equivalents = false;
  code->add_flag("--equivalents", code_equivalents,
                 "Also print the layer as a Conv2d and as one matrix multiply");

  std::string fit_path, fit_output_path;
  auto* fit = app.add_subcommand("fit", "Recover the weights from an input and its output");
  fit->add_option("spec", fit_path, "Spec JSON file (layer and input), or - for standard input")
      ->required();
  fit->add_option("--output", fit_output_path, "The output tensor: .npy, .csv or .txt")->required();

  std::string trace_path, granularity = "tap";
  bool trace_json = false;
  convstep::cli::TraceRange range;
  auto* trace = app.add_subcommand("trace", "List the steps of the walkthrough");
  trace->add_option("spec", trace_path, "Spec JSON file, or - for standard input")->required();
  trace->add_option("--granularity", granularity, "tap, window, row or batch")
      ->check(CLI::IsMember({"tap", "window", "row", "batch"}));
  trace->add_flag("--json", trace_json, "Print JSON instead of text");
  trace->add_option("--from", range.from, "First step to print (default 0)");
  trace->add_option("--count", range.count, "Number of steps to print, 1 or more (default: all)")
      ->check(StepCountCheck());

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << convstep::PrintableText(e.what())
              << " (arguments): run convstep-cli --help for usage\n";
    return kUsageOrInputError;
  }
  convstep::Limits limits;
  limits.max_bytes = max_memory_mib * 1024 * 1024;
  try {
    if (forward->parsed()) return RunForward(forward_path, limits, forward_threads);
    if (code->parsed()) return RunCode(code_path, code_equivalents, limits);
    if (fit->parsed()) return RunFit(fit_path, fit_output_path, limits);
    if (trace->parsed()) return RunTrace(trace_path, granularity, trace_json, range, limits);
  } catch (const std::bad_alloc&) {
    // The budget fits, the machine does not: say so in the one-line form, never abort.
    std::cout.flush();
    return Fail(convstep::OutOfMemoryError("this run's tensors", limits));
  }
  return kUsageOrInputError;
}
