"""Scenario 5: a countdown in one process against the same total split over a pool of two
worker processes (multiprocessing.Pool, started and given one untimed round of the same tasks
before the clock). Figures: sequential, pool (seconds per run)."""
import multiprocessing

from _common import calibrate, emit, parser, timed

WARM_UP_CALLS = 2000  # per worker, as gillab's PoolWorker makes
WARM_UP_COUNTDOWN = 20_000


def countdown(n):
    while n > 0:
        n -= 1
    return n


def main():
    args = parser(__doc__).parse_args()
    figures = {"sequential": [], "pool": []}
    with multiprocessing.Pool(2) as pool:
        # Calibrating after the fork: the parent's first writes after it copy its pages, which
        # would slow a measured run down.
        n = calibrate(countdown, args.target, start=100_000)
        # The calibration called countdown many times in the parent, and CPython's specializing
        # interpreter runs a warmed-up loop faster than a fresh one (measured here: 19 against
        # 27 ns per iteration): the workers get as many short calls before the clock.
        pool.map(countdown, [WARM_UP_COUNTDOWN] * (2 * WARM_UP_CALLS), chunksize=WARM_UP_CALLS)
        pool.map(countdown, [n // 2, n // 2], chunksize=1)  # the workers are up, and warm
        for _ in range(args.repeats):
            figures["sequential"].append(timed(countdown, n))
            figures["pool"].append(timed(pool.map, countdown, [n // 2, n // 2], 1))
    emit("pool", {"n": n}, figures)


if __name__ == "__main__":
    main()
