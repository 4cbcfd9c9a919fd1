"""Scenario 12: what one thread pays per iteration of `while n > 0: n -= 1`, alone in the
process. Run twice on the free-threaded build, with PYTHON_GIL=0 and PYTHON_GIL=1, the ratio
of the two is the single-thread cost of running without the lock. Figures: ns per iteration,
one value per repeat."""
from _common import calibrate, emit, parser, timed
from countdown import countdown


def main():
    args = parser(__doc__).parse_args()
    n = calibrate(countdown, args.target, start=100_000)
    figures = {"ns per iteration": [timed(countdown, n) / n * 1e9 for _ in range(args.repeats)]}
    emit("iteration_cost", {"n": n}, figures)


if __name__ == "__main__":
    main()
