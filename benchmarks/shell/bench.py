#!/usr/bin/env python3
"""Shell benchmarks for parlearn (issue 2): prints medians, asserts nothing.

  REPL start to prompt      time from exec to the prompt appearing on a pseudo-terminal
  runner overhead (cached)  `parlearn run file.swift` minus running the cached binary directly
  first compile, 100 lines  `parlearn run` of a never-seen 100-line program, minus its run time

Usage: python3 benchmarks/shell/bench.py [path/to/parlearn]   (default .build/release/parlearn)
"""
import os, pty, select, statistics, subprocess, sys, tempfile, time, uuid

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/parlearn")
cache = tempfile.mkdtemp(prefix="parlearn-bench-cache-")
env = dict(os.environ, PARLEARN_CACHE_DIR=cache, PARLEARN_HISTFILE="", NO_COLOR="1", HOME=tempfile.mkdtemp())


def start_to_prompt():
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    start = time.perf_counter()
    seen = b""
    while b"parlearn> " not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            raise SystemExit("no prompt within 5 s; got %r" % seen)
        seen += os.read(fd, 4096)
    elapsed = time.perf_counter() - start
    os.write(fd, b"\x04")
    deadline = time.time() + 5
    while time.time() < deadline:  # drain until the REPL closes the terminal
        ready, _, _ = select.select([fd], [], [], 0.2)
        try:
            if ready and not os.read(fd, 4096):
                break
        except OSError:
            break
    if os.waitpid(pid, os.WNOHANG) == (0, 0):  # still up: count it, but do not hang
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def timed(args):
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def program(lines, tag):
    body = ["import ParLearnKit", "// %s" % tag, "var total = 0"]
    body += ["total += %d" % i for i in range(lines - 4)]
    body.append("print(total)")
    return "\n".join(body) + "\n"


def median_ms(samples):
    return statistics.median(samples) * 1000


work = tempfile.mkdtemp(prefix="parlearn-bench-")
cached = os.path.join(work, "cached.swift")
with open(cached, "w") as f:
    f.write(program(20, "cached"))
timed([binary, "run", cached])  # fill the cache
binaries = [os.path.join(d, "program") for d, _, files in os.walk(cache) if "program" in files]

prompt = [start_to_prompt() for _ in range(20)]
via_parlearn = [timed([binary, "run", cached]) for _ in range(20)]
direct = [timed([binaries[0]]) for _ in range(20)]
first = []
for _ in range(5):
    path = os.path.join(work, "p%s.swift" % uuid.uuid4().hex)
    with open(path, "w") as f:
        f.write(program(100, uuid.uuid4().hex))
    first.append(timed([binary, "run", path]) - statistics.median(direct))

print("parlearn shell benchmarks (%s, %d cores)" % (binary, os.cpu_count()))
print("  REPL start to prompt       median %6.1f ms  (target <= 100 ms, 20 runs)" % median_ms(prompt))
print("  runner overhead, cached    median %6.1f ms  (target <=  50 ms, 20 runs: %.1f ms via parlearn - %.1f ms direct)"
      % (median_ms(via_parlearn) - median_ms(direct), median_ms(via_parlearn), median_ms(direct)))
print("  first compile, 100 lines   median %6.1f ms  (target <= 2000 ms, 5 runs)" % median_ms(first))
