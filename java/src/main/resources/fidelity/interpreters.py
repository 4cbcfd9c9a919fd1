"""Scenario 17: the countdown split over 2 threads of one interpreter, and over 2 threads each in
a subinterpreter of its own, with its own lock (PEP 684, 3.12; the _interpreters module of
CPython 3.13, created 'isolated'). Figures (s, one per repeat): threads2, interpreters2."""
import sys
import threading

from _common import calibrate, emit, in_threads, parser, timed

try:
    import _interpreters
except ImportError:
    sys.exit("this CPython (%s) has no subinterpreters with their own lock: it needs 3.13 or newer "
             "(the _interpreters module)" % sys.version.split()[0])

CODE = "def countdown(n):\n    while n > 0:\n        n -= 1\ncountdown(%d)\n"


def countdown(n):
    while n > 0:
        n -= 1


def on_interpreters(ids, n):
    threads = [threading.Thread(target=_interpreters.run_string, args=(i, CODE % n)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    p = parser(__doc__)
    args = p.parse_args()
    n = calibrate(countdown, args.target)
    ids = [_interpreters.create("isolated") for _ in range(2)]
    try:
        on_interpreters(ids, 1000)
        figures = {"threads2": [], "interpreters2": []}
        for _ in range(args.repeats):
            figures["threads2"].append(timed(in_threads, 2, countdown, n // 2))
            figures["interpreters2"].append(timed(on_interpreters, ids, n // 2))
    finally:
        for i in ids:
            _interpreters.destroy(i)
    emit("interpreters", {"n": n}, figures)


if __name__ == "__main__":
    main()
