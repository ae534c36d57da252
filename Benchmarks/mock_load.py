#!/usr/bin/env python3
"""okta-mock load run: wrk against GET /api/v1/users/{id} and a list, next to a Hummingbird hello-world.

Builds, in release mode:
  * okta-mock (this package; scratch path .build-mock-release unless --mock-scratch says otherwise),
  * a minimal Hummingbird 2 app answering `GET /` with "Hello, world!" -- written into .build-bench/hello-hummingbird/,
    outside the package graph, with the same Hummingbird version as Package.resolved pins;
then starts both on 127.0.0.1 (ephemeral ports), creates --users users in okta-mock, and runs wrk (bounded by
--duration) once per target, one after the other on the same machine:
  hello      GET /                                  (the floor: Hummingbird alone)
  getUser    GET /api/v1/users/{id}                 (one user, full _links)
  listUsers  GET /api/v1/users?limit=20             (a page of 20 users, Link headers)
Each wrk run must have 0 socket errors and 0 non-2xx responses, or the script fails. Every server started is stopped.

usage: Benchmarks/mock_load.py [--duration 10] [--connections 16] [--threads 2] [--users 200] [--skip-build]
                               [--mock-scratch DIR] [--markdown]
Needs wrk (Debian: apt-get install wrk).
"""
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
    pins = json.loads((ROOT / "Package.resolved").read_text())["pins"]
    return next(pin["state"]["version"] for pin in pins if pin["identity"] == "hummingbird")


def build(skip, mock_scratch):
    HELLO.mkdir(parents=True, exist_ok=True)
    (HELLO / "Sources" / "HelloHummingbird").mkdir(parents=True, exist_ok=True)
    (HELLO / "Package.swift").write_text(HELLO_MANIFEST.replace("{version}", hummingbird_version()))
    (HELLO / "Sources" / "HelloHummingbird" / "main.swift").write_text(HELLO_MAIN)
    if not skip:
        subprocess.run(["swift", "build", "-c", "release", "--package-path", str(HELLO)], check=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "okta-mock",
                        "--scratch-path", str(mock_scratch)], cwd=ROOT, check=True)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--mock-scratch", default=DEFAULT_MOCK_SCRATCH,
                        help="SwiftPM scratch path of the okta-mock release build (relative to the package)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    if not 1 <= args.duration <= 120:
        sys.exit("--duration must be 1..120 seconds")

    hello_binary, mock_binary = build(args.skip_build, ROOT / args.mock_scratch)
    servers = []
    try:
        hello, hello_port = start([str(hello_binary)], r"listening on port (\d+)")
        servers.append(hello)
        mock, mock_port = start([str(mock_binary), "--port", "0", "--token", TOKEN, "--log-level", "error"],
                                r"listening on http://127\.0\.0\.1:(\d+)")
        servers.append(mock)
        ids = []
        for index in range(args.users):
            user = request(mock_port, "POST", "/api/v1/users", {
                "profile": {"login": f"load{index:04d}@example.com", "email": f"load{index:04d}@example.com",
                            "firstName": "Load", "lastName": f"User{index:04d}", "costCenter": "Bench"},
                "credentials": {"password": {"value": "Bench-Passw0rd"}}})
            ids.append(user["id"])
        targets = [
            ("hello", f"http://127.0.0.1:{hello_port}/", False),
            ("getUser", f"http://127.0.0.1:{mock_port}/api/v1/users/{ids[len(ids) // 2]}", True),
            ("listUsers", f"http://127.0.0.1:{mock_port}/api/v1/users?limit=20", True),
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


if __name__ == "__main__":
    main()
