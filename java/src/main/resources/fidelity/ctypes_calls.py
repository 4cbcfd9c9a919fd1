"""Scenario 14: libgillab's C countdown called through ctypes in a Python loop, the same number
of calls split over 1 and 2 threads. ctypes.PyDLL keeps the GIL during the call, ctypes.CDLL
releases it (Modules/_ctypes/callproc.c: Py_BEGIN_ALLOW_THREADS unless FUNCFLAG_PYTHONAPI).
Without a GIL (free-threaded build, PYTHON_GIL=0) there is nothing to keep: both run in
parallel. Figures: t<threads> <PyDLL|CDLL>, seconds per run."""
import ctypes

from _common import calibrate, emit, in_threads, parser, timed

LOADERS = {"PyDLL": ctypes.PyDLL, "CDLL": ctypes.CDLL}


def bind(loader, path):
    fn = loader(path).gillab_countdown
    fn.argtypes = [ctypes.c_int64]
    fn.restype = ctypes.c_uint64
    return fn


def calls(fn, per_call, count):
    for _ in range(count):
        fn(per_call)


def main():
    p = parser(__doc__)
    p.add_argument("--library", required=True, help="path of libgillab.so")
    p.add_argument("--call-seconds", type=float, default=0.001, help="how long one C call lasts")
    args = p.parse_args()
    functions = {name: bind(loader, args.library) for name, loader in LOADERS.items()}
    cdll = functions["CDLL"]
    per_call = calibrate(cdll, args.call_seconds, start=10_000)
    count = calibrate(lambda c: calls(cdll, per_call, c), args.target, start=4)
    count = max(2, count - count % 2)
    figures = {}
    for _ in range(args.repeats):
        for name, fn in functions.items():
            for k in (1, 2):
                key = "t%d %s" % (k, name)
                figures.setdefault(key, []).append(timed(in_threads, k, calls, fn, per_call, count // k))
    emit("ctypes_calls", {"per_call": per_call, "calls": count}, figures)


if __name__ == "__main__":
    main()
