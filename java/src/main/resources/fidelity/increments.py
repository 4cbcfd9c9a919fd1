"""Scenario 13: `counter += 1` in several threads at once, on a module global and on an
object's attribute. Each is a load, an add and a store: under the GIL no thread switch falls
between them (the eval breaker is checked at back edges and calls), without it two threads
interleave them on two cores and one increment overwrites the other. Figures: lost share
(1 - final / expected) per variant, one value per repeat."""
from _common import calibrate, emit, in_threads, parser

counter = 0


class Box:
    def __init__(self):
        self.count = 0


def on_global(n, box):
    global counter
    for _ in range(n):
        counter += 1


def on_attribute(n, box):
    for _ in range(n):
        box.count += 1


# name: (the loop, the count it raised)
VARIANTS = {"global +=": (on_global, lambda box: counter), "attribute +=": (on_attribute, lambda box: box.count)}


def lost_share(body, total, n, k):
    global counter
    counter = 0
    box = Box()
    in_threads(k, body, n, box)
    return 1 - total(box) / (n * k)


def main():
    p = parser(__doc__)
    p.add_argument("--threads", type=int, default=4)
    args = p.parse_args()
    # Each variant's n makes one thread alone last target / threads.
    sizes = {name: calibrate(lambda n, b=body: b(n, Box()), args.target / args.threads)
             for name, (body, _) in VARIANTS.items()}
    figures = {}
    for _ in range(args.repeats):
        for name, (body, total) in VARIANTS.items():
            figures.setdefault(name, []).append(lost_share(body, total, sizes[name], args.threads))
    emit("increments", {"n": sizes, "threads": args.threads}, figures)


if __name__ == "__main__":
    main()
