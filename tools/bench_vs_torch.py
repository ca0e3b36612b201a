#!/usr/bin/python3
"""Times PyTorch's nn.Conv1d forward on one thread against ConvStep's fast path.

Run with Debian's interpreter, which has python3-torch:

    /usr/bin/python3 tools/bench_vs_torch.py [BENCH_BINARY] [--min-time S] [--repetitions R]

BENCH_BINARY is the engine's Google Benchmark program (default
build/core/bench/convstep_bench); its "fast/N/C/L/O/k/groups" benchmarks are run with
--benchmark_filter=fast and read back as JSON. PyTorch runs the same shapes with
torch.set_num_threads(1), under torch.no_grad() (inference, as the benchmark does), with a
bias, on torch.randn input. Both sides count 2 * N * O * L_out * (C / groups) * k floating
point operations, and both are timed in CPU time (the machine may be shared), taking the best of
a few repetitions. One line per shape: both GFLOP/s and the ratio convstep / torch (above 1
means ConvStep is faster).
"""
import argparse
import json
import os
import subprocess
import sys
import time

import torch
from torch import nn

# N, C, L, O, k, groups: the shapes of core/bench/bench_forward.cpp.
SHAPES = [
    (8, 64, 4096, 64, 5, 1),
    (32, 64, 2048, 64, 5, 1),
    (1, 512, 1024, 512, 3, 1),
    (8, 64, 4096, 64, 5, 8),
    (8, 64, 4096, 64, 5, 64),  # depthwise
]


def flops(n, c, length, o, k, groups):
    """Floating point operations of one forward pass (stride 1, no padding, dilation 1)."""
    out_length = length - k + 1
    return 2.0 * n * o * out_length * (c // groups) * k


def torch_rate(shape, min_time, repetitions):
    """GFLOP/s of PyTorch's forward: the best of `repetitions` runs of >= min_time seconds."""
    n, c, length, o, k, groups = shape
    torch.manual_seed(0)
    conv = nn.Conv1d(c, o, k, groups=groups)
    x = torch.randn(n, c, length)
    best = 0.0
    with torch.no_grad():
        for _ in range(2):  # warm-up: the first calls allocate and pick kernels
            conv(x)
        for _ in range(repetitions):
            calls, start = 0, time.process_time()
            while calls == 0 or time.process_time() - start < min_time:
                conv(x)
                calls += 1
            best = max(best, flops(*shape) * calls / (time.process_time() - start) / 1e9)
    return best


def convstep_rates(binary, min_time, repetitions):
    """GFLOP/s of each fast benchmark (best repetition), keyed by (N, C, L, O, k, groups)."""
    env = dict(os.environ, OMP_NUM_THREADS="1")  # one thread, as PyTorch gets
    command = [binary, "--benchmark_filter=fast", "--benchmark_format=json",
               "--benchmark_min_time=%g" % min_time,
               "--benchmark_repetitions=%d" % repetitions]
    result = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    to_seconds = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    rates = {}
    for bench in json.loads(result.stdout)["benchmarks"]:
        if bench.get("error_occurred"):
            sys.exit("%s failed: %s" % (bench["name"], bench.get("error_message")))
        if bench.get("run_type", "iteration") != "iteration":
            continue  # mean / median / stddev rows
        shape = tuple(int(part) for part in bench["name"].split("/")[1:7])
        seconds = bench["cpu_time"] * to_seconds[bench["time_unit"]]  # per iteration
        rates[shape] = max(rates.get(shape, 0.0), flops(*shape) / seconds / 1e9)
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", default="build/core/bench/convstep_bench",
                        help="the convstep_bench program")
    parser.add_argument("--min-time", type=float, default=0.5,
                        help="seconds of each repetition, for each shape and side")
    parser.add_argument("--repetitions", type=int, default=3,
                        help="repetitions per shape and side; the best one counts")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit("no benchmark program at %s: build with -DCONVSTEP_BUILD_BENCH=ON" % args.binary)
    torch.set_num_threads(1)
    convstep = convstep_rates(args.binary, args.min_time, args.repetitions)
    print("torch %s on 1 thread vs %s; CPU time, best of %d" %
          (torch.__version__, args.binary, args.repetitions))
    for shape in SHAPES:
        theirs = torch_rate(shape, args.min_time, args.repetitions)
        if shape not in convstep:
            print("N,C,L,O,k,groups=%s: no convstep benchmark for this shape" % (shape,))
            continue
        ours = convstep[shape]
        print("N=%d C=%d L=%d O=%d k=%d groups=%d: convstep %.2f GFLOP/s, torch %.2f GFLOP/s, "
              "ratio convstep/torch %.2f" % (shape + (ours, theirs, ours / theirs)))


if __name__ == "__main__":
    main()
