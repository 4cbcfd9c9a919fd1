"""Scenarios 3 and 4: hashlib.sha256 over buffers of each size, the same number of calls split
over 1 and 2 threads. hashlib releases the GIL for inputs of 2048 bytes or more
(HASHLIB_GIL_MINSIZE). Figures: t<k>@<size>B, seconds per run; with --per-call also
call@<size>B for each size and for an empty buffer (call@0B: the loop, the constructor and
digest(), all held), seconds per call on one thread."""
import hashlib

from _common import calibrate, csv, emit, even, in_threads, parser, seconds_per_call, timed


def hash_calls(buffer, calls):
    for _ in range(calls):
        hashlib.sha256(buffer).digest()


def split(buffer, calls, k):
    in_threads(k, hash_calls, buffer, calls // k)


def main():
    p = parser(__doc__)
    p.add_argument("--sizes", default="67108864", help="buffer sizes in bytes")
    p.add_argument("--threads", default="1,2")
    p.add_argument("--per-call", action="store_true", help="also time one call of each size, and of 0 bytes")
    args = p.parse_args()
    sizes = csv(args.sizes, int)
    buffers = {size: bytes(range(256)) * (size // 256) + bytes(size % 256) for size in sizes}
    calls = {size: even(calibrate(lambda c, b=buffers[size]: hash_calls(b, c), args.target, start=1))
             for size in sizes}
    figures = {}
    if args.per_call:
        for size in [0] + sizes:
            buffer = buffers.get(size, bytes(size))
            figures["call@%dB" % size] = [seconds_per_call(lambda c, b=buffer: hash_calls(b, c))]
    for _ in range(args.repeats):
        for size in sizes:
            for k in csv(args.threads, int):
                figures.setdefault("t%d@%dB" % (k, size), []).append(timed(split, buffers[size], calls[size], k))
    emit("hashing", {"calls": {str(s): c for s, c in calls.items()}}, figures)


if __name__ == "__main__":
    main()
