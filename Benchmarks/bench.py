#!/usr/bin/env python3
"""OktaGen benchmarks: wall time and peak memory of whole commands, medians over interleaved runs.

Each command runs N times, interleaved with the others (A B C A B C ...) so that drift in machine load hits all of
them alike; the report gives the median wall time, the median peak RSS and the ratio to the baseline measured in
the same invocation (the libyaml floor: a plain libyaml event loop over the same file, ../shared/tools/yamlfloor.c).

usage: Benchmarks/bench.py [--spec SPEC] [--runs N] [--skip-build] [--markdown]
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRATCH = ROOT / ".build-bench"


def run_once(argv):
    """Runs argv with stdout/stderr to /dev/null; returns (seconds, peak RSS in KiB, exit status)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def peak_rss_kib(argv, runs=5):
    """Median peak RSS (KiB) measured by GNU time, which forks a small process (Python's own memory would otherwise
    be counted through posix_spawn's shared address space)."""
    values = []
    for _ in range(runs):
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        values.append(int(out.stderr.strip().splitlines()[-1]))
    return statistics.median(values)


def build(skip):
    floor_source = ROOT.parent / "shared" / "tools" / "yamlfloor.c"
    SCRATCH.mkdir(exist_ok=True)
    floor = SCRATCH / "yamlfloor"
    if not floor.exists():
        if not floor_source.exists():
            sys.exit(f"bench: {floor_source} not found (the libyaml floor)")
        subprocess.run(["gcc", "-O2", str(floor_source), "-lyaml", "-o", str(floor)], check=True)
    if not skip:
        # The distribution build: release, Swift runtime linked statically (no dynamic loading of libswiftCore).
        subprocess.run(["swift", "build", "-c", "release", "--product", "oktagen", "--static-swift-stdlib",
                        "--scratch-path", str(SCRATCH / "swift")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    oktagen = SCRATCH / "swift" / "release" / "oktagen"
    return str(floor), str(oktagen)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", default=os.environ.get("OKTA_SPEC"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    if not args.spec:
        sys.exit("bench: give --spec or set OKTA_SPEC (Okta's management spec)")
    floor, oktagen = build(args.skip_build)
    commands = [
        ("libyaml floor (event loop)", [floor, "parse", args.spec]),
        ("oktagen model (7 user tags)", [oktagen, "model", "--spec", args.spec]),
        ("oktagen model --tags all", [oktagen, "model", "--spec", args.spec, "--tags", "all"]),
        ("oktagen validate (whole spec)", [oktagen, "validate", "--spec", args.spec]),
    ]
    results = {name: ([], []) for name, _ in commands}
    for _, argv in commands:  # warm-up: page cache, dynamic linker
        run_once(argv)
    for _ in range(args.runs):
        for name, argv in commands:
            seconds, rss, status = run_once(argv)
            if status not in (0,):
                sys.exit(f"bench: {' '.join(argv)} exited {status}")
            results[name][0].append(seconds)
            results[name][1].append(rss)
    base = statistics.median(results[commands[0][0]][0])
    rows = []
    for name, argv in commands:
        times, _ = results[name]
        median = statistics.median(times)
        rows.append((name, median * 1000, min(times) * 1000, peak_rss_kib(argv) / 1024, median / base))
    size = os.path.getsize(args.spec)
    header = f"spec: {os.path.basename(args.spec)} ({size / 1e6:.1f} MB), {args.runs} interleaved runs, " \
             f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().machine}"
    if args.markdown:
        print(header + "\n")
        print("| command | median ms | min ms | peak RSS MiB | × floor |")
        print("|---|---:|---:|---:|---:|")
        for name, median, fastest, rss, ratio in rows:
            print(f"| {name} | {median:.1f} | {fastest:.1f} | {rss:.1f} | {ratio:.2f} |")
    else:
        print(header)
        for name, median, fastest, rss, ratio in rows:
            print(f"{name:32} median {median:7.1f} ms  min {fastest:7.1f} ms  peak {rss:6.1f} MiB  {ratio:5.2f}x floor")


if __name__ == "__main__":
    main()
