#!/usr/bin/env python3
"""okta-mock load run: wrk against GET /api/v1/users/{id} and a list, next to a Hummingbird hello-world.

Builds, in release mode:
  * okta-mock (the nested package Mock/; scratch path Mock/.build-mock-release unless --mock-scratch says otherwise),
  * a minimal Hummingbird 2 app answering `GET /` with "Hello, world!" -- written into .build-bench/hello-hummingbird/,
    outside the package graph, with the same Hummingbird version as Mock/Package.resolved pins;
then starts both on 127.0.0.1 (ephemeral ports), creates --users users in okta-mock, and runs wrk (bounded by
--duration) once per target, one after the other on the same machine:
  hello      GET /                                  (the floor: Hummingbird alone)
  getUser    GET /api/v1/users/{id}                 (one user, full _links)
  listUsers  GET /api/v1/users?limit=20             (a page of 20 users, Link headers)
Each wrk run must have 0 socket errors and 0 non-2xx responses, or the script fails. Every server started is stopped.

With --list-sizes 1000,10000,100000 it then measures how list and search pages of 200 users scale with the users
stored: for each size it writes a seed file of that many users (.build-bench/seed-N.json), starts okta-mock on it
(`--seed`), and times single requests on one keep-alive connection (median of --runs): the first page, a page from
the middle (`after` = the middle user's ID), a `search` and a `filter` page, and a sorted search (`sortBy`, which
sorts every match, so it is expected to grow as n log n).

usage: Benchmarks/mock_load.py [--duration 10] [--connections 16] [--threads 2] [--users 200] [--skip-build]
                               [--mock-scratch DIR] [--markdown] [--list-sizes 1000,10000,100000] [--runs 15]
                               [--skip-load] [--compare-mock BINARY]
Needs wrk (Debian: apt-get install wrk).
"""
import http.client
import statistics
import urllib.parse
import argparse
import json
import os
import pathlib
import re
import select
import shutil
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
MOCK = ROOT / "Mock"  # the nested package of okta-mock
SCRATCH = ROOT / ".build-bench"
HELLO = SCRATCH / "hello-hummingbird"
DEFAULT_MOCK_SCRATCH = ".build-mock-release"
TOKEN = "bench-token"

HELLO_MANIFEST = """// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "HelloHummingbird",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird", exact: "{version}")],
    targets: [
        .executableTarget(name: "HelloHummingbird", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])
    ]
)
"""

HELLO_MAIN = """import Foundation
import Hummingbird

// The floor okta-mock is compared with: one route, a constant body, no middleware, no logging.
let router = Router()
router.get("/") { _, _ in "Hello, world!" }
var app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in
        // Unbuffered: the script waits for this line on a pipe.
        FileHandle.standardOutput.write(Data("listening on port \\(channel.localAddress?.port ?? 0)\\n".utf8))
    }
)
app.logger.logLevel = .error
try await app.runService()
"""


def hummingbird_version():
    resolved = MOCK / "Package.resolved"
    if not resolved.exists():  # not committed: resolve once, as `swift build` would
        subprocess.run(["swift", "package", "resolve"], cwd=MOCK, check=True)
    pins = json.loads(resolved.read_text())["pins"]
    return next(pin["state"]["version"] for pin in pins if pin["identity"] == "hummingbird")


def build(skip, mock_scratch):
    HELLO.mkdir(parents=True, exist_ok=True)
    (HELLO / "Sources" / "HelloHummingbird").mkdir(parents=True, exist_ok=True)
    (HELLO / "Package.swift").write_text(HELLO_MANIFEST.replace("{version}", hummingbird_version()))
    (HELLO / "Sources" / "HelloHummingbird" / "main.swift").write_text(HELLO_MAIN)
    if not skip:
        subprocess.run(["swift", "build", "-c", "release", "--package-path", str(HELLO)], check=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "okta-mock",
                        "--scratch-path", str(mock_scratch)], cwd=MOCK, check=True)
    return (HELLO / ".build" / "release" / "HelloHummingbird", mock_scratch / "release" / "okta-mock")


def start(argv, pattern, timeout=30):
    """Starts a server and waits (bounded, without blocking reads) for the line giving its port."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    output = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            break
        output += chunk
        match = re.search(pattern, output.decode(errors="replace"))
        if match:
            return process, int(match.group(1))
    stop(process)
    sys.exit(f"{argv[0]} did not report a port within {timeout}s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def request(port, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers={
        "Authorization": f"SSWS {TOKEN}", "Content-Type": "application/json", "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as response:
        return json.loads(response.read() or b"null")


def wrk(url, args, authorized):
    argv = ["wrk", "--latency", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
            "--timeout", "5s"]
    if authorized:
        argv += ["-H", f"Authorization: SSWS {TOKEN}"]
    output = subprocess.run(argv + [url], check=True, capture_output=True, text=True,
                            timeout=args.duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"\s50%\s+([\d.]+\w+)", output).group(1)
    p99 = re.search(r"\s99%\s+([\d.]+\w+)", output).group(1)
    total = int(re.search(r"(\d+) requests in", output).group(1))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(int(n) for n in socket.groups()) if socket else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "requests": total,
            "errors": socket_errors + (int(non2xx.group(1)) if non2xx else 0)}


def write_seed(count):
    """A seed of `count` ACTIVE users with IDs in creation order (00u + 17 digits), so a cursor can be named."""
    path = SCRATCH / f"seed-{count}.json"
    if not path.exists():
        users = [{"id": f"00u{index:017d}",
                  "profile": {"login": f"u{index:06d}@example.com", "email": f"u{index:06d}@example.com",
                              "firstName": "Scale", "lastName": f"User{(index * 7919) % count:06d}"}}
                 for index in range(count)]
        path.write_text(json.dumps({"users": users}))
    return path


def time_requests(port, path, runs):
    """Median milliseconds of `runs` sequential GETs on one keep-alive connection (after one warm-up)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"SSWS {TOKEN}", "Accept": "application/json"}
    samples, count = [], 0
    try:
        for run in range(runs + 1):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                sys.exit(f"GET {path}: {response.status} {body[:200]!r}")
            count = len(json.loads(body))
            samples.append(elapsed)
    finally:
        connection.close()
    # The first request is a warm-up, except that it is the one that sorts a sorted search (later ones reuse it).
    return statistics.median(samples[1:]), count, samples[0]


def list_scaling(mock_binary, sizes, runs, markdown):
    quote = urllib.parse.quote
    rows = []
    for size in sizes:
        seed = write_seed(size)
        started = time.monotonic()
        mock, port = start([str(mock_binary), "--port", "0", "--token", TOKEN, "--log-level", "error",
                            "--seed", str(seed)], r"listening on http://127\.0\.0\.1:(\d+)", timeout=600)
        startup = time.monotonic() - started
        middle = f"00u{size // 2:017d}"
        queries = [
            ("first page", "/api/v1/users?limit=200"),
            ("middle page (after)", f"/api/v1/users?limit=200&after={middle}"),
            ("search page", "/api/v1/users?limit=200&search=" + quote('profile.lastName sw "User"')),
            ("filter page", "/api/v1/users?limit=200&filter=" + quote('status eq "ACTIVE"')),
            ("sorted search page", "/api/v1/users?limit=200&search=" + quote('status eq "ACTIVE"')
             + "&sortBy=profile.lastName"),
        ]
        try:
            for name, path in queries:
                median, count, first = time_requests(port, path, runs)
                rows.append((size, name, median, count, startup))
                if name.startswith("sorted"):
                    rows.append((size, "sorted search, first request (sorts)", first, count, startup))
        finally:
            stop(mock)
    names = list(dict.fromkeys(name for _, name, _, _, _ in rows))
    smallest = min(sizes)
    base = {name: ms for size, name, ms, _, _ in rows if size == smallest}
    print(f"\nlist/search pages of 200 users, median of {runs} sequential requests, release build")
    if markdown:
        print("\n| page | " + " | ".join(f"{size:,} users" for size in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
    for name in names:
        cells = []
        for size in sizes:
            ms = next(ms for s, n, ms, _, _ in rows if s == size and n == name)
            cells.append(f"{ms:.2f} ms ({ms / base[name]:.1f}x)")
        print(f"| {name} | " + " | ".join(cells) + " |" if markdown else f"{name:20} " + "  ".join(cells))
    startups = {size: startup for size, _, _, _, startup in rows}
    print("start-up with the seed: " + ", ".join(f"{size:,} users {startups[size]:.1f} s" for size in sizes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--mock-scratch", default=DEFAULT_MOCK_SCRATCH,
                        help="SwiftPM scratch path of the okta-mock release build (relative to Mock/)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--list-sizes", default="", help="e.g. 1000,10000,100000: also time list pages per size")
    parser.add_argument("--runs", type=int, default=15, help="requests per list timing (median)")
    parser.add_argument("--skip-load", action="store_true", help="only the list timings")
    parser.add_argument("--compare-mock", default="",
                        help="another okta-mock binary (e.g. a release build of the previous commit) to load too")
    args = parser.parse_args()
    sizes = [int(size) for size in args.list_sizes.split(",") if size]
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    if not 1 <= args.duration <= 120:
        sys.exit("--duration must be 1..120 seconds")

    hello_binary, mock_binary = build(args.skip_build, MOCK / args.mock_scratch)
    if args.skip_load:
        list_scaling(mock_binary, sizes, args.runs, args.markdown)
        return
    servers = []
    try:
        hello, hello_port = start([str(hello_binary)], r"listening on port (\d+)")
        servers.append(hello)
        targets = [("hello", f"http://127.0.0.1:{hello_port}/", False)]
        mocks = [("", mock_binary)] + ([(" (compared)", pathlib.Path(args.compare_mock))] if args.compare_mock else [])
        for label, binary in mocks:
            mock, mock_port = start([str(binary), "--port", "0", "--token", TOKEN, "--log-level", "error"],
                                    r"listening on http://127\.0\.0\.1:(\d+)")
            servers.append(mock)
            ids = []
            for index in range(args.users):
                user = request(mock_port, "POST", "/api/v1/users", {
                    "profile": {"login": f"load{index:04d}@example.com", "email": f"load{index:04d}@example.com",
                                "firstName": "Load", "lastName": f"User{index:04d}", "costCenter": "Bench"},
                    "credentials": {"password": {"value": "Bench-Passw0rd"}}})
                ids.append(user["id"])
            targets += [
                ("getUser" + label, f"http://127.0.0.1:{mock_port}/api/v1/users/{ids[len(ids) // 2]}", True),
                ("listUsers" + label, f"http://127.0.0.1:{mock_port}/api/v1/users?limit=20", True),
            ]
        results = [(name, wrk(url, args, authorized)) for name, url, authorized in targets]
    finally:
        for server in servers:
            stop(server)

    header = (f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, loopback, release builds, "
              f"okta-mock with {args.users} users, --log-level error")
    floor = results[0][1]["rps"]
    if args.markdown:
        print(f"{header}\n")
        print("| target | requests | req/s | vs hello | p50 | p99 | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, r in results:
            print(f"| {name} | {r['requests']} | {r['rps']:.0f} | {r['rps'] / floor:.2f} | {r['p50']} | {r['p99']} "
                  f"| {r['errors']} |")
    else:
        print(header)
        for name, r in results:
            print(f"{name:10} {r['requests']:8d} req {r['rps']:10.0f} req/s ({r['rps'] / floor:.2f} x hello) "
                  f"p50 {r['p50']:>8} p99 {r['p99']:>8} errors {r['errors']}")
    if any(r["errors"] for _, r in results):
        sys.exit("some requests failed")
    if sizes:
        list_scaling(mock_binary, sizes, args.runs, args.markdown)


if __name__ == "__main__":
    main()
