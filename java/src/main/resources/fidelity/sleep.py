"""Scenario 6: ten threads each calling time.sleep(s), and ten asyncio coroutines each awaiting
asyncio.sleep(s). Figures: threads, coroutines (wall seconds per run) and sleep (s, the sleep made)."""
import asyncio
import time

from _common import emit, in_threads, parser, timed


def sleeping_threads(count, seconds):
    in_threads(count, time.sleep, seconds)


async def sleeping_coroutines(count, seconds):
    await asyncio.gather(*(asyncio.sleep(seconds) for _ in range(count)))


def main():
    p = parser(__doc__)
    p.add_argument("--count", type=int, default=10)
    p.add_argument("--seconds", type=float, default=0.2)
    args = p.parse_args()
    figures = {"threads": [], "coroutines": [], "sleep": []}
    for _ in range(args.repeats):
        figures["threads"].append(timed(sleeping_threads, args.count, args.seconds))
        figures["coroutines"].append(timed(lambda: asyncio.run(sleeping_coroutines(args.count, args.seconds))))
        figures["sleep"].append(args.seconds)
    emit("sleep", {"count": args.count, "seconds": args.seconds}, figures)


if __name__ == "__main__":
    main()
