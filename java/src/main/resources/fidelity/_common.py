"""Shared by the fidelity scripts: the common arguments, calibration, timing and the output.

Every script measures one scenario of `gillab fidelity` in real CPython and prints exactly one
line on standard output, a JSON object:

    {"scenario": "countdown", "python": "3.11.7", "params": {...},
     "figures": {"t1@5000us": [1.02, 0.99, ...], "t2@5000us": [...]}}

Each figure is a list with one number per repeat; gillab's Java side derives the compared
values (ratios, differences) from them, the same way for both sides.
"""
import argparse
import json
import platform
import sys
import threading
import time

# A calibration run must last at least this long before its time is trusted.
CALIBRATION_FLOOR_SECONDS = 0.05
# A full-length calibration run within this share of the target ends the calibration.
CALIBRATION_CLOSE_ENOUGH = 0.25
# The most full-length runs a calibration makes.
CALIBRATION_CHECKS = 3
# A batch of calls timed by seconds_per_call lasts at least this long.
PER_CALL_BATCH_SECONDS = 0.005
# How many batches seconds_per_call times.
PER_CALL_BATCHES = 3


def parser(description):
    """An argument parser with the two arguments every script takes."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--target", type=float, default=1.0,
                   help="seconds the baseline (one thread, sequential) run should last")
    p.add_argument("--repeats", type=int, default=5, help="how many times to repeat each measurement")
    return p


def csv(text, kind):
    """'1,2,4' -> [1, 2, 4]."""
    return [kind(x) for x in text.split(",") if x]


def timed(fn, *args):
    """Seconds that fn(*args) took, on the monotonic high-resolution clock."""
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def in_threads(count, target, *args):
    """Runs target(*args) in `count` new threads at once and waits for all of them."""
    threads = [threading.Thread(target=target, args=args) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def calibrate(run, target, start=1000):
    """The size for which run(size) lasts about `target` seconds; run has just run at that size.

    Doubles the size until one run lasts CALIBRATION_FLOOR_SECONDS, then scales linearly and
    runs at that size, scaling again (at most CALIBRATION_CHECKS times) while the run misses the
    target by more than CALIBRATION_CLOSE_ENOUGH. The last run doubles as a warm-up at full
    length: the first long run after short ones is measurably slower (by up to a third on the
    reference machine), so it must not be a measured one.
    """
    size = start
    seconds = timed(run, size)
    while seconds < CALIBRATION_FLOOR_SECONDS:
        size *= 2
        seconds = timed(run, size)
    for _ in range(CALIBRATION_CHECKS):
        size = max(1, round(size * target / seconds))
        seconds = timed(run, size)
        if abs(seconds - target) <= CALIBRATION_CLOSE_ENOUGH * target:
            break
    return size


def seconds_per_call(run):
    """Seconds that one call lasts; run(n) makes n calls.

    The number of calls per batch doubles from 1 until a batch lasts PER_CALL_BATCH_SECONDS, then
    PER_CALL_BATCHES batches of that many calls run and the shortest gives the time per call: a
    batch that other processes interrupted only ever lasts longer.
    """
    calls = 1
    while timed(run, calls) < PER_CALL_BATCH_SECONDS:
        calls *= 2
    return min(timed(run, calls) for _ in range(PER_CALL_BATCHES)) / calls


def even(n):
    """n rounded down to an even number, at least 2: work split over 1 or 2 threads evenly."""
    return max(2, n - n % 2)


def switch_interval_key(seconds):
    """The suffix that names a switch interval in figure names: 0.005 -> '5000us'."""
    return "%dus" % round(seconds * 1e6)


def quantile(values, q):
    """The nearest-rank quantile: the smallest value with at least q of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 1))  # ceil(n * q), at least 1
    return ordered[int(rank) - 1]


def emit(scenario, params, figures):
    """Prints the one JSON line that gillab reads."""
    print(json.dumps({
        "scenario": scenario,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "params": params,
        "figures": figures,
    }))
    sys.stdout.flush()
