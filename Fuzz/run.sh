#!/usr/bin/env bash
# usage: Fuzz/run.sh FuzzYAML|FuzzPipeline SECONDS [extra libFuzzer flags]
# Builds the harness with libFuzzer and AddressSanitizer, seeds a corpus from the test fixtures, and fuzzes for
# SECONDS. Crashes land in Fuzz/findings/; turn each into a regression test in Tests/OktaGenTests.
set -euo pipefail
cd "$(dirname "$0")"
name="${1:?harness: FuzzYAML or FuzzPipeline}"
seconds="${2:?seconds}"
shift 2
swift build -c debug --scratch-path .build -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    --product "$name"
corpus=".build/corpus-$name"
mkdir -p "$corpus" findings
find ../Tests/OktaGenTests/Fixtures -type f \( -name '*.yaml' -o -name '*.json' \) -size -256k \
    -exec cp -n {} "$corpus/" \; 2>/dev/null || true
cp -n ../specs/okta-users.yaml "$corpus/" 2>/dev/null || true
".build/debug/$name" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix=findings/ -print_final_stats=1 "$@"
