#!/usr/bin/env python3
"""Runs the Python that `convstep-cli code` prints with real PyTorch and compares its y with
`convstep-cli forward` on the same spec, with the Conv2d and matrix-multiply forms that
`code --equivalents` adds; then recovers the blog post's kernel with `convstep-cli fit` and
checks in PyTorch that it reproduces the printed output. Exit 0 when all agree, 1 on a mismatch, 77 (ctest's
skip code) when torch is not installed.

Usage: /usr/bin/python3 tools/check_code_with_torch.py path/to/convstep-cli
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

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


def run(cli, command, spec, *options):
    result = subprocess.run([cli, command, "-", *options], input=json.dumps(spec),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"convstep-cli {command} failed: {result.stderr.strip()}")
    return result.stdout


def main():
    cli = sys.argv[1]
    failures = 0
    checks = 0
    for index, spec in enumerate(SPECS):
        expected = torch.tensor(json.loads(run(cli, "forward", spec))["output"])
        code = run(cli, "code", spec, "--equivalents")
        scope = {}
        exec(compile(code, f"<code for spec {index}>", "exec"), scope)  # prints like a user sees
        # y is the Conv1d; y_conv2d, y_image and y_matmul are the same layer written as a
        # Conv2d of height 1, a Conv2d over the channels as image rows, and one matmul.
        names = ["y", "y_conv2d", "y_matmul"] + (["y_image"] if "y_image" in scope else [])
        for name in names:
            checks += 1
            failures += 0 if agrees(f"spec {index}: {name}", scope[name], expected) else 1
    checks += 1
    failures += 0 if fit_reproduces_the_blog_post(cli) else 1
    print(f"{checks - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


def agrees(label, got, expected, tolerance=1e-5):
    """Whether torch's tensor equals ConvStep's within float rounding; prints the comparison."""
    got = got.detach()
    if got.shape != expected.shape:
        print(f"{label}: shape {list(got.shape)} != {list(expected.shape)}")
        return False
    diff = (got - expected).abs().max().item() if got.numel() else 0.0
    ok = diff <= tolerance + tolerance * expected.abs().max().item()
    print(f"{label} {list(got.shape)} max |torch - expected| = {diff:.3g}"
          f" {'ok' if ok else 'MISMATCH'}")
    return ok


def fit_reproduces_the_blog_post(cli):
    """`convstep-cli fit` on the blog post's printed input and output, then the program of
    `convstep-cli code` for the fitted spec run in PyTorch: every one of the 192 printed
    outputs comes back within 1e-4 (they were printed to 4 decimals)."""
    golden = Path(__file__).resolve().parent.parent / "core/tests/golden/seed_document.json"
    doc = json.loads(golden.read_text())
    spec = {"conv": SEED_LAYER, "input_layout": "NLC", "input": doc["input_nlc"]}
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "printed_output.txt"
        output.write_text("tensor(" + json.dumps(doc["output"]) + ",\n       grad_fn=<SqueezeBackward1>)\n")
        fitted = json.loads(run(cli, "fit", spec, "--output", str(output)))
    scope = {}
    exec(compile(run(cli, "code", fitted["spec"]), "<code for the fitted blog post layer>", "exec"),
         scope)
    return agrees("blog post: fitted weights, y vs the printed output", scope["y"],
                  torch.tensor(doc["output"]), tolerance=1e-4)


if __name__ == "__main__":
    main()
