#!/usr/bin/env python3
"""Writes .npy fixtures into core/tests/golden/npy/ with numpy, as users' files would be.

Run: /usr/bin/python3 tools/gen_golden_npy.py
Each fixture's expected values are recorded in expected.json next to the files.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "core", "tests", "golden", "npy")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(0)
    arrays = {
        "f32_6x5x3.npy": rng.standard_normal((6, 5, 3)).astype(np.float32),
        "f64_3x5.npy": rng.standard_normal((3, 5)),
        "f32_8.npy": np.arange(8, dtype=np.float32),
        "f32_scalar.npy": np.array(1.25, dtype=np.float32),
        "f32_empty_0x3.npy": np.zeros((0, 3), dtype=np.float32),
    }
    expected = {}
    for name, array in arrays.items():
        np.save(os.path.join(OUT, name), array)
        expected[name] = {"shape": list(array.shape),
                          "values": array.astype(np.float32).reshape(-1).tolist()}
    # Files ConvStep must refuse, each with a clear reason.
    np.save(os.path.join(OUT, "bad_int64.npy"), np.arange(4))
    np.save(os.path.join(OUT, "bad_bigendian.npy"), np.arange(4, dtype=">f4"))
    np.save(os.path.join(OUT, "bad_fortran.npy"), np.asfortranarray(np.ones((2, 3), np.float32)))
    full = open(os.path.join(OUT, "f32_6x5x3.npy"), "rb").read()
    open(os.path.join(OUT, "bad_truncated.npy"), "wb").write(full[:-7])
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as out:
        json.dump(expected, out)
        out.write("\n")


if __name__ == "__main__":
    main()
