#!/usr/bin/python3
"""Times PyTorch's nn.Conv1d forward on one thread against ConvStep's fast path, the GEMM ceiling and the FMA peak.

Run with Debian's interpreter, which has python3-torch:

    /usr/bin/python3 tools/bench_vs_torch.py [BENCH_BINARY] [--min-time S] [--repetitions R]
                                             [--rounds K] [--isa avx2]

BENCH_BINARY is the engine's Google Benchmark program (default
build/core/bench/convstep_bench). Its "fast/N/C/L/O/k/groups/stride" benchmarks time
ForwardFast with the kernels the CPU gets by default ("kernel_<name>/..." with each kernel the
CPU supports forced, printed as extra columns); its "gemm_ceiling/..." benchmarks time the bare
Eigen GEMM an im2col engine would run for the same shape (weight [O/groups, C/groups*k] x an
already formed im2col matrix [C/groups*k, L_out] per batch item and group), the ceiling of a
GEMM-based engine; its "fma_peak/<kernel>" benchmarks run a tight loop of independent
multiply-adds in that kernel's registers: the core's peak, of which both sides' GFLOP/s are
also given as a share. PyTorch runs the same shapes with torch.set_num_threads(1), under
torch.no_grad(), with a bias, on torch.randn input placed at a different offset in each
repetition (its speed depends on the placement; its best run is compared, its median is
printed too). All sides count 2 * N * O * L_out * (C / groups) * k floating point operations
and are timed in CPU time (the machine may be shared).

The machine may be busy, so the measurement is repeated in K rounds spread over time; each
round runs R repetitions of every benchmark on every side. The best repetition counts, and
the spread (worst against best) of each side is printed as the noise. One line per shape:
torch GFLOP/s, convstep GFLOP/s, convstep / torch (above 1: ConvStep is faster), the share of
the FMA peak of each side, the GEMM ceiling's GFLOP/s and convstep / ceiling, then each forced
kernel's GFLOP/s and its ratio to torch.

--isa avx2 compares the two as on a machine without AVX-512: ConvStep with
CONVSTEP_KERNEL=avx2, PyTorch with DNNL_MAX_CPU_ISA=AVX2 and ATEN_CPU_CAPABILITY=avx2 (oneDNN's
and ATen's own limits, read when torch is imported), and the AVX2 FMA peak.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

# N, C, L, O, k, groups, stride: the shapes of core/bench/bench_forward.cpp.
SHAPES = [
    (8, 64, 4096, 64, 5, 1, 1),
    (32, 64, 2048, 64, 5, 1, 1),
    (1, 512, 1024, 512, 3, 1, 1),
    (8, 64, 4096, 64, 5, 8, 1),
    (8, 64, 4096, 64, 5, 64, 1),  # depthwise
    (8, 64, 4096, 64, 5, 1, 2),
    (8, 64, 4096, 64, 5, 64, 2),  # depthwise, stride 2
]

# Targets: at least PyTorch's single-thread speed and 85% of the FMA peak on the dense shapes
# (groups == 1), at least 2.5x PyTorch on the grouped and depthwise ones.
TARGET_RATIO_DENSE = 1.0
TARGET_PEAK_DENSE = 0.85
TARGET_RATIO_GROUPED = 2.5


def flops(n, c, length, o, k, groups, stride):
    """Floating point operations of one forward pass (no padding, dilation 1)."""
    out_length = (length - k) // stride + 1
    return 2.0 * n * o * out_length * (c // groups) * k


def torch_rates(shape, min_time, repetitions):
    """GFLOP/s of each of `repetitions` runs of PyTorch's forward of >= min_time seconds."""
    import torch  # imported by main(), after the ISA limits are set
    from torch import nn

    n, c, length, o, k, groups, stride = shape
    torch.manual_seed(0)
    conv = nn.Conv1d(c, o, k, groups=groups, stride=stride)
    rates = []
    with torch.no_grad():
        for repetition in range(repetitions):
            # PyTorch's speed here depends on where its tensors land in memory (on AMD EPYC
            # Zen 5, 87 or 172 GFLOP/s on the first shape), so each repetition takes a new
            # input at another offset; the best of them is PyTorch's speed.
            offset = 16 * repetition
            x = torch.randn(n * c * length + offset)[offset:].view(n, c, length)
            for _ in range(2):  # warm-up: the first calls allocate and pick kernels
                conv(x)
            calls, start = 0, time.process_time()
            while calls == 0 or time.process_time() - start < min_time:
                conv(x)
                calls += 1
            rates.append(flops(*shape) * calls / (time.process_time() - start) / 1e9)
    return rates


def engine_rates(binary, min_time, repetitions):
    """GFLOP/s of every repetition, keyed by (kind, shape) with kind "fast" or "gemm_ceiling"."""
    env = dict(os.environ, OMP_NUM_THREADS="1")  # one thread, as PyTorch gets (and CONVSTEP_KERNEL)
    command = [binary, "--benchmark_filter=^(fast|kernel_[a-z0-9]+|gemm_ceiling|fma_peak)/",
               "--benchmark_format=json",
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
        parts = bench["name"].split("/")
        if parts[0] == "fma_peak":  # its own GFLOP/s counter; keyed by the kernel's name
            rates.setdefault(("fma_peak", parts[1]), []).append(bench["GFLOP/s"])
            continue
        shape = tuple(int(part) for part in parts[1:8])
        seconds = bench["cpu_time"] * to_seconds[bench["time_unit"]]  # per iteration
        rates.setdefault((parts[0], shape), []).append(flops(*shape) / seconds / 1e9)
        if parts[0] == "fast":
            rates[("default_kernel", None)] = [bench.get("label", "")]
    return rates


def spread(rates):
    """Worst repetition against the best, in percent."""
    return 100.0 * (1.0 - min(rates) / max(rates))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", default="build/core/bench/convstep_bench",
                        help="the convstep_bench program")
    parser.add_argument("--min-time", type=float, default=0.5,
                        help="seconds of each repetition, for each shape and side")
    parser.add_argument("--repetitions", type=int, default=3,
                        help="repetitions per shape, side and round")
    parser.add_argument("--rounds", type=int, default=2,
                        help="rounds of all benchmarks, one after another; the best run counts")
    parser.add_argument("--isa", choices=["default", "avx2"], default="default",
                        help="avx2: both sides limited to AVX2 + FMA, as on a machine without "
                             "AVX-512")
    args = parser.parse_args()
    if args.isa == "avx2":
        os.environ.update(CONVSTEP_KERNEL="avx2", DNNL_MAX_CPU_ISA="AVX2",
                          ATEN_CPU_CAPABILITY="avx2")
    import torch  # after the ISA limits: torch reads them when it is imported
    if not os.access(args.binary, os.X_OK):
        sys.exit("no benchmark program at %s: build with -DCONVSTEP_BUILD_BENCH=ON" % args.binary)
    torch.set_num_threads(1)
    load_before = os.getloadavg()[0]
    engine, theirs = {}, {}
    for _ in range(args.rounds):
        for key, rates in engine_rates(args.binary, args.min_time, args.repetitions).items():
            engine.setdefault(key, []).extend(rates)
        for shape in SHAPES:
            theirs.setdefault(shape, []).extend(
                torch_rates(shape, args.min_time, args.repetitions))
    print("torch %s on 1 thread vs %s; ISA %s; CPU time, best of %d rounds x %d repetitions; "
          "load average %.1f before, %.1f after" %
          (torch.__version__, args.binary, args.isa, args.rounds, args.repetitions, load_before,
           os.getloadavg()[0]))
    kernel = engine.get(("default_kernel", None), ["?"])[0]
    peak = max(engine.get(("fma_peak", kernel), [float("nan")]))
    forced = sorted({key[0] for key in engine if key[0].startswith("kernel_")})
    print("default kernel: %s; FMA peak of one core in its registers: %.1f GFLOP/s (%s)" %
          (kernel, peak, ", ".join("%s %.1f" % (key[1], max(rates)) for key, rates in
                                    engine.items() if key[0] == "fma_peak")))
    print("%-26s %8s %9s %7s %7s %7s %8s %8s %9s  %s  %s" %
          ("N,C,L,O,k,groups,stride", "torch", "convstep", "ratio", "torch%", "ours%", "ceiling",
           "of ceil", "torch p50", " ".join("%15s" % name[len("kernel_"):] for name in forced),
           "noise (spread)"))
    met = 0
    for shape in SHAPES:
        ours, ceiling = engine.get(("fast", shape)), engine.get(("gemm_ceiling", shape))
        if not ours or not ceiling:
            print("%s: no convstep benchmark for this shape" % (shape,))
            continue
        ratio = max(ours) / max(theirs[shape])
        of_ceiling = max(ours) / max(ceiling)
        dense = shape[5] == 1
        if dense:
            met += ratio >= TARGET_RATIO_DENSE and max(ours) / peak >= TARGET_PEAK_DENSE
        else:
            met += ratio >= TARGET_RATIO_GROUPED
        columns = " ".join("%7.1f %6.2fx" % (max(engine[(name, shape)]),
                                             max(engine[(name, shape)]) / max(theirs[shape]))
                           for name in forced if (name, shape) in engine)
        print("%-26s %8.1f %9.1f %6.2fx %6.0f%% %6.0f%% %8.1f %7.0f%% %9.1f  %s  torch %.0f%%, "
              "convstep %.0f%%, ceiling %.0f%%" %
              (",".join(str(size) for size in shape), max(theirs[shape]), max(ours), ratio,
               100.0 * max(theirs[shape]) / peak, 100.0 * max(ours) / peak, max(ceiling),
               100.0 * of_ceiling, statistics.median(theirs[shape]), columns,
               spread(theirs[shape]), spread(ours), spread(ceiling)))
    print("GFLOP/s, best runs; ratio = convstep / torch; torch%% and ours%% = share of the FMA "
          "peak; of ceil = convstep / GEMM ceiling; torch p50 = PyTorch's median run; then each "
          "forced kernel's GFLOP/s and ratio to torch. Targets: dense shapes ratio >= %.1f and "
          ">= %.0f%% of the peak, grouped and depthwise ratio >= %.1f: met on %d of %d shapes" %
          (TARGET_RATIO_DENSE, 100 * TARGET_PEAK_DENSE, TARGET_RATIO_GROUPED, met, len(SHAPES)))


if __name__ == "__main__":
    main()
