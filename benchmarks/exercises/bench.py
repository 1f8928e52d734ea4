#!/usr/bin/env python3
"""Exercise pipeline benchmarks (issue 4): prints medians, asserts nothing.

  check, cold cache   `parlearn check <id>` with an empty compile cache (compile + explore)
  check, warm cache   the same with the binary cached
  grade, 30 exercises `parlearn grade` over 30 exercises (the shipped ones, copied with new ids)

Usage: python3 benchmarks/exercises/bench.py [path/to/parlearn] [exercise-id]
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/parlearn")
exercise = sys.argv[2] if len(sys.argv) > 2 else "welcome-counter"


def timed(args, env):
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def environment(cache):
    return dict(os.environ, PARLEARN_CACHE_DIR=cache, PARLEARN_STATE_DIR=tempfile.mkdtemp(), NO_COLOR="1")


cold, warm = [], []
for _ in range(5):
    env = environment(tempfile.mkdtemp(prefix="parlearn-bench-cold-"))
    cold.append(timed([binary, "check", exercise], env))
    warm.append(timed([binary, "check", exercise], env))

# 30 exercises: the shipped ones, repeated under fresh ids until there are 30.
source = os.path.join(root, "exercises")
folders = sorted(os.path.join(d) for d, _, files in os.walk(source) if "exercise.yml" in files)
pack = tempfile.mkdtemp(prefix="parlearn-bench-pack-")
for n in range(30):
    original = folders[n % len(folders)]
    target = os.path.join(pack, "99-bench", "e%02d" % n)
    shutil.copytree(original, target)
    manifest = os.path.join(target, "exercise.yml")
    with open(manifest) as f:
        lines = f.read().splitlines()
    lines = ["id: bench-%02d" % n if line.startswith("id:") else line for line in lines]
    with open(manifest, "w") as f:
        f.write("\n".join(lines) + "\n")
env = environment(tempfile.mkdtemp(prefix="parlearn-bench-grade-"))
env["PARLEARN_EXERCISES"] = pack
grade = timed([binary, "grade", "--format", "json", "--output", os.path.join(pack, "report.json")], env)

print("parlearn exercise benchmarks (%s, %d cores, exercise %s)" % (binary, os.cpu_count(), exercise))
print("  check, cold cache     median %6.2f s  (target <= 4 s, 5 runs)" % statistics.median(cold))
print("  check, warm cache     median %6.2f s  (target <= 2 s, 5 runs)" % statistics.median(warm))
print("  grade, 30 exercises          %6.1f s  (target <= 180 s, 1 run, %d distinct exercises)" % (grade, len(folders)))
