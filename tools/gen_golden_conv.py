#!/usr/bin/python3
"""Generates core/tests/golden/conv_cases.json: nn.Conv1d cases answered by real PyTorch.

Run with Debian's interpreter, which has python3-torch (1.13.1):

    /usr/bin/python3 tools/gen_golden_conv.py [--out OUT.json] [--cases N] [--seed S]

The defaults write the committed file. Other seeds and counts are for exploring: write a
larger set elsewhere to hunt for disagreements, without committing it.

Each case is a random nn.Conv1d configuration and input shape. The script builds the module
and calls it exactly as a user would, `nn.Conv1d(...)(x)`, and records either the tensors
(input, the module's own weight and bias, output) or the message PyTorch raised. About a
quarter of the cases are invalid on purpose (bad groups, padding strings and modes,
non-positive stride or dilation, forgotten permutes, wrong ranks, kernels longer than the
input, reflect/circular limits, ...). core/tests/test_golden_conv.cpp replays every case
through ConvStep and needs no torch at run time.

The output is deterministic: random.Random(seed) draws the cases, torch.manual_seed(seed + i)
fixes each case's tensors, and the script re-executes itself with PYTHONHASHSEED=0, because
two of PyTorch's messages print a Python set whose order depends on the hash seed. With seed 0
they read {'same', 'valid'} and {'replicate', 'reflect', 'zeros', 'circular'}, as ConvStep
prints them.
"""
import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import argparse  # noqa: E402  (after the re-exec on purpose)
import json  # noqa: E402
import random  # noqa: E402
import warnings  # noqa: E402

import torch  # noqa: E402
from torch import nn  # noqa: E402

SEED = 20240613
TARGET_CASES = 460
MODES = ["zeros", "reflect", "replicate", "circular"]
MAX_N, MAX_C, MAX_L = 3, 8, 24
DEFAULT_OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                            "core", "tests", "golden", "conv_cases.json"))


def pads_of(spec):
    """(left, right) padding nn.Conv1d applies for a valid padding value."""
    padding = spec["padding"]
    if padding == "same":
        total = spec["dilation"] * (spec["kernel_size"] - 1)
        return total // 2, total - total // 2
    if padding == "valid":
        return 0, 0
    return padding, padding


def base_spec(rng):
    """A random configuration that nn.Conv1d accepts, with small channel counts."""
    groups = rng.choice([1, 1, 1, 1, 2, 2, 3, 4])
    in_per_group = rng.randint(1, MAX_C // groups)
    out_per_group = rng.randint(1, MAX_C // groups)
    stride = rng.choice([1, 1, 1, 2, 3])
    kernel_size = rng.choice([1, 2, 2, 3, 3, 4, 5])
    dilation = rng.choice([1, 1, 1, 2, 3])
    roll = rng.random()
    if roll < 0.15 and stride == 1:
        padding = "same"
    elif roll < 0.25:
        padding = "valid"
    else:
        padding = rng.choice([0, 0, 1, 1, 2, 3])
    return {
        "in_channels": groups * in_per_group,
        "out_channels": groups * out_per_group,
        "kernel_size": kernel_size,
        "stride": stride,
        "padding": padding,
        "dilation": dilation,
        "groups": groups,
        "bias": rng.random() < 0.6,
        "padding_mode": rng.choice(MODES),
    }


def fitting_length(rng, spec):
    """A length L the spec accepts: long enough for the kernel, and for reflect/circular."""
    left, right = pads_of(spec)
    extent = spec["dilation"] * (spec["kernel_size"] - 1) + 1
    shortest = max(1, extent - left - right)
    if spec["padding_mode"] == "reflect":
        shortest = max(shortest, left + 1, right + 1)
    elif spec["padding_mode"] == "circular":
        shortest = max(shortest, left, right)
    return rng.randint(shortest, min(MAX_L, shortest + 10))


def fitting_shape(rng, spec, batched=None):
    """An input shape the spec accepts: [N, C, L] (N may be small) or unbatched [C, L]."""
    if batched is None:
        batched = spec["padding_mode"] == "circular" or rng.random() < 0.75
    length = fitting_length(rng, spec)
    if batched:
        return [rng.choice([1, 1, 2, 2, 3]), spec["in_channels"], length]
    return [spec["in_channels"], length]


# ---- Mutators: each returns (spec, input shape) around one theme. ----

def valid_random(rng):
    spec = base_spec(rng)
    return spec, fitting_shape(rng, spec)


def valid_edge(rng):
    """Corners PyTorch accepts: empty batch, cropping, padding at its limit, exact fits."""
    spec = base_spec(rng)
    kind = rng.choice(["empty_batch", "crop", "limit", "exact", "long_stride", "valid"])
    if kind == "empty_batch":
        shape = fitting_shape(rng, spec, batched=True)
        shape[0] = 0
        return spec, shape
    if kind == "crop":  # negative padding crops in the non-zero modes
        spec["padding_mode"] = rng.choice(MODES[1:])
        spec["padding"] = -rng.randint(1, 2)
        shape = fitting_shape(rng, dict(spec, padding=0), batched=True)
        extent = spec["dilation"] * (spec["kernel_size"] - 1) + 1
        shape[-1] = max(shape[-1], extent - 2 * spec["padding"])
        return spec, shape
    if kind == "limit":  # reflect: padding == L - 1; circular: padding == L
        spec["padding_mode"] = rng.choice(["reflect", "circular"])
        spec["padding"] = rng.randint(1, 4)
        length = spec["padding"] + (1 if spec["padding_mode"] == "reflect" else 0)
        extent = spec["dilation"] * (spec["kernel_size"] - 1) + 1
        if length + 2 * spec["padding"] < extent:
            spec["dilation"] = 1
            spec["kernel_size"] = min(spec["kernel_size"], length + 2 * spec["padding"])
        return spec, [rng.randint(1, MAX_N), spec["in_channels"], length]
    if kind == "exact":  # the padded input is exactly as long as the kernel's extent
        shape = fitting_shape(rng, spec)
        left, right = pads_of(spec)
        extent = spec["dilation"] * (spec["kernel_size"] - 1) + 1
        if extent - left - right >= 1:
            shape[-1] = extent - left - right
        return spec, shape
    if kind == "long_stride":
        spec["stride"] = rng.randint(4, 30)
        if spec["padding"] == "same":
            spec["padding"] = 1
        return spec, fitting_shape(rng, spec)
    spec["padding"] = "valid"
    return spec, fitting_shape(rng, spec)


def invalid_construction(rng):
    """Arguments nn.Conv1d.__init__ rejects (or that make torch.empty fail)."""
    spec = base_spec(rng)
    kind = rng.choice(["groups", "groups", "padding_string", "mode", "same_stride",
                       "negative_size", "negative_size"])
    if kind == "groups":
        spec["groups"] = rng.choice([0, -1, -2, 3, 5, 7, 16])
    elif kind == "padding_string":
        spec["padding"] = rng.choice(["full", "SAME", "Valid", "causal", ""])
    elif kind == "mode":
        spec["padding_mode"] = rng.choice(["zero", "mirror", "Reflect", "constant", "wrap"])
    elif kind == "same_stride":
        spec["padding"] = "same"
        spec["stride"] = rng.randint(2, 4)
    else:
        key = rng.choice(["kernel_size", "out_channels", "in_channels"])
        spec[key] = -rng.randint(1, 3) * (spec["groups"] if key != "kernel_size" else 1)
    return spec, fitting_shape(rng, dict(spec, padding=0, stride=1, padding_mode="zeros",
                                         in_channels=max(1, spec["in_channels"])))


def break_forward(rng, spec, shape, kind):
    """Applies one fault of the forward pass to (spec, shape); returns the new shape."""
    if kind == "stride":
        spec["stride"] = rng.choice([0, -1, -2])
        if spec["padding"] == "same":
            spec["padding"] = rng.choice([0, 1, "valid"])
    elif kind == "dilation":
        spec["dilation"] = rng.choice([0, -1, -2])
    elif kind == "negative_padding":
        spec["padding_mode"] = "zeros"
        spec["padding"] = -rng.randint(1, 3)
    elif kind == "permute":  # data kept as [N, L, C]
        length = rng.choice([n for n in range(2, MAX_L + 1) if n != spec["in_channels"]])
        shape = shape[:-2] + [length, spec["in_channels"]]
    elif kind == "channels":
        shape[-2] = rng.choice([c for c in range(1, MAX_C + 1) if c != spec["in_channels"]])
    elif kind == "rank":
        shape = rng.choice([[shape[-1]], shape[-2:] + [1], [1] + shape[-2:] + [2],
                            [1, 1] + shape[-2:], []])
    elif kind == "short":  # the kernel is longer than the (padded) input
        left, right = pads_of(spec)
        extent = spec["dilation"] * (spec["kernel_size"] - 1) + 1
        if extent - left - right < 2:
            spec["kernel_size"] = rng.randint(4, 6)
            spec["dilation"] = rng.randint(2, 3)
            spec["padding"] = rng.choice([0, 1])
            left, right = pads_of(spec)
            extent = spec["dilation"] * (spec["kernel_size"] - 1) + 1
        shape[-1] = rng.randint(1, extent - left - right - 1)
    elif kind == "reflect_limit":
        spec["padding_mode"] = "reflect"
        spec["padding"] = rng.randint(1, 6)
        shape[-1] = rng.randint(1, spec["padding"])
    elif kind == "circular_limit":
        spec["padding_mode"] = "circular"
        spec["padding"] = rng.randint(2, 6)
        shape[-1] = rng.randint(1, spec["padding"] - 1)
    elif kind == "over_crop":  # negative padding removes the whole input in a non-zero mode
        spec["padding_mode"] = rng.choice(MODES[1:])
        shape[-1] = rng.randint(1, 4)
        spec["padding"] = -rng.randint((shape[-1] + 1) // 2, shape[-1] + 1)
    elif kind == "no_out":
        spec["out_channels"] = 0
    elif kind == "empty_length":
        shape[-1] = 0
    elif kind == "empty_channels":
        shape[-2] = 0
    elif kind == "empty_batch" and len(shape) == 3:
        shape[0] = 0
    elif kind == "same_odd":  # 'same' with a kernel whose total padding is odd
        spec["padding"] = "same"
        spec["stride"] = 1
        spec["kernel_size"] = rng.choice([2, 4])
    return shape


FORWARD_FAULTS = ["stride", "dilation", "negative_padding", "permute", "permute", "channels",
                  "rank", "short", "short", "reflect_limit", "circular_limit", "over_crop",
                  "no_out", "empty_length", "empty_channels", "empty_batch", "same_odd"]


def invalid_forward(rng):
    """Modules that build but reject the input, or whose sizes fail in the forward pass.
    A third of the cases combine two faults, so that PyTorch's check order is tested too."""
    spec = base_spec(rng)
    shape = fitting_shape(rng, spec)
    faults = rng.sample(FORWARD_FAULTS, 2 if rng.random() < 0.35 else 1)
    faults.sort(key=lambda kind: kind == "rank")  # the others need the [.., C, L] axes
    for kind in faults:
        shape = break_forward(rng, spec, shape, kind)
    return spec, shape


def wild(rng):
    """Every argument drawn independently from a wide range, valid or not: tests the order of
    PyTorch's checks where several things are wrong at once."""
    spec = {
        "in_channels": rng.randint(-2, MAX_C),
        "out_channels": rng.randint(-2, MAX_C),
        "kernel_size": rng.randint(-1, 7),
        "stride": rng.randint(-1, 5),
        "padding": rng.choice([rng.randint(-4, 8), "same", "valid", "full"]),
        "dilation": rng.randint(-2, 4),
        "groups": rng.randint(-1, 4),
        "bias": rng.random() < 0.5,
        "padding_mode": rng.choice(MODES + ["zeros", "mirror"]),
    }
    rank = rng.choice([1, 2, 3, 3, 3, 4])
    shape = [rng.randint(0, 3)] * (rank - 2) + [rng.randint(0, MAX_C), rng.randint(0, 12)]
    return spec, shape[-rank:]


# Hand-picked corners that random draws reach rarely; each is (changes to CORNER_BASE, shape).
CORNER_BASE = {"in_channels": 2, "out_channels": 4, "kernel_size": 2, "stride": 1, "padding": 0,
               "dilation": 1, "groups": 1, "bias": True, "padding_mode": "zeros"}
CORNERS = [
    # The seed document's layer, on the permuted input and on the forgotten permute.
    ({"in_channels": 3, "out_channels": 8, "bias": False}, [6, 3, 5]),
    ({"in_channels": 3, "out_channels": 8, "bias": False}, [6, 5, 3]),
    # Non-positive dilation: which backend checks it decides the message.
    ({"dilation": 0}, [1, 2, 10]), ({"dilation": 0}, [2, 10]), ({"dilation": -1}, [2, 2, 10]),
    ({"dilation": 0, "groups": 2}, [1, 2, 10]), ({"dilation": 0}, [1, 2, 0]),
    ({"dilation": 0, "padding": 1}, [1, 2, 0]), ({"dilation": 0, "padding": "same"}, [1, 2, 5]),
    ({"dilation": -1, "padding": "same"}, [1, 2, 3]),
    ({"dilation": -3, "padding": "same"}, [1, 2, 3]),
    ({"dilation": -1, "padding": "same", "padding_mode": "reflect"}, [1, 2, 3]),
    ({"dilation": -1, "padding": "same", "padding_mode": "circular"}, [2, 2, 3]),
    ({"dilation": -1, "padding": "same", "padding_mode": "replicate"}, [1, 2, 1]),
    ({"dilation": -2, "padding": "same", "padding_mode": "replicate"}, [1, 2, 1]),
    ({"dilation": -2, "padding": "same", "padding_mode": "reflect"}, [1, 2, 1]),
    ({"dilation": -2, "padding": "same", "padding_mode": "circular"}, [1, 2, 1]),
    ({"dilation": -2, "padding": "same", "padding_mode": "circular"}, [1, 2, 2]),
    ({"dilation": -1, "padding": "same", "padding_mode": "circular"}, [1, 2, 0]),
    # Empty batches are accepted; the checks before the backend still apply to them.
    ({}, [0, 2, 5]), ({"padding_mode": "reflect", "padding": 1}, [0, 2, 5]),
    ({"padding_mode": "replicate", "padding": 2}, [0, 2, 5]),
    ({"padding_mode": "circular", "padding": 2}, [0, 2, 5]),
    ({"stride": 0}, [0, 2, 5]), ({}, [0, 3, 5]), ({}, [0, 2, 1]), ({}, [0, 2, 0]),
    ({"padding_mode": "reflect", "padding": 1}, [0, 2, 0]),
    ({"padding_mode": "replicate", "padding": 1}, [0, 2, 0]),
    ({"padding_mode": "replicate", "padding": 1}, [0, 0, 3]),
    # Empty lengths and channels in every mode.
    ({}, [1, 2, 0]), ({"padding": 1}, [1, 2, 0]), ({"padding": 1}, [2, 0]),
    ({"padding": 1, "padding_mode": "reflect"}, [1, 2, 0]),
    ({"padding": 1, "padding_mode": "reflect"}, [2, 0]),
    ({"padding": 1, "padding_mode": "reflect"}, [1, 0, 4]),
    ({"padding": 1, "padding_mode": "reflect"}, [0, 4]),
    ({"padding": 1, "padding_mode": "replicate"}, [1, 2, 0]),
    ({"padding": 1, "padding_mode": "replicate"}, [1, 0, 4]),
    ({"padding": 1, "padding_mode": "replicate"}, [0, 4]),
    ({"padding": 1, "padding_mode": "circular"}, [1, 2, 0]),
    ({"padding": 1, "padding_mode": "circular"}, [1, 0, 4]),
    ({"padding": 0, "padding_mode": "circular"}, [1, 2, 0]),
    ({}, [1, 0, 4]), ({}, [0, 4]),
    # Wrong ranks in every mode.
    ({}, []), ({}, [5]), ({}, [1, 2, 5, 1]), ({}, [1, 1, 2, 5, 1]),
    ({"padding_mode": "reflect"}, []), ({"padding_mode": "reflect"}, [5]),
    ({"padding_mode": "replicate"}, [1, 2, 5, 1]), ({"padding_mode": "circular"}, [1, 1, 2, 5, 1]),
    ({"padding_mode": "circular"}, [1, 1, 1, 1, 2, 5]),
    # Padding at and over the reflect / circular limits, and cropping.
    ({"padding": 3, "padding_mode": "reflect"}, [1, 2, 4]),
    ({"padding": 4, "padding_mode": "reflect"}, [1, 2, 4]),
    ({"padding": 4, "padding_mode": "reflect"}, [2, 4]),
    ({"padding": 4, "padding_mode": "circular"}, [1, 2, 4]),
    ({"padding": 5, "padding_mode": "circular"}, [1, 2, 4]),
    ({"padding": -1, "padding_mode": "reflect"}, [1, 2, 4]),
    ({"padding": -2, "padding_mode": "reflect"}, [1, 2, 4]),
    ({"padding": -2, "padding_mode": "replicate"}, [2, 4]),
    ({"padding": -2, "padding_mode": "circular"}, [1, 2, 4]),
    ({"padding": -1}, [1, 2, 4]),
    # 'same' with an odd total padding, in every mode and with dilation.
    ({"padding": "same", "kernel_size": 4}, [1, 2, 5]),
    ({"padding": "same", "kernel_size": 4, "padding_mode": "reflect"}, [2, 5]),
    ({"padding": "same", "kernel_size": 4, "padding_mode": "replicate"}, [1, 2, 2]),
    ({"padding": "same", "kernel_size": 4, "padding_mode": "circular"}, [1, 2, 3]),
    ({"padding": "same", "kernel_size": 4, "dilation": 3}, [2, 2, 4]),
    ({"padding": "same", "kernel_size": 6}, [1, 2, 0]),
    # Depthwise, channel multipliers, out_channels 0, huge stride, kernel == padded length.
    ({"in_channels": 4, "out_channels": 4, "groups": 4, "kernel_size": 3}, [2, 4, 7]),
    ({"in_channels": 4, "out_channels": 8, "groups": 4, "kernel_size": 3}, [2, 4, 7]),
    ({"out_channels": 0}, [1, 2, 5]), ({"out_channels": 2, "groups": 2}, [1, 2, 5]),
    ({"in_channels": 4, "out_channels": 2, "groups": 4}, [1, 4, 5]),
    ({"stride": 100}, [1, 2, 5]), ({"kernel_size": 7, "padding": 1}, [1, 2, 5]),
    ({"kernel_size": 8, "padding": 1}, [1, 2, 5]),
]


def corner_case(index):
    changes, shape = CORNERS[index]
    return dict(CORNER_BASE, **changes), list(shape)


MUTATORS = [(valid_random, 0.62), (valid_edge, 0.16), (invalid_construction, 0.07),
            (invalid_forward, 0.10), (wild, 0.05)]


def skip_reason(spec, shape):
    """Why a case is left out, or None. Each reason is a deliberate difference or a corner
    where PyTorch's answer comes from backend internals rather than from nn.Conv1d."""
    if len(shape) == 2 and spec["padding_mode"] == "circular":
        # PyTorch 1.13 bug: F.pad(mode='circular') rejects unbatched [C, L] input; later
        # versions accept it, and so does ConvStep (as a batch of one).
        return "unbatched circular"
    if spec["kernel_size"] == 0 or spec["in_channels"] == 0:
        # PyTorch fails later with backend-internal errors (or divides by zero in its weight
        # init); ConvStep reports its own message for these.
        return "zero kernel_size or in_channels"
    if any(size > MAX_L for size in shape):
        return "too large for the golden file"  # keeps the JSON small
    return None


def run_case(spec, shape, case_seed):
    """Builds nn.Conv1d(**spec), calls it on torch.randn(shape) and records the outcome."""
    torch.manual_seed(case_seed)
    record = {"spec": dict(spec), "input_shape": list(shape)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            x = torch.randn(*shape) if shape else torch.randn(())
            conv = nn.Conv1d(**spec)
            y = conv(x)
        except IndexError as error:
            # 'same' with a negative dilation asks constant_pad_nd to crop more than an empty
            # input holds, and PyTorch fails inside its own indexing ("Dimension out of
            # range"), a message about nothing the user wrote. ConvStep reports the negative
            # padding instead. Any other IndexError would be news: stop and look.
            assert spec["padding"] == "same" and spec["dilation"] < 0, (spec, shape, error)
            record["internal_error"] = str(error)
            return record, []
        except (ValueError, RuntimeError, TypeError, NotImplementedError) as error:
            record["error"] = str(error)
            record["raised"] = type(error).__name__
            return record, [str(w.message) for w in caught]
    record["input"] = x.tolist()
    record["weight_shape"] = list(conv.weight.shape)
    record["weight"] = conv.weight.detach().tolist()
    record["bias"] = conv.bias.detach().tolist() if conv.bias is not None else None
    record["output_shape"] = list(y.shape)
    record["output"] = y.detach().tolist()
    return record, [str(w.message) for w in caught]


# Warnings that do not change the answer: PyTorch notes that it copies the input for
# asymmetric 'same' padding. Any other warning on an accepted case makes the case skipped.
HARMLESS_WARNINGS = ("Using padding='same' with even kernel lengths and odd dilation",)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="where to write the cases")
    parser.add_argument("--cases", type=int, default=TARGET_CASES, help="how many cases")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed")
    args = parser.parse_args()
    out_path, seed = args.out, args.seed
    rng = random.Random(seed)
    torch.set_num_threads(1)
    cases, skipped = [], {}
    attempt = 0
    while len(cases) < args.cases:
        attempt += 1
        if attempt <= len(CORNERS):
            mutator = corner_case
            spec, shape = corner_case(attempt - 1)
        else:
            mutator = rng.choices([m for m, _ in MUTATORS], [w for _, w in MUTATORS])[0]
            spec, shape = mutator(rng)
        reason = skip_reason(spec, shape)
        if reason is None:
            record, caught = run_case(spec, shape, seed + attempt)
            odd = [w for w in caught if not w.startswith(HARMLESS_WARNINGS)]
            if "internal_error" in record:
                reason = "internal IndexError"
            elif odd and "error" not in record:
                reason = "warning: " + odd[0].splitlines()[0]
            elif "error" not in record and spec["dilation"] <= 0:
                # An empty batch goes to PyTorch's "Empty" backend, which computes only a shape
                # and never checks dilation, so PyTorch accepts dilation <= 0 there (with a
                # nonsensical L_out). ConvStep rejects non-positive dilation for every input.
                reason = "empty batch with dilation <= 0"
        if reason is not None:
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        record["mutator"] = mutator.__name__
        cases.append(record)
    invalid = sum("error" in case for case in cases)
    doc = {
        "generator": "tools/gen_golden_conv.py",
        "torch_version": torch.__version__,
        "seed": seed,
        "case_count": len(cases),
        "invalid_count": invalid,
        "cases": cases,
    }
    with open(out_path, "w", encoding="utf-8") as out:
        # One case per line: small diffs when the generator changes.
        out.write("{\n")
        for key in ["generator", "torch_version", "seed", "case_count", "invalid_count"]:
            out.write("%s: %s,\n" % (json.dumps(key), json.dumps(doc[key])))
        out.write('"cases": [\n')
        out.write(",\n".join(json.dumps(case, separators=(",", ":")) for case in cases))
        out.write("\n]\n}\n")
    print("%d cases, %d invalid (%.1f%%), skipped %s -> %s" %
          (len(cases), invalid, 100.0 * invalid / len(cases), skipped, out_path))


if __name__ == "__main__":
    main()
