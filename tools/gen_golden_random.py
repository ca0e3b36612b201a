#!/usr/bin/python3
"""Writes core/tests/golden/random_cases.json: numbers drawn by real PyTorch 1.13 for
core/tests/test_torch_random.cpp and core/tests/test_values.cpp.

Run with Debian's interpreter, which has python3-torch:
    /usr/bin/python3 tools/gen_golden_random.py
The output is deterministic (fixed seeds, sorted keys). The main data comes from torch's
default CPU kernels on this machine (AVX2); the "default_kernels" part is drawn by a second
run of this script under ATEN_CPU_CAPABILITY=default (torch without AVX2).
"""
import json
import math
import os
import subprocess
import sys
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore", message="Initializing zero-element tensors is a no-op")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "tests", "golden", "random_cases.json")

SEEDS = [0, 1, 42, 2**32 - 1, 2**32 + 42, 2**64 - 1]
SIZES = [1, 2, 7, 15, 16, 17, 30, 31, 32, 33, 72, 90, 100, 700]


def flat(tensor):
    """Float32 values as Python floats (exact), row-major."""
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def capability():
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def conv_kwargs(in_channels, out_channels, kernel_size, groups=1, bias=True, **more):
    conv = {"in_channels": in_channels, "out_channels": out_channels,
            "kernel_size": kernel_size, "groups": groups, "bias": bias}
    conv.update(more)
    return conv


CONVS = [
    conv_kwargs(3, 8, 2, bias=False),  # the seed document's layer
    conv_kwargs(3, 8, 2),
    conv_kwargs(4, 6, 3, groups=2),
    conv_kwargs(6, 6, 1, groups=6),  # depthwise, fan_in 1
    conv_kwargs(1, 1, 1),
    conv_kwargs(5, 10, 7, groups=5, bias=False),
    conv_kwargs(16, 32, 5, groups=4),
    conv_kwargs(7, 3, 4),  # fan_in 28
    conv_kwargs(3, 4, 3, stride=2, padding=1, dilation=2, padding_mode="reflect"),
    conv_kwargs(3, 0, 2),  # no output channels: nothing is drawn
]


def conv_case(seed, conv):
    torch.manual_seed(seed)
    layer = nn.Conv1d(**conv)
    after = torch.rand(3)  # shows where the generator stands after construction
    return {"seed": seed, "conv": conv, "weight_shape": list(layer.weight.shape),
            "weight": flat(layer.weight),
            "bias": flat(layer.bias) if layer.bias is not None else None,
            "rand_after": flat(after)}


def randn_cases(seeds, sizes):
    cases = []
    for seed in seeds:
        for size in sizes:
            torch.manual_seed(seed)
            cases.append({"seed": seed, "shape": [size], "values": flat(torch.randn(size))})
    return cases


def digest(tensor):
    """A 64-bit fingerprint of float32 bit patterns: sum of (bits ^ i) * (2 i + 1) mod 2^64."""
    import numpy as np
    bits = tensor.reshape(-1).numpy().view(np.uint32).astype(np.uint64)
    index = np.arange(bits.size, dtype=np.uint64)
    return int(np.sum((bits ^ index) * (index * np.uint64(2) + np.uint64(1)), dtype=np.uint64))


def randn_digests(seeds, size):
    """Large draws, too big to store, that catch differences in the last bit of rare values."""
    cases = []
    for seed in seeds:
        torch.manual_seed(seed)
        values = torch.randn(size)
        cases.append({"seed": seed, "size": size, "digest": digest(values),
                      "first": float(values[0]), "last": float(values[-1])})
    return cases


def default_kernels_part():
    """What torch draws without AVX2 (called in the child process)."""
    return {"capability": capability(),
            "randn": randn_cases([0, 42], [7, 16, 17, 30, 90]),
            "conv_init": [conv_case(0, CONVS[1]), conv_case(42, CONVS[6])],
            "randn_digests": randn_digests([0], 100003)}


# ---- value sources: the Python that ConvStep prints (values.h) and what it computes ----

def size_args(shape):
    return ", ".join(str(s) for s in shape) if shape else "()"


def shape_tuple(shape):
    if len(shape) == 1:
        return "(%d,)" % shape[0]
    return "(" + size_args(shape) + ")" if shape else "()"


def filled_python(source, shape):
    if source == "arange":
        count = "torch.arange(%d.0)" % math.prod(shape)
        return count if len(shape) == 1 else count + ".reshape(" + size_args(shape) + ")"
    if source == "small_integers":
        return "torch.randint(-3, 4, " + shape_tuple(shape) + ").float()"
    if source == "ones":
        return "torch.ones(" + size_args(shape) + ")"
    if source == "zeros":
        return "torch.zeros(" + size_args(shape) + ")"
    return "torch.randn(" + size_args(shape) + ")"


def spec_python(conv):
    text = "nn.Conv1d(%d, %d, %d" % (conv["in_channels"], conv["out_channels"],
                                     conv["kernel_size"])
    if conv.get("stride", 1) != 1:
        text += ", stride=%d" % conv["stride"]
    if conv.get("padding", 0) != 0:
        text += ", padding=%r" % conv["padding"]
    if conv.get("dilation", 1) != 1:
        text += ", dilation=%d" % conv["dilation"]
    if conv.get("groups", 1) != 1:
        text += ", groups=%d" % conv["groups"]
    if not conv.get("bias", True):
        text += ", bias=False"
    if conv.get("padding_mode", "zeros") != "zeros":
        text += ", padding_mode='%s'" % conv["padding_mode"]
    return text + ")"


def expressions(source, conv, input_shape):
    weight_shape = [conv["out_channels"], conv["in_channels"] // conv["groups"],
                    conv["kernel_size"]]
    fan_in = weight_shape[1] * weight_shape[2]
    exprs = {"input": filled_python(source, input_shape)}
    if source == "randn":
        exprs["weight"] = ("nn.init.kaiming_uniform_(torch.empty(" + size_args(weight_shape) +
                           "), a=math.sqrt(5))")
        exprs["bias"] = ("nn.init.uniform_(torch.empty(%d), -1 / math.sqrt(%d), "
                         "1 / math.sqrt(%d))" % (conv["out_channels"], fan_in, fan_in))
    else:
        exprs["weight"] = filled_python(source, weight_shape)
        exprs["bias"] = filled_python(source, [conv["out_channels"]])
    if not conv["bias"]:
        exprs["bias"] = "None"
    return exprs


def values_python(source, conv, input_shape, seed):
    exprs = expressions(source, conv, input_shape)
    text = "import torch\nimport torch.nn as nn\n\n"
    if source in ("randn", "small_integers"):
        text += "torch.manual_seed(%d)\n" % seed
    text += "x = " + exprs["input"] + "\n"
    if source == "randn":
        return text + "conv = " + spec_python(conv) + "\n"
    text += "weight = " + exprs["weight"] + "\n"
    if conv["bias"]:
        text += "bias = " + exprs["bias"] + "\n"
    text += "conv = " + spec_python(conv) + "\nwith torch.no_grad():\n"
    text += "    conv.weight.copy_(weight)\n"
    if conv["bias"]:
        text += "    conv.bias.copy_(bias)\n"
    return text


def value_source_case(source, conv, input_shape, seed):
    script = values_python(source, conv, input_shape, seed)
    scope = {}
    exec(script, scope)  # the printed program must give the numbers
    x, layer = scope["x"], scope["conv"]
    exprs = expressions(source, conv, input_shape)
    torch.manual_seed(seed)  # the expressions, evaluated in order, must agree
    scope2 = {"torch": torch, "nn": nn, "math": math}
    for role, tensor in (("input", x), ("weight", layer.weight), ("bias", layer.bias)):
        value = eval(exprs[role], scope2)
        assert (value is None and tensor is None) or torch.equal(value, tensor.detach()), role
    return {"source": source, "seed": seed, "conv": conv, "input_shape": input_shape,
            "python": script, "expressions": exprs, "input": flat(x),
            "weight": flat(layer.weight),
            "bias": flat(layer.bias) if layer.bias is not None else None}


def main_part():
    data = {"torch_version": torch.__version__, "capability": capability()}
    data["rand"] = []
    for seed in SEEDS:
        for size in [7, 16, 30]:
            torch.manual_seed(seed)
            data["rand"].append({"seed": seed, "shape": [size], "values": flat(torch.rand(size))})
    data["randn"] = randn_cases(SEEDS, SIZES)
    torch.manual_seed(0)  # a multi-dimensional shape draws in row-major order
    data["randn"].append({"seed": 0, "shape": [2, 3, 5], "values": flat(torch.randn(2, 3, 5))})
    torch.manual_seed(7)
    data["randn"].append({"seed": 7, "shape": [4, 3, 50],
                          "values": flat(torch.randn(4, 3, 50))})
    data["randn_digests"] = randn_digests([0, 42], 1000003)
    data["randint"] = []
    for seed in [0, 1, 42, 2**32 - 1]:
        for low, high, shape in [(-3, 4, [7]), (-3, 4, [2, 3, 4]), (0, 2**33, [5]),
                                 (-(2**40), 2**40, [4])]:
            torch.manual_seed(seed)
            values = torch.randint(low, high, shape)
            data["randint"].append({"seed": seed, "low": low, "high": high, "shape": shape,
                                    "values": flat(values.float())})
    data["uniform"] = []
    for seed, low, high, size in [(0, -0.5, 0.5, 40), (3, 2.0, 7.0, 40), (42, -1e-3, 2e-3, 40)]:
        torch.manual_seed(seed)
        data["uniform"].append({"seed": seed, "from": low, "to": high, "shape": [size],
                                "values": flat(torch.empty(size).uniform_(low, high))})
    data["conv_init"] = [conv_case(seed, conv) for conv in CONVS for seed in [0, 42]]
    data["conv_init"].append(conv_case(2**32 - 1, CONVS[2]))
    data["conv_init"].append(conv_case(2**64 - 1, CONVS[6]))

    # One generator, several draws in a row: the state and the normal cache carry over.
    torch.manual_seed(5)
    steps = []
    def step(op, value, **args):
        entry = {"op": op, "values": flat(value)}
        entry.update(args)
        steps.append(entry)
    step("randn", torch.randn(3), shape=[3])  # leaves r*sin(theta) cached
    step("randn", torch.randn(5), shape=[5])  # starts with the cached value
    step("randn", torch.randn(20), shape=[20])  # the block path ignores the cache
    step("rand", torch.rand(4), shape=[4])
    step("randn", torch.randn(1), shape=[1])  # the cache left by randn(5)
    step("randint", torch.randint(-3, 4, (6,)).float(), shape=[6], low=-3, high=4)
    layer = nn.Conv1d(3, 8, 2)
    steps.append({"op": "conv_init", "conv": conv_kwargs(3, 8, 2), "values": flat(layer.weight),
                  "bias": flat(layer.bias)})
    step("randn", torch.randn(6, 5, 3), shape=[6, 5, 3])
    layer = nn.Conv1d(4, 6, 3, groups=2, bias=False)
    steps.append({"op": "conv_init", "conv": conv_kwargs(4, 6, 3, groups=2, bias=False),
                  "values": flat(layer.weight), "bias": None})
    step("randn", torch.randn(2), shape=[2])
    data["sequence"] = {"seed": 5, "steps": steps}

    # The seed document's code: input, weight and the output torch computes.
    torch.manual_seed(0)
    x = torch.randn(6, 5, 3)
    conv = nn.Conv1d(3, 8, 2, bias=False)
    with torch.no_grad():
        y = conv(x.permute(0, 2, 1))
    data["seed_example"] = {"seed": 0, "input_shape": [6, 5, 3], "input_layout": "NLC",
                            "conv": conv_kwargs(3, 8, 2, bias=False), "input": flat(x),
                            "weight": flat(conv.weight), "output_shape": list(y.shape),
                            "output": flat(y)}

    data["value_sources"] = []
    for source in ["randn", "arange", "small_integers", "ones", "zeros"]:
        data["value_sources"].append(value_source_case(source, conv_kwargs(3, 8, 2, bias=False),
                                                       [6, 5, 3], 0))
        data["value_sources"].append(value_source_case(source, conv_kwargs(4, 6, 3, groups=2),
                                                       [2, 4, 9], 42))
    data["value_sources"].append(value_source_case("small_integers", conv_kwargs(1, 2, 3),
                                                   [10], 2**64 - 1))
    data["value_sources"].append(value_source_case("randn", conv_kwargs(2, 3, 2), [1, 2, 9],
                                                   2**32 + 7))
    return data


def main():
    if "--default-kernels-part" in sys.argv:
        json.dump(default_kernels_part(), sys.stdout, sort_keys=True)
        return
    data = main_part()
    env = dict(os.environ, ATEN_CPU_CAPABILITY="default")
    child = subprocess.run([sys.executable, os.path.abspath(__file__), "--default-kernels-part"],
                           env=env, check=True, capture_output=True, text=True)
    data["default_kernels"] = json.loads(child.stdout)
    with open(OUT, "w") as out:
        json.dump(data, out, sort_keys=True, separators=(",", ":"))
        out.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
