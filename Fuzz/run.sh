#!/usr/bin/env bash
# usage: Fuzz/run.sh HARNESS|all SECONDS [extra libFuzzer flags]
#   HARNESS: FuzzYAML, FuzzPipeline, FuzzConfig or FuzzTemplates; `all` runs the four one after the other, SECONDS
#   each (CI: `Fuzz/run.sh all 60`; the long runs: `Fuzz/run.sh all 1800`, about two hours on 2 cores, or two
#   harnesses side by side at a time, about an hour).
# Builds the harness with libFuzzer and AddressSanitizer, seeds a corpus (spec fixtures for the YAML and pipeline
# harnesses, settings files for FuzzConfig, the bundled templates for FuzzTemplates), and fuzzes for SECONDS. Crashes
# land in Fuzz/findings/; turn each into a regression test in Tests/OktaGenTests.
set -euo pipefail
cd "$(dirname "$0")"
name="${1:?harness: FuzzYAML, FuzzPipeline, FuzzConfig, FuzzTemplates or all}"
seconds="${2:?seconds}"
shift 2
if [ "$name" = all ]; then
    status=0
    for harness in FuzzYAML FuzzPipeline FuzzConfig FuzzTemplates; do
        echo "== fuzz $harness ${seconds}s"
        ./run.sh "$harness" "$seconds" "$@" || status=1
    done
    exit "$status"
fi
case "$name" in
FuzzYAML | FuzzPipeline | FuzzConfig | FuzzTemplates) ;;
*) echo "unknown harness '$name'" >&2; exit 2 ;;
esac
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
case "$name" in
FuzzConfig)
    find ../Examples ../Tests/OktaGenTests/Fixtures -type f -name '*oktagen*.yaml' -size -64k \
        -exec sh -c 'cp -n "$1" "$2/$(echo "$1" | tr / _)"' _ {} "$corpus" \; 2>/dev/null || true
    printf 'spec: specs/okta-users.yaml\ntags: [User, UserLifecycle]\nmode: [models, client]\noutput: Generated\n'\
'templates: my-templates\naccess: public\ntype-prefix: Okta\nlayout: files\nquiet: false\n'\
'allow-external-files: true\nallow-network-refs: true\nmax-input-bytes: 67108864\nmax-depth: 64\n'\
'format: markdown\nfail-on-breaking: true\n' > "$corpus/readme-example.yaml"
    ;;
FuzzTemplates)
    # One seed per bundled template: a byte that picks it (its index in sorted order, plus the count, so that the
    # byte is never the NUL that separates pieces), then its text (the harness's input format).
    files=$(ls ../templates/*.mustache | LC_ALL=C sort)
    count=$(echo "$files" | wc -l)
    index=0
    for file in $files; do
        { printf "\\$(printf '%03o' $((index + count)))"; cat "$file"; } > "$corpus/$(basename "$file")"
        index=$((index + 1))
    done
    ;;
*)
    find ../Tests/OktaGenTests/Fixtures -type f \( -name '*.yaml' -o -name '*.json' \) -size -256k \
        -exec cp -n {} "$corpus/" \; 2>/dev/null || true
    cp -n ../specs/okta-users.yaml "$corpus/" 2>/dev/null || true
    ;;
esac
"$bin/$name" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix=findings/ -print_final_stats=1 "$@"
