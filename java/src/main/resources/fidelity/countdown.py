"""Scenarios 1 and 2: `while n > 0: n -= 1`, the same total split over k threads, at each
switch interval. Figures: t<k>@<interval>us, seconds per run."""
import sys

from _common import calibrate, csv, emit, in_threads, parser, switch_interval_key, timed


def countdown(n):
    while n > 0:
        n -= 1


def split(n, k):
    in_threads(k, countdown, n // k)


def main():
    p = parser(__doc__)
    p.add_argument("--threads", default="1,2,4", help="thread counts, e.g. 1,2,4")
    p.add_argument("--intervals", default="0.005", help="switch intervals in seconds, e.g. 0.0001,0.005")
    args = p.parse_args()
    n = calibrate(countdown, args.target, start=100_000)
    figures = {}
    for _ in range(args.repeats):
        for interval in csv(args.intervals, float):
            sys.setswitchinterval(interval)
            for k in csv(args.threads, int):
                key = "t%d@%s" % (k, switch_interval_key(interval))
                figures.setdefault(key, []).append(timed(split, n, k))
    emit("countdown", {"n": n}, figures)


if __name__ == "__main__":
    main()
