#!/usr/bin/env python3
"""okta-mock under process-level faults, with a printed summary; exits 1 if any acknowledged write is lost.

1. SIGKILL mid-load: writers create users and update them (partial updates, each writer its own users, counters only
   going up) as fast as okta-mock answers; after a random moment okta-mock is killed with SIGKILL and restarted on the
   same --state file. Every acknowledged write must be there (a write in flight may or may not be: it was never
   acknowledged). The state file must load, and okta-mock must clear the temporary file the kill left behind.
2. Full disk: okta-mock runs with a file-size limit (RLIMIT_FSIZE), so saving the state fails once it grows past it, as
   on a full disk. Changes must then be refused with 500 E0000009 while reads go on; after a restart without the limit,
   exactly the acknowledged users are there.

usage: scripts/mock-fault-check.py [--binary PATH] [--rounds N] [--writers N]
Without --binary it builds okta-mock (debug, in the nested package Mock/) first. Servers listen on 127.0.0.1 only; every loop is bounded.
"""
import argparse
import http.client
import json
import os
import pathlib
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOKEN = "00faultCheckToken0000000"


class Mock:
    """An okta-mock process on 127.0.0.1 and the port it picked."""

    def __init__(self, binary, state, file_size_limit=None):
        def limit():
            if file_size_limit is not None:
                # Past the limit a write fails with EFBIG instead of killing the process with SIGXFSZ.
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--token", TOKEN, "--state", str(state), "--log-level", "error"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit)
        deadline = time.monotonic() + 30
        self.port = None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            if "listening on http://127.0.0.1:" in line:
                self.port = int(line.split("127.0.0.1:")[1].split()[0])
                break
        if self.port is None:
            self.process.kill()
            sys.exit(f"mock-fault-check: okta-mock did not start: {self.process.stderr.read()[-2000:]}")

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def call(connection, method, path, body=None):
    headers = {"Authorization": f"SSWS {TOKEN}", "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    return response.status, (json.loads(payload) if payload else None)


def sigkill_round(binary, directory, round_number, writers):
    state = directory / f"kill-{round_number}.json"
    mock = Mock(binary, state)
    acked_creates = {}   # id -> login
    acked_updates = {}   # id -> highest acknowledged counter
    lock = threading.Lock()
    stop = threading.Event()

    def writer(number):
        connection = mock.connection()
        mine = []
        sequence = 0
        try:
            while not stop.is_set():
                sequence += 1
                if not mine or sequence % 2:
                    login = f"r{round_number}w{number}n{sequence}@example.com"
                    status, body = call(connection, "POST", "/api/v1/users?activate=false",
                                        {"profile": {"login": login, "email": login}})
                    if status == 200:
                        with lock:
                            acked_creates[body["id"]] = login
                        mine.append(body["id"])
                else:
                    user = random.choice(mine)
                    status, _ = call(connection, "POST", f"/api/v1/users/{user}",
                                     {"profile": {"counter": sequence}})
                    if status == 200:
                        with lock:
                            acked_updates[user] = max(acked_updates.get(user, 0), sequence)
        except (OSError, http.client.HTTPException):
            pass  # the server was killed mid-request: that request was never acknowledged

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    delay = random.uniform(1.0, 3.0)
    time.sleep(delay)
    mock.stop(signal.SIGKILL)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    with lock:
        creates, updates = dict(acked_creates), dict(acked_updates)
    leftovers_before = [p.name for p in directory.iterdir() if p.name.startswith(f".{state.name}.")]

    mock = Mock(binary, state)
    connection = mock.connection()
    found_creates = found_updates = 0
    problems = []
    for user, login in creates.items():
        status, body = call(connection, "GET", f"/api/v1/users/{user}")
        if status != 200 or body["profile"]["login"] != login:
            problems.append(f"user {user} ({login}) acknowledged but {status} after restart")
            continue
        found_creates += 1
        if user in updates:
            counter = body["profile"].get("counter", 0)
            if counter >= updates[user]:
                found_updates += 1
            else:
                problems.append(f"user {user}: counter {counter} after restart, {updates[user]} acknowledged")
    status, listed = call(connection, "GET", "/api/v1/users?limit=200")
    mock.stop()
    leftovers_after = [p.name for p in directory.iterdir() if p.name.startswith(f".{state.name}.")]
    if leftovers_after:
        problems.append(f"temporary files left after the restart: {leftovers_after}")
    total_acked = len(creates) + sum(1 for _ in updates)
    print(f"SIGKILL round {round_number}: {writers} writers, killed after {delay:.1f} s: "
          f"{len(creates)} creates and {len(updates)} users' updates acknowledged, "
          f"{found_creates} creates and {found_updates} updates found after restart "
          f"({len(creates) - found_creates + len(updates) - found_updates} lost); "
          f"temporary files after the kill: {len(leftovers_before)}, after the restart: {len(leftovers_after)}")
    return total_acked, found_creates + found_updates, problems


def full_disk(binary, directory):
    state = directory / "full.json"
    limit = 48 * 1024
    mock = Mock(binary, state, file_size_limit=limit)
    connection = mock.connection()
    acked = []
    refusal = None
    for number in range(2000):
        login = f"full{number}@example.com"
        status, body = call(connection, "POST", "/api/v1/users?activate=false",
                            {"profile": {"login": login, "email": login}})
        if status == 200:
            acked.append((body["id"], login))
        else:
            refusal = (status, body)
            break
    problems = []
    if refusal is None:
        problems.append("no change was refused under the file-size limit")
    elif refusal[0] != 500 or refusal[1].get("errorCode") != "E0000009":
        problems.append(f"the refusal was {refusal[0]} {refusal[1]}, not 500 E0000009")
    reads_ok = 0
    for user, _ in acked[:20]:
        status, _ = call(connection, "GET", f"/api/v1/users/{user}")
        reads_ok += status == 200
    status, listed = call(connection, "GET", "/api/v1/users?limit=200")
    if status != 200 or len(listed) != min(len(acked), 200):
        problems.append(f"listing during the full disk: {status}, {len(listed or [])} users, {len(acked)} acknowledged")
    before_refusal = len(acked)
    # A smaller change may still fit under the limit: whatever is acknowledged must be kept, whatever is refused not.
    again, body = call(connection, "POST", "/api/v1/users?activate=false", {"profile": {"login": "a@example.com"}})
    if again == 200:
        acked.append((body["id"], "a@example.com"))
    mock.stop()
    mock = Mock(binary, state)
    connection = mock.connection()
    status, listed = call(connection, "GET", "/api/v1/users?limit=200")
    mock.stop()
    found = sorted(user["profile"]["login"] for user in listed or [])
    if found != sorted(login for _, login in acked):
        problems.append(f"after restart: {len(found)} users, {len(acked)} acknowledged")
    cause = (refusal[1].get("errorCauses") or [{}])[0].get("errorSummary", "") if refusal else ""
    print(f"full disk (RLIMIT_FSIZE {limit // 1024} KiB): {before_refusal} users acknowledged before the first refusal "
          f"({refusal[0] if refusal else '-'} {refusal[1].get('errorCode') if refusal else ''}: {cause}); "
          f"{reads_ok}/{min(len(acked), 20)} reads answered 200 while full; a smaller change then got {again}; "
          f"{len(found)} users found after restart")
    return len(acked), len(found), problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()
    binary = args.binary
    if not binary:
        mock = ROOT / "Mock"
        subprocess.run(["swift", "build", "--product", "okta-mock"], cwd=mock, check=True, stdout=subprocess.DEVNULL)
        binary = str(mock / ".build" / "debug" / "okta-mock")
    problems = []
    acked_total = found_total = 0
    with tempfile.TemporaryDirectory(prefix="okta-mock-fault-") as folder:
        directory = pathlib.Path(folder)
        for round_number in range(1, args.rounds + 1):
            acked, found, issues = sigkill_round(binary, directory, round_number, args.writers)
            acked_total += acked
            found_total += found
            problems += issues
        acked, found, issues = full_disk(binary, directory)
        problems += issues
    for problem in problems:
        print(f"mock-fault-check: FAIL: {problem}")
    print(f"summary: SIGKILL: {acked_total} acknowledged writes, {found_total} found after restarts; "
          f"full disk: {acked} acknowledged, {found} found; {'PASS' if not problems else 'FAIL'}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
