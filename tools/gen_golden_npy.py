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
        # numpy also writes big-endian and Fortran-order files; ConvStep converts them.
        "f32_bigendian_2x3.npy": (np.arange(6, dtype=">f4") - 2.5).reshape(2, 3),
        "f64_bigendian_4.npy": np.array([1.5, -0.1, 3.4028234663852886e38, -7.0], dtype=">f8"),
        "f32_fortran_2x3x4.npy": np.asfortranarray(
            rng.standard_normal((2, 3, 4)).astype(np.float32)),
        "f64_fortran_bigendian_3x2.npy": np.asfortranarray(
            np.arange(6, dtype=">f8").reshape(3, 2) * 0.25),
    }
    expected = {}
    for name, array in arrays.items():
        np.save(os.path.join(OUT, name), array)
    # numpy.load ignores bytes after the data: so does ConvStep.
    small = open(os.path.join(OUT, "f32_8.npy"), "rb").read()
    open(os.path.join(OUT, "f32_8_trailing_bytes.npy"), "wb").write(small + b"\x01\x02\x03")
    for name in list(arrays) + ["f32_8_trailing_bytes.npy"]:
        loaded = np.load(os.path.join(OUT, name))  # what numpy itself reads back
        expected[name] = {"shape": list(loaded.shape),
                          "values": np.ascontiguousarray(loaded).astype(np.float32)
                          .reshape(-1).tolist()}
    # Files ConvStep must refuse, each with a clear reason.
    for stale in ("bad_bigendian.npy", "bad_fortran.npy"):  # read since numpy writes them
        if os.path.exists(os.path.join(OUT, stale)):
            os.remove(os.path.join(OUT, stale))
    np.save(os.path.join(OUT, "bad_int64.npy"), np.arange(4))
    np.save(os.path.join(OUT, "bad_int32_bigendian.npy"), np.arange(4, dtype=">i4"))
    full = open(os.path.join(OUT, "f32_6x5x3.npy"), "rb").read()
    open(os.path.join(OUT, "bad_truncated.npy"), "wb").write(full[:-7])
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as out:
        json.dump(expected, out)
        out.write("\n")


if __name__ == "__main__":
    main()
