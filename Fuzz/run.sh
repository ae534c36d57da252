#!/usr/bin/env bash
# usage: Fuzz/run.sh FuzzYAML|FuzzPipeline SECONDS [extra libFuzzer flags]
# Builds the harness with libFuzzer and AddressSanitizer, seeds a corpus from the test fixtures, and fuzzes for
# SECONDS. Crashes land in Fuzz/findings/; turn each into a regression test in Tests/OktaGenTests.
set -euo pipefail
cd "$(dirname "$0")"
name="${1:?harness: FuzzYAML or FuzzPipeline}"
seconds="${2:?seconds}"
shift 2
flags=(-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)
bin="$(swift build -c debug --scratch-path .build --show-bin-path)"
rm -f "$bin/$name.build"/*.o   # no stale objects of renamed files; the build makes them again
swift build -c debug --scratch-path .build "${flags[@]}" --target "$name"
# Link every object file of the harness and the OktaGen modules with libFuzzer's main (SwiftPM would link an
# executable with an entry point of its own).
objects=$(find "$bin" -name '*.o' \( -path "*/$name.build/*" -o -path '*/OktaGen*.build/*' \))
swiftc -sanitize=fuzzer,address $objects -lyaml -o "$bin/$name"
corpus=".build/corpus-$name"
mkdir -p "$corpus" findings
find ../Tests/OktaGenTests/Fixtures -type f \( -name '*.yaml' -o -name '*.json' \) -size -256k \
    -exec cp -n {} "$corpus/" \; 2>/dev/null || true
cp -n ../specs/okta-users.yaml "$corpus/" 2>/dev/null || true
"$bin/$name" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix=findings/ -print_final_stats=1 "$@"
