#!/usr/bin/env python3
"""Extracts the tensors printed in the seed document into core/tests/golden/seed_document.json.

The seed document (shared/seed/000_cf928cff8d601b25.txt) prints the [6,5,3] input, the
[6,3,5] permuted input and the [6,8,4] output to 4 decimals. The C++ tests check that
ConvStep's permute maps the first onto the second exactly.

Usage: tools/extract_seed_tensors.py SEED.txt OUT.json
"""
import json
import re
import sys


def tensors(text):
    """Yields each `tensor(...)` literal of the text as nested lists."""
    start = 0
    while True:
        begin = text.find("tensor(", start)
        if begin < 0:
            return
        depth = 0
        for i in range(begin + len("tensor("), len(text)):
            if text[i] == "[":
                depth += 1
            elif text[i] == "]":
                depth -= 1
                if depth == 0:
                    body = text[begin + len("tensor("):i + 1]
                    break
        start = i
        yield json.loads(re.sub(r"\s+", "", body))


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    found = list(tensors(text))
    doc = {
        "source": "shared/seed/000_cf928cff8d601b25.txt",
        "input_nlc": found[0],
        "input_ncl": found[1],
        "output": found[2],
        "output_shape": [6, 8, 4],
    }
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(doc, out)
        out.write("\n")


if __name__ == "__main__":
    main()
