"""Scenario 9: the uncontended cost of releasing and re-taking the GIL, as the difference
between hashlib.sha256 of 2047 bytes (below HASHLIB_GIL_MINSIZE: the GIL is kept) and of 2048
bytes (released around the hash). Figures: held (2047 bytes) and released (2048 bytes),
microseconds per call, each the median of several timeit batches (one value per repeat: gillab
takes the median of these medians)."""
import hashlib
import statistics
import timeit

from _common import emit, parser

BATCHES = 5


def per_call_micros(buffer, number):
    return timeit.timeit(lambda: hashlib.sha256(buffer).digest(), number=number) / number * 1e6


def main():
    p = parser(__doc__)
    p.add_argument("--batch-seconds", type=float, default=0.01, help="length of one timed batch")
    args = p.parse_args()
    below, at = bytes(2047), bytes(2048)
    number = max(100, round(args.batch_seconds * 1e6 / per_call_micros(at, 2000)))
    figures = {"held": [], "released": []}
    for _ in range(args.repeats):
        batches = {"held": [], "released": []}
        for _ in range(BATCHES):
            batches["held"].append(per_call_micros(below, number))
            batches["released"].append(per_call_micros(at, number))
        for key, values in batches.items():
            figures[key].append(statistics.median(values))
    emit("release_cost", {"number": number, "batches": BATCHES}, figures)


if __name__ == "__main__":
    main()
