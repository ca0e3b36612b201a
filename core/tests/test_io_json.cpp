// The spec JSON schema: good documents, and bad ones that say where and why.
#include <gtest/gtest.h>

#include "convstep/io_json.h"

namespace convstep {
namespace {

TEST(SpecJson, ParsesEveryConvKeyWithDefaults) {
  auto doc = ParseSpecJson(R"({"conv": {"in_channels": 3, "out_channels": 8, "kernel_size": 2,
      "bias": false}, "input_layout": "NLC", "input": [[[1, 2, 3]]]})");
  ASSERT_TRUE(doc) << doc.error().OneLine();
  EXPECT_EQ(doc->spec, SeedSpec());
  EXPECT_EQ(doc->layout, InputLayout::kNLC);
  EXPECT_EQ(doc->input->shape, (Shape{1, 1, 3}));
}

TEST(SpecJson, PaddingStringsAndModes) {
  auto doc = ParseSpecJson(R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 3,
      "padding": "same", "padding_mode": "circular"}})");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->spec.padding_kind, PaddingKind::kSame);
  EXPECT_EQ(doc->spec.padding_mode, PaddingMode::kCircular);
  auto bad = ParseSpecJson(R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 3,
      "padding": "full"}})");
  ASSERT_TRUE(bad);  // kept, so validation reports it in PyTorch's order
  EXPECT_EQ(bad->spec.padding_kind, PaddingKind::kInvalid);
  EXPECT_EQ(bad->spec.invalid_padding, "full");
}

TEST(SpecJson, MalformedJsonNamesLineAndColumn) {
  auto doc = ParseSpecJson("{\n  \"conv\": {\"in_channels\": 3,, }\n}");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.error().message.find("line 2"), std::string::npos) << doc.error().message;
  EXPECT_EQ(doc.error().parameter, "json");
}

TEST(SpecJson, FuzzFoundNumberOverflowIsAnErrorNotAnException) {
  // Found by fuzz_spec_json: nlohmann throws out_of_range, not parse_error, for 1e925.
  auto doc = ParseSpecJson(R"({"input": [[1.0, 1e925]]})");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.error().message.find("1e925"), std::string::npos) << doc.error().message;
}

TEST(SpecJson, IntegersBeyondSixtyFourBitsAreQuotedWithTheirWrittenDigits) {
  // JSON keeps these only as the nearest double, which used to print as 1e+20.
  auto channels = ParseSpecJson(
      R"({"conv": {"in_channels": 100000000000000000000, "out_channels": 1, "kernel_size": 1}})");
  ASSERT_FALSE(channels);
  EXPECT_EQ(channels.error().OneLine(),
            "conv.in_channels is 100000000000000000000, beyond the 64-bit integers PyTorch takes "
            "(in_channels): use a number from -9223372036854775808 to 9223372036854775807");
  auto length = ParseSpecJson(R"({"seed": 0, "input_shape": [1, 3, 100000000000000000001]})");
  ASSERT_FALSE(length);
  EXPECT_NE(length.error().OneLine().find("but got the list [1,3,100000000000000000001]"),
            std::string::npos)
      << length.error().OneLine();
  // A float stays as it was written (a float); an integer beyond 64 bits is refused even
  // where its double is in range: -9223372036854775809 is the double -2^63, but
  // torch.manual_seed(-2**63 - 1) raises "Overflow when unpacking long".
  auto beyond = ParseSpecJson(R"({"seed": -9223372036854775809})");
  ASSERT_FALSE(beyond);
  EXPECT_NE(beyond.error().OneLine().find("but got -9223372036854775809 (seed)"), std::string::npos)
      << beyond.error().OneLine();
  auto as_float = ParseSpecJson(R"({"seed": -9.223372036854775808e18})");  // int() gives -2^63
  ASSERT_TRUE(as_float) << as_float.error().OneLine();
  EXPECT_EQ(*as_float->seed, uint64_t{1} << 63);
  auto stride = ParseSpecJson(
      R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 1, "stride": 1e20}})");
  ASSERT_FALSE(stride);
  EXPECT_NE(stride.error().OneLine().find("conv.stride is 1e+20,"), std::string::npos);
}

TEST(SpecJson, AFloatBesideAnIntegerBeyondSixtyFourBitsStaysTheFloatItWasWritten) {
  // 1e20 and 100000000000000000000 parse to the same double; only the written token tells the
  // float from the integer, wherever each one sits in the document.
  auto stride = ParseSpecJson(R"({"seed": 100000000000000000000,
      "conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 1, "stride": 1e20}})");
  ASSERT_FALSE(stride);
  EXPECT_EQ(stride.error().OneLine(),
            "conv.stride is 1e+20, beyond the 64-bit integers PyTorch takes (stride): use a "
            "number from -9223372036854775808 to 9223372036854775807");
  auto seed = ParseSpecJson(R"({"seed": 100000000000000000000, "input_shape": [1, 1e20]})");
  ASSERT_FALSE(seed);
  EXPECT_NE(seed.error().OneLine().find("but got the list [1,1e+20]"), std::string::npos)
      << seed.error().OneLine();
  auto both = ParseSpecJson(R"({"input_shape": [1e20, 100000000000000000000, -1]})");
  ASSERT_FALSE(both);
  EXPECT_NE(both.error().OneLine().find("but got the list [1e+20,100000000000000000000,-1]"),
            std::string::npos)
      << both.error().OneLine();
  // The float -9.223372036854775808e18 is int()-ed to -2^63, a seed torch takes, even beside
  // the integer -9223372036854775809 (the same double), which a tensor takes as a float.
  auto float_seed = ParseSpecJson(
      R"({"input": [[[-9223372036854775809, 1]]], "seed": -9.223372036854775808e18})");
  ASSERT_TRUE(float_seed) << float_seed.error().OneLine();
  EXPECT_EQ(*float_seed->seed, uint64_t{1} << 63);
  EXPECT_EQ(float_seed->input->data[0], -0x1p63f);
  auto integer_seed = ParseSpecJson(R"({"input": [[[-9.223372036854775808e18]]],
      "seed": -9223372036854775809})");
  ASSERT_FALSE(integer_seed);
  EXPECT_EQ(integer_seed.error().OneLine(),
            "seed must be a whole number from -2^63 to 2^64-1, but got -9223372036854775809 "
            "(seed): write it like torch.manual_seed takes it, e.g. 0 or 42");
}

TEST(SpecJson, EveryMessageQuotesAnIntegerBeyondSixtyFourBitsWithItsDigits) {
  const std::string big = "100000000000000000000000000000000000000000";  // 1e41, beyond float32
  auto tensor = ParseSpecJson(R"({"input": [[[1, )" + big + "]]]}");
  ASSERT_FALSE(tensor);
  EXPECT_NE(tensor.error().OneLine().find("input[0][0][1] is " + big + ", too large for float32"),
            std::string::npos)
      << tensor.error().OneLine();
  auto seed = ParseSpecJson(R"({"seed": 18446744073709551616})");
  ASSERT_FALSE(seed);
  EXPECT_NE(seed.error().OneLine().find("but got 18446744073709551616 (seed)"), std::string::npos)
      << seed.error().OneLine();
  auto layout = ParseSpecJson(R"({"input_layout": [-100000000000000000000]})");
  ASSERT_FALSE(layout);
  EXPECT_NE(layout.error().OneLine().find("but got the list [-100000000000000000000]"),
            std::string::npos)
      << layout.error().OneLine();
  auto kernel = ParseSpecJson(
      R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": {"k": 99999999999999999999}}})");
  ASSERT_FALSE(kernel);
  EXPECT_NE(kernel.error().OneLine().find("but got the object {\"k\":99999999999999999999}"),
            std::string::npos)
      << kernel.error().OneLine();
}

TEST(SpecJson, WrongTypesAndUnknownKeys) {
  auto text =
      ParseSpecJson(R"({"conv": {"in_channels": "3", "out_channels": 8, "kernel_size": 2}})");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().parameter, "in_channels");
  auto fraction =
      ParseSpecJson(R"({"conv": {"in_channels": 3, "out_channels": 8, "kernel_size": 2.5}})");
  ASSERT_FALSE(fraction);
  EXPECT_EQ(fraction.error().parameter, "kernel_size");
  auto typo = ParseSpecJson(
      R"({"conv": {"in_channels": 3, "out_channels": 8, "kernel_size": 2, "strid": 2}})");
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("strid"), std::string::npos);
  auto missing = ParseSpecJson(R"({"conv": {"in_channels": 3, "out_channels": 8}})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().parameter, "kernel_size");
}

// A typo in a top-level key would silently change the result (an "inptu_layout": "NLC" input
// read as NCL): every key the spec does not have is refused, naming the nearest one.
TEST(SpecJson, UnknownTopLevelKeysAreRefusedWithTheNearestKey) {
  auto layout = ParseSpecJson(
      R"({"conv":{"in_channels":3,"out_channels":1,"kernel_size":1,"bias":false},)"
      R"("weight":[[[1],[0],[0]]],"inptu_layout":"NLC","input":[[[1,2,3],[4,5,6],[7,8,9]]]})");
  ASSERT_FALSE(layout);
  EXPECT_EQ(layout.error().message, "the spec has an unknown key \"inptu_layout\"");
  EXPECT_EQ(layout.error().parameter, "inptu_layout");
  EXPECT_EQ(layout.error().hint,
            "did you mean \"input_layout\"? The keys are conv, input, input_layout, input_shape, "
            "weight, bias, fit_weights_to, sentences, values, seed, title, source, session, view");
  auto weight = ParseSpecJson(R"({"wieght": [[[1]]]})");
  ASSERT_FALSE(weight);
  EXPECT_EQ(weight.error().hint_args.at(0), "weight");
  auto seed = ParseSpecJson(R"({"sed": 3})");
  ASSERT_FALSE(seed);
  EXPECT_EQ(seed.error().message, "the spec has an unknown key \"sed\"");
  EXPECT_EQ(seed.error().hint_args.at(0), "seed");
  auto far = ParseSpecJson(R"({"comment": "x"})");
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().hint_key, "spec_keys");
  EXPECT_EQ(far.error().hint.rfind("the keys are conv, input,", 0), 0u) << far.error().hint;
  // What sessions and presets add is kept for them, as written.
  auto session = ParseSpecJson(
      R"({"title": "t", "source": "s", "session": {"step": 2}, "view": {"text_scale": 1.5}})");
  ASSERT_TRUE(session) << session.error().OneLine();
  EXPECT_EQ(session->extra["session"]["step"], 2);
  EXPECT_EQ(session->extra["title"], "t");
  EXPECT_EQ(session->extra.size(), 4u);
}

// JSON keeps the last of two equal keys, so {"kernel_size": 2, "kernel_size": 3} ran with 3:
// a key given twice is refused at every level, with the object's path and the place.
TEST(SpecJson, RepeatedKeysAreRefusedWithTheirPlace) {
  auto conv =
      ParseSpecJson(R"({"conv":{"in_channels":1,"out_channels":1,"kernel_size":2,"kernel_size":3},)"
                    R"("input":[[[1,2,3]]]})");
  ASSERT_FALSE(conv);
  EXPECT_EQ(conv.error().message,
            "the JSON gives the key \"kernel_size\" twice in conv (again at line 1, column 59)");
  EXPECT_EQ(conv.error().hint,
            "keep one of them: a JSON reader keeps only one and silently drops the other");
  auto top = ParseSpecJson("{\"seed\": 1,\n \"input_shape\": [1, 1, 3],\n \"seed\": 2}");
  ASSERT_FALSE(top);
  EXPECT_EQ(top.error().message,
            "the JSON gives the key \"seed\" twice (again at line 3, column 2)");
  // Escapes name the same key; keys inside strings and in different objects are not repeats.
  auto escaped = ParseJsonText(R"({"view": {"a": 1, "b": [{"x": 1}, {"x": 2, "\u0078": 3}]}})");
  ASSERT_FALSE(escaped);
  EXPECT_EQ(escaped.error().message,
            "the JSON gives the key \"x\" twice in view.b[1] (again at line 1, column 44)");
  auto distinct = ParseJsonText(R"({"a": {"x": "\"x\": 1, \"x\""}, "b": {"x": [1, {"y": 2}]}})");
  ASSERT_TRUE(distinct) << distinct.error().OneLine();
  EXPECT_EQ((*distinct)["b"]["x"][1]["y"], 2);
}

TEST(SpecJson, RaggedAndNonNumericTensors) {
  auto ragged = ParseSpecJson(R"({"input": [[1, 2, 3], [4, 5]]})");
  ASSERT_FALSE(ragged);
  EXPECT_EQ(ragged.error().message,
            "input[1] has 2 elements, expected 3 like the first list at this level");
  auto text = ParseSpecJson(R"({"weight": [[1, "x"]]})");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().message,
            "weight[0][1] is the string \"x\", not a number (NaN and the infinities are written "
            "\"nan\", \"inf\" and \"-inf\")");
  auto deep = ParseSpecJson(R"({"input": [[1, [2]]]})");
  ASSERT_FALSE(deep);
}

TEST(SpecJson, TensorRoundTripIsExactAndShort) {
  Tensor tensor{{2, 2}, {-1.5697f, 0.1f, 3.0f, 1e-7f}};
  const auto json = TensorToJson(tensor);
  EXPECT_EQ(json.dump(), "[[-1.5697,0.1],[3.0,1e-07]]");
  auto back = TensorFromJson(json, "t");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->data, tensor.data);
  EXPECT_EQ(back->shape, tensor.shape);
}

TEST(SpecJson, TensorsFromFilesRelativeToTheSpec) {
  const std::string dir = std::string(CONVSTEP_GOLDEN_DIR);
  auto doc = ParseSpecJson(R"({"input": {"file": "npy/f32_6x5x3.npy"},
      "weight": {"file": "seed_input_print.txt"}})",
                           dir);
  ASSERT_TRUE(doc) << doc.error().OneLine();
  EXPECT_EQ(doc->input->shape, (Shape{6, 5, 3}));
  EXPECT_EQ(doc->weight->shape, (Shape{6, 5, 3}));
  EXPECT_FLOAT_EQ(doc->weight->data[0], -1.5697f);
  auto missing = ParseSpecJson(R"({"input": {"file": "nope.npy"}})", dir);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("nope.npy"), std::string::npos);
  auto unknown = ParseSpecJson(R"({"input": {"file": "x.bin"}})", dir);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("unknown file type"), std::string::npos);
  auto extra = ParseSpecJson(R"({"input": {"file": "x.npy", "mode": 1}})", dir);
  ASSERT_FALSE(extra);
}

}  // namespace
}  // namespace convstep

namespace convstep {
namespace {

TEST(SpecJson, FitWeightsToReadsAnOutputAndExcludesGivenWeights) {
  const auto doc = ParseSpecJson(
      R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 2},
          "input": [[[1, 2, 3]]], "fit_weights_to": [[[0.5, 1.5]]]})");
  ASSERT_TRUE(doc) << doc.error().OneLine();
  ASSERT_TRUE(doc->fit_output);
  EXPECT_EQ(doc->fit_output->shape, (Shape{1, 1, 2}));
  EXPECT_FALSE(doc->extra.contains("fit_weights_to"));
  const auto both = ParseSpecJson(
      R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 2},
          "weight": [[[1, 1]]], "fit_weights_to": [[[0.5, 1.5]]]})");
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().parameter, "fit_weights_to");
  EXPECT_EQ(both.error().message, "the spec gives fit_weights_to and also weight or bias");
  const auto no_layer = ParseSpecJson(R"({"input": [[1, 2]], "fit_weights_to": [[1]]})");
  ASSERT_FALSE(no_layer);
  EXPECT_EQ(no_layer.error().message, "fit_weights_to needs a \"conv\" object");
  const auto ragged = ParseSpecJson(
      R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 2},
          "fit_weights_to": [[1, 2], [3]]})");
  ASSERT_FALSE(ragged);
  EXPECT_EQ(ragged.error().parameter, "fit_weights_to");
}

}  // namespace
}  // namespace convstep
