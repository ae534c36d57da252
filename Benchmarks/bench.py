#!/usr/bin/env python3
"""OktaGen benchmarks: wall time and peak memory of whole commands, medians over interleaved runs.

Each command runs N times, interleaved with the others (A B C A B C ...) so that drift in machine load hits all of
them alike; the report gives the median wall time, the median peak RSS and the ratio to the baseline measured in
the same invocation (the libyaml floor: a plain libyaml event loop over the same file, ../shared/tools/yamlfloor.c).

usage: Benchmarks/bench.py [--spec SPEC] [--runs N] [--skip-build] [--static] [--oktagen BIN] [--baseline BIN]
                           [--markdown] [--apple BIN] [--apple-runs N] [--compile] [--regen-runs N]
                           [--previous OLD_SPEC ...] [--only-regen]

Regeneration (issue #19), in the same invocation, against the same floor: `oktagen generate` for the 7 user tags and
for every tag into (1) an unchanged output folder (the rows above), (2) a folder holding the output of an older
release (--previous, default: 2026.06.2 and 2025.08.0 beside the spec; before each timed run the folder is emptied and
the older release generated into it, then left to settle for 2.1 s, as a folder from weeks ago is), and (3) an empty
folder (set aside before each timed run: folders are moved into .build-bench/trash, deleted after the last round, so
that no run is timed just after thousands of deletions; see `set_aside`). --regen-runs N rounds (default: --runs),
interleaved like the others, with the floor measured again in each round, and the file system's floor (Benchmarks/fs-floor.c: as many files as the
whole-spec output, created in a folder set aside at reset time, one flush, one rename of the folder, one flush). With
--baseline BIN, every regeneration row is also measured for BIN, each beside its twin, the two in turn first. Beside wall time, these rows give each process's CPU time (user + system,
all threads) and its ratio to the floor's: on a shared, loaded machine, wall time mostly measures the wait for a
core, CPU time much less so (it leaves out the wait for the disk, which wall time on a quiet machine includes).
--only-regen measures these rows alone.

--apple BIN adds apple/swift-openapi-generator (build 1.14.3 once in a scratch folder outside the repo:
`swift build -c release --product swift-openapi-generator`), run on a copy of the spec in .build-bench/ with the one
`required: true` it needs on getHookKey's path parameter: for the 7 user tags and for every tag with the scope of
oktagen's output (types, client and server stubs), and for the 7 user tags' types and client alone.

--compile adds debug touch-and-rebuild times of the outputs (see compile_benchmarks): oktagen's 7-tag output against
swift-openapi-generator's of the same scope (all three kinds; and models/types with the client only), and oktagen's
whole-spec output with its peak compiler memory.
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
FS_FLOOR = SCRATCH / "fs-floor"


LAST_CPU = [0.0]


def run_once(argv):
    """Runs argv with stdout/stderr to /dev/null; returns (seconds, peak RSS in KiB, exit status). The process's CPU
    time (user + system, every thread) is left in LAST_CPU[0]."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    os.close(devnull)
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def peak_rss_kib(argv, runs=5):
    """Median peak RSS (KiB) measured by GNU time, which forks a small process (Python's own memory would otherwise
    be counted through posix_spawn's shared address space)."""
    values = []
    report = SCRATCH / "time-report.txt"
    for _ in range(runs):
        subprocess.run(["/usr/bin/time", "-o", str(report), "-f", "%M", *argv], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        values.append(int(report.read_text().strip().splitlines()[-1]))
    return statistics.median(values)


def apple_commands(binary, spec, out):
    """swift-openapi-generator on a copy of the spec fixed for it (getHookKey's path parameter made required)."""
    text = pathlib.Path(spec).read_text(encoding="utf-8")
    start = text.index("operationId: getHookKey")
    marker = text.index("in: path", start)
    line_start = text.rfind("\n", 0, marker) + 1
    indent = text[line_start:marker]
    fixed = text[:marker] + "in: path\n" + indent + "required: true" + text[marker + len("in: path"):]
    copy = SCRATCH / "okta-apple.yaml"
    copy.write_text(fixed, encoding="utf-8")
    tags = ["User", "UserLifecycle", "UserCred", "UserSessions", "UserGrant", "UserOAuth", "UserResources"]
    selection = "filter:\n  tags:\n" + "".join(f"    - {t}\n" for t in tags)
    # The same scope as oktagen's default output: types, a client and server stubs.
    every_kind = "generate:\n  - types\n  - client\n  - server\n"
    configs = {
        "apple-7": every_kind + selection,
        "apple-all": every_kind,
        # Types and a client only, to compare with `oktagen generate --mode models,client` (compile benchmark).
        "apple-7-types-client": "generate:\n  - types\n  - client\n" + selection,
    }
    commands = []
    for name, config in configs.items():
        (SCRATCH / f"{name}.yaml").write_text(config)
        (out / name).mkdir(parents=True, exist_ok=True)
        commands.append([binary, "generate", str(copy), "--config", str(SCRATCH / f"{name}.yaml"),
                         "--output-directory", str(out / name)])
    return [
        ("swift-openapi-generator (7 user tags)", commands[0]),
        ("swift-openapi-generator (all tags)", commands[1]),
        ("swift-openapi-generator (7 user tags, types and client)", commands[2]),
    ]


COMPILE_MANIFEST = """// swift-tools-version:6.1
// Written by Benchmarks/bench.py: one target per generated output, compiled the way users compile it.
import PackageDescription

let package = Package(
    name: "CompileBench",
    dependencies: [
        .package(path: "{root}"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
    ],
    targets: [
{targets}
    ]
)
"""


def touch(folder):
    for path in folder.rglob("*.swift"):
        path.touch()


def timed(argv, cwd=None):
    """Wall seconds and peak RSS (MiB) of the largest process of a command, from GNU time."""
    report = SCRATCH / "compile-report.txt"
    result = subprocess.run(["/usr/bin/time", "-o", str(report), "-f", "%e %M", *argv], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)[:200]} failed:\n{result.stdout[-3000:]}")
    seconds, rss = report.read_text().strip().splitlines()[-1].split()
    return float(seconds), int(rss) / 1024


def compile_benchmarks(out, args):
    """Debug touch-and-rebuild of each generated output as a target of a scratch SwiftPM package (SwiftPM's own
    parallel build on every core): every file of the target is touched and `swift build --target T` times the
    rebuild of that target alone (its dependencies are built once beforehand). Peak RSS is the largest process of
    the build (compiler frontends included), as GNU time reports it."""
    package = SCRATCH / "compile"
    sources = package / "Sources"
    targets = [("oktagen, 7 user tags", "Ours7", out / "ours-7", "okta"),
               ("oktagen, 7 user tags, models and client", "Ours7MC", out / "ours-7-models-client", "okta"),
               ("oktagen, every tag", "OursAll", out / "ours-all", "okta")]
    if args.apple:
        targets += [("swift-openapi-generator, 7 user tags", "Apple7", out / "apple-7", "apple"),
                    ("swift-openapi-generator, 7 user tags, types and client", "Apple7TC",
                     out / "apple-7-types-client", "apple")]
    identity = ROOT.name.lower()
    lines = []
    for _, target, folder, kind in targets:
        shutil.rmtree(sources / target, ignore_errors=True)
        shutil.copytree(folder, sources / target, ignore=shutil.ignore_patterns(".oktagen-manifest"))
        dependency = (f'.product(name: "OktaRuntime", package: "{identity}")' if kind == "okta"
                      else '.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")')
        lines.append(f'        .target(name: "{target}", dependencies: [{dependency}]),')
    (package / "Package.swift").write_text(COMPILE_MANIFEST.replace("{root}", str(ROOT)).replace(
        "{targets}", "\n".join(lines)))
    rows = []
    for name, target, _, _ in targets:
        build = ["swift", "build", "--package-path", str(package), "--target", target]
        first = subprocess.run(build, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if first.returncode != 0:
            sys.exit(f"bench: compiling {name} failed:\n{first.stdout[-3000:]}")
        # The compiler command SwiftPM runs for the target (swift-driver, incremental, its jobs on every core), to
        # time the compiler apart from SwiftPM's own planning.
        touch(sources / target)
        verbose = subprocess.run(build + ["-v"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        driver = next((line for line in verbose.stdout.splitlines()
                       if line.split(" ", 1)[0].endswith("/swiftc") and f"-module-name {target} " in line), None)
        if driver is None:
            sys.exit(f"bench: no compiler command for {target} in `swift build -v`")
        times, compiler_times, peaks = [], [], []
        # The whole-spec target takes minutes: one rebuild of it; the 7-tag targets --compile-runs each.
        for _ in range(1 if target == "OursAll" else args.compile_runs):
            touch(sources / target)
            seconds, rss = timed(build)
            times.append(seconds)
            peaks.append(rss)
            touch(sources / target)
            seconds, rss = timed(["bash", "-c", driver], cwd=package)
            compiler_times.append(seconds)
            peaks.append(rss)
        rows.append((name, statistics.median(times), statistics.median(compiler_times), max(peaks)))
    return rows


def regeneration_cases(oktagen, spec, previous, out, label=""):
    """(name, timed argv, reset steps or None to empty the folder, folder) for the regeneration rows: from each older
    release and into an empty folder, 7 user tags and all tags.

    A user regenerates from one spec file that a new release replaces in place (`openapi.yaml`), and every generated
    file's header names that path: the rows do the same (each old and new release copied in turn to one path of the
    case's own, at reset time), or every file would differ in its header alone."""
    cases = []
    for scope, extra in (("7 user tags", []), ("all tags", ["--tags", "all"])):
        key = "7" if not extra else "all"
        for old in previous:
            release = release_name(old)
            folder = out / f"from-{release}-{key}{label and '-baseline'}"
            specs = out / f"spec-{release}-{key}{label and '-baseline'}"
            specs.mkdir(parents=True, exist_ok=True)
            path = str(specs / "openapi.yaml")
            argv = [oktagen, "generate", "--quiet", "--spec", path, *extra, "--output", str(folder)]
            steps = [("copy", old, path), ("run", argv), ("copy", spec, path)]
            cases.append((f"oktagen generate ({scope}) over {release}'s output{label}", argv, steps, folder))
        folder = out / f"empty-{key}{label and '-baseline'}"
        cases.append((f"oktagen generate ({scope}) into an empty folder{label}",
                      [oktagen, "generate", "--quiet", "--spec", spec, *extra, "--output", str(folder)], None, folder))
    return cases


def release_name(spec):
    """`okta-management-2026.06.2.yaml` → `2026.06.2`."""
    name = os.path.basename(spec)
    for prefix in ("okta-management-",):
        name = name.removeprefix(prefix)
    return name.rsplit(".", 1)[0]


TRASH = SCRATCH / "trash"


def set_aside(folder):
    """Moves a folder out of the way instead of deleting it; `empty_trash` deletes it once no run is timed any more.

    Deleting thousands of files just before a timed run would time the file system's bookkeeping of the deletion, not
    the run: on ext4 without a journal (this benchmark's virtual machines: `/proc/fs/jbd2` is empty), the inode
    allocator skips inodes freed in the last minute (six while their inode table block is dirty), and it walks past
    each of them again for every file it creates (`recently_deleted()` in the kernel's fs/ext4/ialloc.c), so that
    2,096 files created just after 2,096 were deleted took 1.3 s instead of 0.08 s (docs/Performance.md)."""
    if not os.path.lexists(folder):
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    os.rename(folder, TRASH / f"{os.getpid()}-{time.monotonic_ns()}")


def empty_trash():
    shutil.rmtree(TRASH, ignore_errors=True)


def reset(folder, steps):
    set_aside(folder)
    for step in steps or []:
        if step[0] == "copy":
            shutil.copyfile(step[1], step[2])
            continue
        _, _, status = run_once(step[1])
        if status != 0:
            sys.exit(f"bench: {' '.join(step[1])} exited {status}")


def build(skip, static=False):
    floor_source = ROOT.parent / "shared" / "tools" / "yamlfloor.c"
    SCRATCH.mkdir(exist_ok=True)
    floor = SCRATCH / "yamlfloor"
    if not floor.exists():
        if not floor_source.exists():
            sys.exit(f"bench: {floor_source} not found (the libyaml floor)")
        subprocess.run(["gcc", "-O2", str(floor_source), "-lyaml", "-o", str(floor)], check=True)
    # The file system's floor under the write phase (Benchmarks/fs-floor.c), rebuilt when its source is newer.
    fs_source = ROOT / "Benchmarks" / "fs-floor.c"
    if not FS_FLOOR.exists() or FS_FLOOR.stat().st_mtime < fs_source.stat().st_mtime:
        subprocess.run(["gcc", "-O2", str(fs_source), "-o", str(FS_FLOOR)], check=True)
    # What users run: a plain release build (`swift run -c release`), the Swift runtime loaded dynamically. With
    # --static, the distribution build (the runtime linked in), in a scratch folder of its own.
    scratch = SCRATCH / ("swift-static" if static else "swift")
    if not skip:
        subprocess.run(["swift", "build", "-c", "release", "--product", "oktagen", "--scratch-path", str(scratch)]
                       + (["--static-swift-stdlib"] if static else []), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return str(floor), str(scratch / "release" / "oktagen")


def load_note():
    """The machine's load average when a run starts and ends (the machine may be shared)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", default=os.environ.get("OKTA_SPEC"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--static", action="store_true",
                        help="build oktagen with the Swift runtime linked statically (default: a plain release build,"
                             " what `swift run -c release` gives, which the targets are judged on)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--apple", help="path to a built swift-openapi-generator binary")
    parser.add_argument("--apple-runs", type=int, default=3)
    parser.add_argument("--compile", action="store_true",
                        help="also measure debug compile time and peak compiler memory of the generated output")
    parser.add_argument("--compile-runs", type=int, default=3)
    parser.add_argument("--oktagen", help="a release oktagen binary built beforehand (no build then)")
    parser.add_argument("--baseline", help="another oktagen binary (e.g. the base commit's): its rows are measured in the"
                        " same interleaved runs, so that before and after share the load")
    parser.add_argument("--previous", nargs="*",
                        help="older releases of the spec for the regeneration rows (default: 2026.06.2 and 2025.08.0"
                             " beside --spec, those that exist)")
    parser.add_argument("--regen-runs", type=int, help="rounds of the regeneration rows (default: --runs)")
    parser.add_argument("--no-regen", action="store_true", help="leave out the regeneration rows")
    parser.add_argument("--only-regen", action="store_true", help="only the regeneration rows (and their floor)")
    args = parser.parse_args()
    if not args.spec:
        sys.exit("bench: give --spec or set OKTA_SPEC (Okta's management spec)")
    floor, oktagen = build(args.skip_build or args.oktagen is not None, static=args.static)
    if args.oktagen:
        oktagen = str(pathlib.Path(args.oktagen).resolve())
    load_at_start = load_note()
    commands = [
        ("libyaml floor (event loop)", [floor, "parse", args.spec]),
        ("oktagen model (7 user tags)", [oktagen, "model", "--spec", args.spec]),
        ("oktagen model --tags all", [oktagen, "model", "--spec", args.spec, "--tags", "all"]),
        ("oktagen validate (whole spec)", [oktagen, "validate", "--spec", args.spec]),
    ]
    out = SCRATCH / "out"
    # `--force`: these rows measure generation itself. Without it, a run whose inputs have not changed since the run
    # that wrote its folder only checks the folder (the "unchanged" regeneration rows below measure that).
    commands += [
        ("oktagen generate (7 user tags)", [oktagen, "generate", "--quiet", "--force", "--spec", args.spec,
                                            "--output", str(out / "ours-7")]),
        ("oktagen generate --tags all", [oktagen, "generate", "--quiet", "--force", "--spec", args.spec, "--tags",
                                         "all", "--output", str(out / "ours-all")]),
        ("oktagen generate --mode models,client (7 user tags)",
         [oktagen, "generate", "--quiet", "--force", "--spec", args.spec, "--mode", "models,client", "--output",
          str(out / "ours-7-models-client")]),
    ]
    if args.baseline:
        baseline = str(pathlib.Path(args.baseline).resolve())
        # A baseline from before `--force` has no such flag (and no reuse to turn off).
        help_text = subprocess.run([baseline, "generate", "--help"], capture_output=True, text=True).stdout
        keep = (lambda a: True) if "--force" in help_text else (lambda a: a != "--force")
        commands += [(f"{name} [baseline]", [baseline] + [a + "-baseline" if a.startswith(str(out)) else a
                                                             for a in argv[1:] if keep(a)])
                     for name, argv in commands[1:]]
    results = {name: ([], []) for name, _ in commands}
    for _, argv in commands:  # warm-up: page cache, dynamic linker, and the first write of each output folder
        run_once(argv)
    # Measured runs regenerate unchanged outputs, as a rebuild does.
    for _ in range(0 if args.only_regen else args.runs):
        for name, argv in commands:
            seconds, rss, status = run_once(argv)
            if status not in (0,):
                sys.exit(f"bench: {' '.join(argv)} exited {status}")
            results[name][0].append(seconds)
            results[name][1].append(rss)
    # Regeneration rows: each timed run has its folder reset first (all folders of a round reset, then one wait so
    # the older release's files are settled, then the timed runs of the round, interleaved), and the floor measured
    # again in every round, so the ratios compare runs made under the same load.
    regen_rows = []
    if not args.no_regen:
        previous = args.previous
        if previous is None:
            folder = os.path.dirname(os.path.abspath(args.spec))
            previous = [p for p in (os.path.join(folder, f"okta-management-{r}.yaml") for r in ("2026.06.2", "2025.08.0"))
                        if os.path.exists(p) and os.path.abspath(p) != os.path.abspath(args.spec)]
        cases = regeneration_cases(oktagen, args.spec, previous, out)
        by_name = dict(commands)

        def unforced(argv):
            return [a for a in argv if a != "--force"]
        # Unchanged: as a user's next run (the folder and its record as the warm-up left them), and with --force
        # (the whole pipeline, comparing every file).
        unchanged = [("oktagen generate (7 user tags) unchanged", unforced(by_name["oktagen generate (7 user tags)"])),
                     ("oktagen generate (all tags) unchanged", unforced(by_name["oktagen generate --tags all"])),
                     ("oktagen generate (7 user tags) unchanged, --force", by_name["oktagen generate (7 user tags)"]),
                     ("oktagen generate (all tags) unchanged, --force", by_name["oktagen generate --tags all"])]
        if args.baseline:
            cases += regeneration_cases(baseline, args.spec, previous, out, " [baseline]")
            unchanged += [(name + " [baseline]", unforced(by_name[command + " [baseline]"])) for name, command in
                          (("oktagen generate (7 user tags) unchanged", "oktagen generate (7 user tags)"),
                           ("oktagen generate (all tags) unchanged", "oktagen generate --tags all"))]
        # The file system's floor of a whole-spec run into an empty folder: as many files as that output holds, of
        # its mean size, created in a folder set aside at reset time as the empty-folder rows' is, one flush, one
        # rename of the folder, one flush (fs-floor.c `whole`). It tells the file system's share of those rows apart
        # from oktagen's.
        whole_output = [p for p in (out / "ours-all").rglob("*") if p.is_file()]
        fs_files = len(whole_output)
        fs_bytes = sum(p.stat().st_size for p in whole_output) // max(fs_files, 1)
        fs_root = out / "fs-floor"
        fs_name = f"file-system floor: create {fs_files} files, flush, one rename (fs-floor.c)"
        fs_argv = [str(FS_FLOOR), str(fs_files), str(fs_root), "whole", str(fs_bytes)]
        # Each row beside its [baseline] twin, the two in turn first (A B, B A, ...), so that both see the same load.
        rows_in_order = unchanged + [(c[0], c[1]) for c in cases]
        twins = [[row] + [other for other in rows_in_order if other[0] == row[0] + " [baseline]"]
                 for row in rows_in_order if not row[0].endswith(" [baseline]")]
        regen = {name: [] for name in ["libyaml floor (event loop)", fs_name] + [n for pair in twins for n, _ in pair]}
        regen_cpu = {name: [] for name in regen}
        for round_index in range(args.regen_runs or args.runs):
            for _, _, reset_argv, folder in cases:
                reset(folder, reset_argv)
            set_aside(fs_root)
            # The older release's files on disk before the timed runs, as a folder from weeks ago is: otherwise the
            # timed run's flush of the file system (syncfs) would also write what the reset just wrote.
            os.sync()
            time.sleep(2.1)
            timed_rows = [("libyaml floor (event loop)", [floor, "parse", args.spec]), (fs_name, fs_argv)]
            for pair in twins:
                timed_rows += pair[::-1] if round_index % 2 else pair
            for name, argv in timed_rows:
                seconds, _, status = run_once(argv)
                if status != 0:
                    sys.exit(f"bench: {' '.join(argv)} exited {status}")
                regen[name].append(seconds)
                regen_cpu[name].append(LAST_CPU[0])
        empty_trash()
        regen_floor = statistics.median(regen["libyaml floor (event loop)"])
        cpu_floor = statistics.median(regen_cpu["libyaml floor (event loop)"])
        for name, times in regen.items():
            target = None
            if name.startswith("oktagen"):
                whole = "all tags" in name
                target = (4 if whole else 2) if " unchanged" in name else (6 if whole else 3)
            median = statistics.median(times)
            cpu = statistics.median(regen_cpu[name])
            regen_rows.append((name, median * 1000, min(times) * 1000, median / regen_floor, target, cpu * 1000,
                               cpu / cpu_floor))
    load_at_end = load_note()
    if args.apple:
        for name, argv in apple_commands(args.apple, args.spec, out):
            times = []
            for _ in range(args.apple_runs):
                seconds, _, status = run_once(argv)
                if status != 0:
                    sys.exit(f"bench: {' '.join(argv)} exited {status}")
                times.append(seconds)
            results[name] = (times, [])
            commands.append((name, argv))
    compile_rows = compile_benchmarks(out, args) if args.compile else []
    base = statistics.median(results[commands[0][0]][0]) if not args.only_regen else 1
    rows = []
    for name, argv in ([] if args.only_regen else commands):
        times, _ = results[name]
        median = statistics.median(times)
        runs = 1 if name.startswith("swift-openapi-generator") else 5
        rows.append((name, median * 1000, min(times) * 1000, peak_rss_kib(argv, runs) / 1024, median / base))
    size = os.path.getsize(args.spec)
    header = f"spec: {os.path.basename(args.spec)} ({size / 1e6:.1f} MB), {args.runs} interleaved runs, " \
             f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().machine}; at the start {load_at_start}," \
             f" at the end {load_at_end}"
    ours = {row[0]: row[1] for row in rows}
    ratios = []
    for kind, ours_name in (("7 user tags", "oktagen generate (7 user tags)"), ("all tags", "oktagen generate --tags all"),
                            ("7 user tags, types and client",
                             "oktagen generate --mode models,client (7 user tags)")):
        apple = ours.get(f"swift-openapi-generator ({kind})")
        if apple:
            ratios.append(f"oktagen generate is {apple / ours[ours_name]:.0f}x faster than swift-openapi-generator ({kind})")
    if args.markdown:
        print(header + "\n")
        if rows:
            print("| command | median ms | min ms | peak RSS MiB | × floor |")
            print("|---|---:|---:|---:|---:|")
        for name, median, fastest, rss, ratio in rows:
            print(f"| {name} | {median:.1f} | {fastest:.1f} | {rss:.1f} | {ratio:.2f} |")
        for line in ratios:
            print(f"\n{line}")
        if compile_rows:
            print("\n| debug touch-and-rebuild of the generated target | `swift build --target` median s |"
                  " its compiler command median s | peak RSS MiB |")
            print("|---|---:|---:|---:|")
            for name, seconds, compiler, rss in compile_rows:
                print(f"| {name} | {seconds:.1f} | {compiler:.1f} | {rss:.0f} |")
            by_name = {row[0]: row for row in compile_rows}
            for suffix, scope in (("", "types, client and server stubs"), (", models and client", "types and client")):
                ours = by_name.get("oktagen, 7 user tags" + suffix)
                apple = by_name.get("swift-openapi-generator, 7 user tags" + suffix.replace("models", "types"))
                if ours and apple:
                    print(f"\nThe 7-tag output ({scope}) rebuilds {apple[1] / ours[1]:.1f}x faster than"
                          f" swift-openapi-generator's with `swift build`, {apple[2] / ours[2]:.1f}x faster counting"
                          f" the compiler alone.")
        if regen_rows:
            print(f"\n| regeneration ({args.regen_runs or args.runs} rounds, each folder reset before each run) |"
                  " median ms | min ms | × floor | CPU median ms | CPU × floor | target | met (wall) |")
            print("|---|---:|---:|---:|---:|---:|---:|---|")
            for name, median, fastest, ratio, target, cpu, cpu_ratio in regen_rows:
                goal = f"{target}×" if target else ""
                met = "" if target is None else ("yes" if ratio <= target else "**no**")
                print(f"| {name} | {median:.1f} | {fastest:.1f} | {ratio:.2f} | {cpu:.1f} | {cpu_ratio:.2f} | {goal} |"
                      f" {met} |")
    else:
        print(header)
        for name, median, fastest, rss, ratio in rows:
            print(f"{name:38} median {median:8.1f} ms  min {fastest:8.1f} ms  peak {rss:6.1f} MiB  {ratio:6.2f}x floor")
        for line in ratios:
            print(line)
        for name, seconds, compiler, rss in compile_rows:
            print(f"compile {name:40} swift build {seconds:7.1f} s  compiler {compiler:7.1f} s  peak {rss:6.0f} MiB")
        for name, median, fastest, ratio, target, cpu, cpu_ratio in regen_rows:
            met = "" if target is None else f"  target {target}x: {'met' if ratio <= target else 'MISSED'}"
            print(f"{name:58} median {median:8.1f} ms  min {fastest:8.1f} ms  {ratio:6.2f}x floor"
                  f"  CPU {cpu:8.1f} ms {cpu_ratio:6.2f}x{met}")


if __name__ == "__main__":
    main()
