#!/usr/bin/env python3
"""Runs the Python that `convstep-cli code` prints with real PyTorch and compares its y with
`convstep-cli forward` on the same spec. Exit 0 when all agree, 1 on a mismatch, 77 (ctest's
skip code) when torch is not installed.

Usage: /usr/bin/python3 tools/check_code_with_torch.py path/to/convstep-cli
"""
import json
import subprocess
import sys

try:
    import torch
except ImportError:
    print("torch is not installed: skipping (install python3-torch to run this check)")
    sys.exit(77)

SEED_LAYER = {"in_channels": 3, "out_channels": 8, "kernel_size": 2, "bias": False}
SPECS = [
    {"seed": 0, "input_shape": [6, 5, 3], "input_layout": "NLC", "conv": SEED_LAYER},
    {"seed": 42, "input_shape": [2, 4, 9], "values": "randn",
     "conv": {"in_channels": 4, "out_channels": 6, "kernel_size": 3, "groups": 2,
              "padding": "same", "padding_mode": "reflect", "dilation": 2}},
    {"seed": 7, "input_shape": [1, 3, 7], "values": "small_integers",
     "conv": {"in_channels": 3, "out_channels": 2, "kernel_size": 2, "stride": 2,
              "padding": 1, "padding_mode": "circular"}},
    {"input_shape": [1, 6, 2], "input_layout": "NLC", "values": "arange",
     "conv": {"in_channels": 2, "out_channels": 3, "kernel_size": 3, "padding": 2}},
    {"input_shape": [2, 5], "values": "ones",
     "conv": {"in_channels": 2, "out_channels": 2, "kernel_size": 1}},
    {"seed": 3, "input_layout": "NLC",
     "input": [[[0.1, -1.5], [2.25, 0.3333333], [1e-7, -4.0], [3.0, 0.5]]],
     "conv": {"in_channels": 2, "out_channels": 4, "kernel_size": 2, "padding_mode": "replicate",
              "padding": 1}},
    {"seed": 11, "sentences": ["The cat sat on the mat.", "A dog ran!", "我爱深度学习", "Café au lait"],
     "conv": {"in_channels": 3, "out_channels": 8, "kernel_size": 2, "bias": False}},
    {"seed": 2, "sentences": ["one two three four five six seven eight nine ten eleven twelve"
                              " thirteen fourteen fifteen sixteen seventeen"],
     "conv": {"in_channels": 20, "out_channels": 2, "kernel_size": 3}},
    {"seed": 4, "values": "small_integers", "input": [[[1.5, 2.0, -3.0], [4.0, 0.25, 6.0]]],
     "conv": {"in_channels": 2, "out_channels": 2, "kernel_size": 2}},
    {"seed": 5, "input_shape": [1, 3, 6],
     "weight": [[[1.0, -1.0]], [[0.5, 0.5]], [[2.0, 0.0]]],
     "conv": {"in_channels": 3, "out_channels": 3, "kernel_size": 2, "groups": 3}},
    # Unbatched [C, L] input with circular padding: PyTorch 1.13's conv(x) refuses it, so the
    # code runs conv(x.unsqueeze(0)).squeeze(0).
    {"seed": 6, "input_shape": [2, 7],
     "conv": {"in_channels": 2, "out_channels": 3, "kernel_size": 3, "padding": 2,
              "padding_mode": "circular"}},
    # A negative seed (torch.manual_seed(-1)) and a stride past 2^31.
    {"seed": -1, "input_shape": [1, 2, 9],
     "conv": {"in_channels": 2, "out_channels": 2, "kernel_size": 2, "stride": 2**40}},
]


def run(cli, command, spec):
    result = subprocess.run([cli, command, "-"], input=json.dumps(spec), capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"convstep-cli {command} failed: {result.stderr.strip()}")
    return result.stdout


def main():
    cli = sys.argv[1]
    failures = 0
    for index, spec in enumerate(SPECS):
        expected = torch.tensor(json.loads(run(cli, "forward", spec))["output"])
        code = run(cli, "code", spec)
        scope = {}
        exec(compile(code, f"<code for spec {index}>", "exec"), scope)  # prints like a user sees
        got = scope["y"].detach()
        if got.shape != expected.shape:
            print(f"spec {index}: shape {list(got.shape)} != {list(expected.shape)}")
            failures += 1
            continue
        diff = (got - expected).abs().max().item() if got.numel() else 0.0
        ok = diff <= 1e-5 + 1e-5 * expected.abs().max().item()
        print(f"spec {index}: y {list(got.shape)} max |torch - convstep| = {diff:.3g}"
              f" {'ok' if ok else 'MISMATCH'}")
        failures += 0 if ok else 1
    print(f"{len(SPECS) - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
