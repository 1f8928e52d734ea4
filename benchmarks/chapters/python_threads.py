"""Python side of the chapter 01/02 comparisons, measured on this machine.

Prints medians for: fib(30) x2 in sequence, on 2 threads, on 2 processes;
and how many of 2 x 1,000,000 `counter += 1` two threads lose.
"""
import statistics
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def timed(fn, runs=5):
    results = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        results.append(time.perf_counter() - t0)
    return sorted(results)


def report(name, results, unit="s"):
    print(f"{name}: {statistics.median(results):.3f} {unit} "
          f"(min {results[0]:.3f}, max {results[-1]:.3f}, {len(results)} runs)")


JOB = 30


def sequential():
    fib(JOB)
    fib(JOB)


def on_threads():
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(fib, [JOB, JOB]))


def on_processes():
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(fib, [JOB, JOB]))


counter = 0


def bump(n):
    global counter
    for _ in range(n):
        counter += 1          # load, add, store: three steps


def plus(a, b):
    return a + b


def bump_via_call(n):
    global counter
    for _ in range(n):
        counter = plus(counter, 1)   # load, call, store


def lost_updates(target, n=1_000_000):
    global counter
    counter = 0
    threads = [threading.Thread(target=target, args=(n,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return 2 * n - counter


if __name__ == "__main__":
    print(f"python {sys.version.split()[0]}, "
          f"switch interval {sys.getswitchinterval()} s")
    seq = timed(sequential)
    report(f"fib({JOB}) x2, sequential", seq)
    thr = timed(on_threads)
    report(f"fib({JOB}) x2, ThreadPoolExecutor(2)", thr)
    proc = timed(on_processes)
    report(f"fib({JOB}) x2, ProcessPoolExecutor(2)", proc)
    print(f"speed-up: threads x{statistics.median(seq) / statistics.median(thr):.2f}, "
          f"processes x{statistics.median(seq) / statistics.median(proc):.2f}")
    for name, target in [("counter += 1", bump),
                         ("counter = plus(counter, 1)", bump_via_call)]:
        lost = sorted(float(lost_updates(target)) for _ in range(5))
        print(f"lost of 2M `{name}` on 2 threads: "
              f"{statistics.median(lost):.0f} "
              f"(min {lost[0]:.0f}, max {lost[-1]:.0f}, 5 runs)")
