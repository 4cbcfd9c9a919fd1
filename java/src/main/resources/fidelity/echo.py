"""Scenario 7, the convoy effect: round trips of a small message to a TCP echo server on
127.0.0.1 (a separate process), from the main thread, alone and beside CPU-bound threads, at
each switch interval. Each configuration makes up to --count round trips, and stops early once
--target seconds have passed. Figures: median@<interval>us+<k>cpu and p99@..., seconds per round
trip, and slow@..., the share of round trips that took more than half a switch interval (one
value per repeat)."""
import socket
import subprocess
import sys
import threading
import time

from _common import csv, emit, parser, quantile, switch_interval_key

PAYLOAD = b"x" * 64

running = False


def spin():
    n = 0
    while running:
        n += 1


def serve():
    """The echo server: one connection, echoes until the client closes it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        print(listener.getsockname()[1], flush=True)
        conn, _ = listener.accept()
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            while True:
                data = conn.recv(4096)
                if not data:
                    return
                conn.sendall(data)


def round_trips(sock, count, budget):
    latencies = []
    deadline = time.perf_counter() + budget
    while len(latencies) < count and time.perf_counter() < deadline:
        start = time.perf_counter()
        sock.sendall(PAYLOAD)
        received = 0
        while received < len(PAYLOAD):
            chunk = sock.recv(len(PAYLOAD) - received)
            if not chunk:
                raise ConnectionError("the echo server closed the connection")
            received += len(chunk)
        latencies.append(time.perf_counter() - start)
    return latencies


def beside_cpu_threads(sock, cpu_threads, warmup, count, budget):
    global running
    running = True
    spinners = [threading.Thread(target=spin) for _ in range(cpu_threads)]
    for t in spinners:
        t.start()
    try:
        round_trips(sock, warmup, budget)
        return round_trips(sock, count, budget)
    finally:
        running = False
        for t in spinners:
            t.join()


def main():
    p = parser(__doc__)
    p.add_argument("--intervals", default="0.005,0.0005")
    p.add_argument("--cpu", default="0,1,2", help="CPU-bound thread counts")
    p.add_argument("--count", type=int, default=2000, help="most round trips measured per configuration")
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--serve", action="store_true", help="run as the echo server")
    args = p.parse_args()
    if args.serve:
        serve()
        return
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            figures = {}
            for _ in range(args.repeats):
                for interval in csv(args.intervals, float):
                    sys.setswitchinterval(interval)
                    for k in csv(args.cpu, int):
                        latencies = beside_cpu_threads(sock, k, args.warmup, args.count, args.target)
                        suffix = "@%s+%dcpu" % (switch_interval_key(interval), k)
                        figures.setdefault("median" + suffix, []).append(quantile(latencies, 0.5))
                        figures.setdefault("p99" + suffix, []).append(quantile(latencies, 0.99))
                        slow = sum(1 for t in latencies if t > interval / 2)
                        figures.setdefault("slow" + suffix, []).append(slow / len(latencies))
    finally:
        server.wait(timeout=10)
    emit("echo", {"count": args.count}, figures)


if __name__ == "__main__":
    main()
