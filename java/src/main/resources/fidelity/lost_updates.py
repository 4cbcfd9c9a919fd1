"""Scenario 8: four threads increment one global counter, with `counter += 1` and with
read-call-write (`v = counter; f(); counter = v + 1`), each without and with a
threading.Lock. Figures: lost share (1 - final / expected) per variant, one value per repeat."""
import threading

from _common import calibrate, emit, in_threads, parser

counter = 0


def f():
    pass


def plus_equal(n, lock):
    global counter
    for _ in range(n):
        counter += 1


def plus_equal_locked(n, lock):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


def read_call_write(n, lock):
    global counter
    for _ in range(n):
        v = counter
        f()
        counter = v + 1


def read_call_write_locked(n, lock):
    global counter
    for _ in range(n):
        with lock:
            v = counter
            f()
            counter = v + 1


VARIANTS = {
    "+=": plus_equal,
    "+= with lock": plus_equal_locked,
    "read-call-write": read_call_write,
    "read-call-write with lock": read_call_write_locked,
}


def lost_share(body, n, k):
    global counter
    counter = 0
    in_threads(k, body, n, threading.Lock())
    return 1 - counter / (n * k)


def main():
    p = parser(__doc__)
    p.add_argument("--threads", type=int, default=4)
    args = p.parse_args()
    # Each variant's n makes one thread alone last target / threads: k threads then last about target.
    sizes = {name: calibrate(lambda n, b=body: b(n, threading.Lock()), args.target / args.threads)
             for name, body in VARIANTS.items()}
    figures = {}
    for _ in range(args.repeats):
        for name, body in VARIANTS.items():
            figures.setdefault(name, []).append(lost_share(body, sizes[name], args.threads))
    emit("lost_updates", {"n": sizes, "threads": args.threads}, figures)


if __name__ == "__main__":
    main()
