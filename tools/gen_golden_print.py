#!/usr/bin/env python3
"""Writes core/tests/golden/torch_print_cases.json: tensors and exactly what print() shows.

Run with Debian's PyTorch: /usr/bin/python3 tools/gen_golden_print.py
Covers fixed and scientific notation, integer-valued floats, zeros, nan/inf, line wrapping
at 80 columns, summarization above 1000 elements, 0-d, empty and 1-d to 3-d tensors.
"""
import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "core", "tests", "golden",
                   "torch_print_cases.json")


def encode(values):
    """Float list with nan/inf spelled as strings (JSON has no such numbers)."""
    out = []
    for v in values:
        if math.isnan(v):
            out.append("nan")
        elif math.isinf(v):
            out.append("inf" if v > 0 else "-inf")
        else:
            out.append(v)
    return out


def main():
    torch.manual_seed(0)
    tensors = [
        torch.randn(6, 5, 3),
        torch.randn(6, 5, 3).permute(0, 2, 1).contiguous(),
        torch.randn(6, 8, 4) * 0.3,
        torch.randn(6, 8, 4) * torch.tensor([1e-3, 1.0, 2.0, 0.5]),
        torch.arange(12, dtype=torch.float32).reshape(3, 4),
        torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) * 1000,
        torch.randint(-3, 4, (2, 3, 5)).float(),
        torch.zeros(2, 3),
        torch.ones(4),
        torch.tensor(1.5),
        torch.tensor([1e-5, 2.0]),
        torch.tensor([1e9, 1.0]),
        torch.tensor([float("nan"), 1.25, float("inf"), -float("inf")]),
        torch.tensor([float("nan"), 1.0, float("inf")]),
        torch.randn(40),
        torch.randn(3, 30) * 100,
        torch.randn(2, 700),
        torch.randn(20, 3, 50),
        torch.randn(1001),
        torch.empty(0, 8, 4),
        torch.empty(0),
        torch.tensor([[0.00015, -123.25]]),
        torch.tensor([-0.0, 0.5]),
    ]
    cases = [{"shape": list(t.shape), "values": encode(t.reshape(-1).tolist()), "text": str(t)}
             for t in tensors]
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump({"torch_version": torch.__version__, "cases": cases}, out)
        out.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
