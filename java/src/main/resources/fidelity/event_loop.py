"""Scenario 16: asyncio's event loop beside a call that blocks or computes.

A heartbeat task sleeps 1 ms at a time and notes its longest gap, while another task makes one
call of about --seconds: time.sleep inside the task; time.sleep moved to a worker thread
(asyncio.to_thread); a CPU-bound pure-Python countdown moved to a worker thread. The loop's lag
is the heartbeat's longest gap less its own 1 ms. Figures (one per repeat): call (s, the call's
length), lag_blocking_task, lag_blocking_thread, lag_computing_thread (s), interval (s,
sys.getswitchinterval())."""
import asyncio
import sys
import time

from _common import calibrate, emit, parser

BEAT = 0.001


def countdown(n):
    while n > 0:
        n -= 1


async def lag_beside(work):
    """The heartbeat's longest gap less one beat, while `work()` is awaited."""
    done = False
    gap = 0.0

    async def heartbeat():
        nonlocal gap
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(BEAT)
            now = time.perf_counter()
            gap = max(gap, now - last)
            last = now

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(5 * BEAT)
    await work()
    await asyncio.sleep(5 * BEAT)
    done = True
    await beat
    return max(0.0, gap - BEAT)


def main():
    p = parser(__doc__)
    p.add_argument("--seconds", type=float, default=0.3)
    args = p.parse_args()
    seconds = min(args.seconds, args.target)
    n = calibrate(countdown, seconds)

    async def blocking_in_task():
        time.sleep(seconds)

    async def blocking_in_thread():
        await asyncio.to_thread(time.sleep, seconds)

    async def computing_in_thread():
        await asyncio.to_thread(countdown, n)

    figures = {"call": [], "lag_blocking_task": [], "lag_blocking_thread": [], "lag_computing_thread": [],
               "interval": []}
    for _ in range(args.repeats):
        figures["call"].append(seconds)
        figures["lag_blocking_task"].append(asyncio.run(lag_beside(blocking_in_task)))
        figures["lag_blocking_thread"].append(asyncio.run(lag_beside(blocking_in_thread)))
        figures["lag_computing_thread"].append(asyncio.run(lag_beside(computing_in_thread)))
        figures["interval"].append(sys.getswitchinterval())
    emit("event_loop", {"seconds": seconds, "countdown": n}, figures)


if __name__ == "__main__":
    main()
