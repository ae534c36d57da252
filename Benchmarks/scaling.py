#!/usr/bin/env python3
"""OktaGen scaling benchmark: adversarial specs of growing size, timed through the release CLI.

Writes specs (JSON, which OktaGen reads as YAML) into a temporary folder and times `oktagen validate`, `model` and
`generate` on each (`--tags all`, `--no-config`), printing a Markdown table of median wall times in seconds. A run
that exits with a signal is shown as `SIGnn`, one that fails (exit status 1: the spec was refused with an error)
as `err <time>`, one that runs past the timeout as `>T s`.

Shapes (N = 1k, 10k, 100k by default):
  chain-property, chain-items, chain-additional, chain-allOf, chain-oneOf, chain-anyOf, chain-not
      N component schemas, each linked to the next through that keyword with a `$ref`.
  allof-chain-ref   N schemas, each `allOf: [$ref next, {description}]` with a property `next: $ref next`: every
                    link is a type, an object flattened from the rest of the chain (`next` and the last link's `id`).
  properties        one schema with N properties (all required).
  colliding-names   one schema with N properties whose names differ only in symbols (`a∀`, `a∁`, ...): every one
                    becomes `a` (idiomatic) then `a_` (verbatim), so names are told apart by numeric suffixes.
  enum              one string enum with N values.
  operations        N paths with one operation each.
  tags              N operations with N distinct tags, all declared in `tags`.
  path-parameters   one path with N path parameters.

usage: Benchmarks/scaling.py [--binary .build/release/oktagen] [--sizes 1000,10000,100000] [--runs 3]
                             [--timeout 120] [--shapes a,b] [--commands validate,model,generate] [--cpu] [--keep]
Build first: swift build -c release --product oktagen
"""
import argparse
import json
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def document(schemas=None, paths=None, tags=None):
    spec = {"openapi": "3.0.3", "info": {"title": "Scaling", "version": "1"}}
    if tags is not None:
        spec["tags"] = tags
    spec["paths"] = paths if paths is not None else {}
    if schemas is not None:
        spec["components"] = {"schemas": schemas}
    return spec


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def one_operation(schema_name, tag="Scale"):
    return {"/root": {"get": {
        "operationId": "getRoot", "tags": [tag],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": ref(schema_name)}}}}}}}


def chain(n, link):
    """S0 .. S{n-1}, each linked to the next by `link(next)`; the last is a plain object."""
    schemas = {}
    for i in range(n):
        schemas[f"S{i}"] = link(f"S{i + 1}")
    schemas[f"S{n}"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    return document(schemas, one_operation("S0"))


SHAPES = {
    "chain-property": lambda n: chain(n, lambda nxt: {"type": "object", "properties": {"next": ref(nxt)}}),
    "chain-items": lambda n: chain(n, lambda nxt: {"type": "array", "items": ref(nxt)}),
    "chain-additional": lambda n: chain(n, lambda nxt: {"type": "object", "additionalProperties": ref(nxt)}),
    "chain-allOf": lambda n: chain(n, lambda nxt: {"allOf": [ref(nxt)]}),
    "chain-oneOf": lambda n: chain(n, lambda nxt: {"oneOf": [ref(nxt), {"type": "string"}]}),
    "chain-anyOf": lambda n: chain(n, lambda nxt: {"anyOf": [ref(nxt), {"type": "integer"}]}),
    "chain-not": lambda n: chain(n, lambda nxt: {"not": ref(nxt)}),
    "allof-chain-ref": lambda n: chain(n, lambda nxt: {"allOf": [ref(nxt), {"description": "link"}],
                                                       "properties": {"next": ref(nxt)}}),
}


def properties(n):
    props = {f"p{i}": {"type": "string"} for i in range(n)}
    return document({"Big": {"type": "object", "required": list(props), "properties": props}}, one_operation("Big"))


def colliding_names(n):
    # Symbols (not letters, digits or `_`): each name's words are just `a`, and its verbatim form `a` + underscores.
    symbols = [chr(c) for c in range(0x2190, 0x2400)] + [chr(c) for c in range(0x2500, 0x2600)]
    symbols = [s for s in symbols if not s.isalnum()]
    props = {}
    for i in range(n):
        first, second = divmod(i, len(symbols))
        name = "a" + symbols[second] + (symbols[first % len(symbols)] * (1 + first // len(symbols)) if first else "")
        props[name] = {"type": "string"}
    return document({"Names": {"type": "object", "properties": props}}, one_operation("Names"))


def enum(n):
    return document({"Big": {"type": "string", "enum": [f"VALUE_{i}" for i in range(n)]}}, one_operation("Big"))


def operations(n):
    paths = {}
    for i in range(n):
        paths[f"/things{i}"] = {"get": {"operationId": f"getThing{i}", "tags": ["Scale"],
                                        "responses": {"204": {"description": "ok"}}}}
    return document(paths=paths)


def tags(n):
    paths = {}
    for i in range(n):
        paths[f"/things{i}"] = {"get": {"operationId": f"getThing{i}", "tags": [f"Tag{i}"],
                                        "responses": {"204": {"description": "ok"}}}}
    return document(paths=paths, tags=[{"name": f"Tag{i}", "description": "t"} for i in range(n)])


def path_parameters(n):
    path = "/x" + "".join(f"/{{p{i}}}" for i in range(n))
    parameters = [{"name": f"p{i}", "in": "path", "required": True, "schema": {"type": "string"}} for i in range(n)]
    spec = document(paths={path: {"get": {"operationId": "getX", "tags": ["Scale"], "parameters": parameters,
                                           "responses": {"204": {"description": "ok"}}}}})
    # libyaml refuses implicit keys longer than 1,024 characters: the long path is written as an explicit key
    # (`? "/x/..."`), which YAML allows in a flow mapping too.
    return json.dumps(spec, separators=(",", ":")).replace('"paths":{"/x', '"paths":{? "/x', 1)


SHAPES.update({
    "properties": properties, "colliding-names": colliding_names, "enum": enum, "operations": operations,
    "tags": tags, "path-parameters": path_parameters,
})


def run(argv, timeout, cpu=False):
    """(seconds, status text) of one run, wall time or (with `cpu`) user + system time; output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        completed = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f">{timeout:g} s"
    elapsed = time.perf_counter() - start
    if cpu:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if completed.returncode < 0:
        return elapsed, f"SIG{-completed.returncode}"
    return elapsed, "ok" if completed.returncode == 0 else f"exit {completed.returncode}"


def command(binary, name, spec, scratch):
    common = ["--spec", str(spec), "--no-config"]
    if name == "validate":
        return [binary, "validate", *common, "--quiet"]
    if name == "model":
        return [binary, "model", *common, "--tags", "all"]
    out = scratch / "out"
    shutil.rmtree(out, ignore_errors=True)
    return [binary, "generate", *common, "--tags", "all", "--output", str(out), "--quiet"]


def cell(binary, name, spec, scratch, runs, timeout, cpu):
    times = []
    for _ in range(runs):
        elapsed, status = run(command(binary, name, spec, scratch), timeout, cpu)
        if status != "ok" and not status.startswith("exit"):
            return status
        times.append(elapsed)
        last = status
        if elapsed > timeout / 4 or status != "ok":
            break  # one slow run says enough
    median = statistics.median(times)
    return f"{median:.2f}" if last == "ok" else f"err {median:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/oktagen"))
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--commands", default="validate,model,generate")
    parser.add_argument("--cpu", action="store_true", help="report user + system CPU time instead of wall time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    commands = args.commands.split(",")
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="oktagen-scaling-"))
    print(f"| shape | N | spec MB | " + " | ".join(commands) + " |")
    print("|---|---:|---:|" + "---:|" * len(commands))
    try:
        for shape in args.shapes.split(","):
            for n in sizes:
                spec = scratch / f"{shape}-{n}.json"
                content = SHAPES[shape](n)
                if not isinstance(content, str):
                    content = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
                spec.write_text(content, encoding="utf-8")
                size = spec.stat().st_size / 1e6
                cells = [cell(args.binary, name, spec, scratch, args.runs, args.timeout, args.cpu) for name in commands]
                print(f"| {shape} | {n:,} | {size:.1f} | " + " | ".join(cells) + " |", flush=True)
                spec.unlink()
    finally:
        if args.keep:
            print(f"specs in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
