#!/usr/bin/env bash
# usage: Fuzz/run.sh HARNESS|all SECONDS [extra libFuzzer flags]
#   HARNESS: FuzzYAML, FuzzPipeline, FuzzConfig, FuzzTemplates or FuzzPattern; `all` runs the five one after the other, SECONDS
#   each (CI: `Fuzz/run.sh all 60`; the long runs: `Fuzz/run.sh all 1800`, about two hours on 2 cores, or two
#   harnesses side by side at a time, about an hour).
# Builds the harness with libFuzzer and AddressSanitizer, seeds a corpus (spec fixtures for the YAML and pipeline
# harnesses, settings files for FuzzConfig, the bundled templates for FuzzTemplates, Okta's patterns and classic
# catastrophic ones for FuzzPattern), and fuzzes for SECONDS. Crashes
# land in Fuzz/findings/; turn each into a regression test in Tests/OktaGenTests.
set -euo pipefail
cd "$(dirname "$0")"
name="${1:?harness: FuzzYAML, FuzzPipeline, FuzzConfig, FuzzTemplates, FuzzPattern or all}"
seconds="${2:?seconds}"
shift 2
if [ "$name" = all ]; then
    status=0
    for harness in FuzzYAML FuzzPipeline FuzzConfig FuzzTemplates FuzzPattern; do
        echo "== fuzz $harness ${seconds}s"
        ./run.sh "$harness" "$seconds" "$@" || status=1
    done
    exit "$status"
fi
case "$name" in
FuzzYAML | FuzzPipeline | FuzzConfig | FuzzTemplates | FuzzPattern) ;;
*) echo "unknown harness '$name'" >&2; exit 2 ;;
esac
flags=(-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)
bin="$(swift build -c debug --scratch-path .build --show-bin-path)"
rm -f "$bin/$name.build"/*.o   # no stale objects of renamed files; the build makes them again
swift build -c debug --scratch-path .build "${flags[@]}" --target "$name"
# Link every object file of the harness and the OktaGen modules with libFuzzer's main (SwiftPM would link an
# executable with an entry point of its own).
objects=$(find "$bin" -name '*.o' \( -path "*/$name.build/*" -o -path '*/OktaGen*.build/*' -o -path '*/OktaPattern.build/*' \))
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
FuzzPattern)
    # Seeds: pattern NUL subject. Okta's own patterns (the management spec's) and the classic catastrophic ones.
    index=0
    printf '%s\n' '^[\w\-_. ]+$' '(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' \
        '^\+[1-9]\d{1,14}$' '^.{1,100}$' '^P(?:$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?:\d)(\d+H)?(\d+M)?(\d+S)?)?$' \
        '^(?:\*|\^?\d+(?:\.\d+){0,2})$' '^([a-z0-9]+(-[a-z0-9]+)*){1,100}\.splunkcloud(gc|fed)?\.com$' \
        '(a+)+$' '(a|a)*b' '(.*a){20}' '^(\w+\s?)*$' '[^\u{1F600}-\u{1F64F}]+\b' '(?:x{2,5}|y*?){3}z' \
        '(?<year>\d{4})-[\x41-\u005A\cJ\0]|\B\W\S\D' |
        while IFS= read -r pattern; do
            printf '%s\0%s' "$pattern" 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' > "$corpus/pattern-$index"
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
