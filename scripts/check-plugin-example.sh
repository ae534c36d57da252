#!/usr/bin/env bash
# Builds Examples/PluginExample through OktaGen's SwiftPM plugins and checks the regeneration workflow:
#   1. the first build runs the generator (build plugin), with no warning from the example's code or generated files;
#   2. the demo runs and prints what the generated client decoded and a committed model encoded;
#   3. a build with nothing changed runs no generation (from the second build after a clean one: on Linux, SwiftPM 6.3
#      rebuilds a plugin's tool once more in the build after a clean build, and a new tool is a changed input);
#   4. touching the spec runs it again, and the generated files, whose bytes did not change, keep their time;
#   5. an edited spec regenerates with the edit (the spec is restored afterwards);
#   6. the command plugin regenerates the committed models of DirectoryModels without changing a byte.
# Run by .ci/run after the tests. PLUGIN_EXAMPLE_SCRATCH chooses the build folder (default: the example's .build).
set -euo pipefail
cd "$(dirname "$0")/../Examples/PluginExample"
scratch="${PLUGIN_EXAMPLE_SCRATCH:-.build}"
spec=Sources/DirectorySDK/openapi.yaml
marker="OktaGen: generating DirectorySDK"
work="$(mktemp -d)"
cp "$spec" "$work/spec.yaml"
trap 'cp "$work/spec.yaml" "$spec"; rm -rf "$work"' EXIT

fail() { echo "check-plugin-example: $*" >&2; exit 1; }
build() {
    if ! swift build --scratch-path "$scratch" >"$work/log" 2>&1; then
        cat "$work/log"
        fail "swift build failed"
    fi
}
ran_generator() { grep -q "$marker" "$work/log"; }
generated() { find "$scratch/plugins/outputs" -path '*OktaGenPlugin/GeneratedSources/OktaGenModels.swift' | head -n 1; }

echo "== plugin example: build through OktaGenPlugin"
build
ran_generator || fail "the first build did not run the generator"
if grep -E "warning:" "$work/log" | grep -E "PluginExample/Sources|GeneratedSources|OktaGenPlugin"; then
    fail "the example's build has warnings"
fi
models="$(generated)"
[ -n "$models" ] || fail "no OktaGenModels.swift in $scratch/plugins/outputs"

echo "== plugin example: run the demo"
output="$("$(swift build --scratch-path "$scratch" --show-bin-path)/directory-demo")"
expected='[active] Ada Lovelace
[locked_out?] grace@example.com
{"profile":{"email":"alan@example.com","firstName":"Alan","login":"alan@example.com"}}'
[ "$output" = "$expected" ] || fail "unexpected demo output:
$output"

echo "== plugin example: a build with nothing changed does not regenerate"
build  # may relink the plugin's tool once after a clean build (see above)
build
ran_generator && fail "a build with nothing changed ran the generator"

echo "== plugin example: touching the spec regenerates; unchanged bytes are not rewritten"
touch "$work/stamp"
sleep 1
touch "$spec"
build
ran_generator || fail "touching the spec did not run the generator"
[ "$models" -nt "$work/stamp" ] && fail "the generator rewrote $models although its bytes did not change"
build
ran_generator && fail "the generator ran again although nothing changed since"

echo "== plugin example: an edited spec regenerates with the edit"
perl -pi -e 's/enum: \[STAGED, PROVISIONED, ACTIVE, SUSPENDED, DEPROVISIONED\]/enum: [STAGED, PROVISIONED, ACTIVE, SUSPENDED, DEPROVISIONED, LOCKED_OUT]/' "$spec"
build
ran_generator || fail "editing the spec did not run the generator"
grep -q "case lockedOut" "$models" || fail "the edit did not reach $models"
cp "$work/spec.yaml" "$spec"
build
grep -q "case lockedOut" "$models" && fail "restoring the spec did not regenerate"

echo "== plugin example: the command plugin leaves the committed models as they are"
snapshot() { (cd Sources/DirectoryModels && find . -type f -print | LC_ALL=C sort | xargs cksum); }
before="$(snapshot)"
if ! swift package --scratch-path "$scratch" --allow-writing-to-package-directory \
    generate-okta-sdk --target DirectoryModels >"$work/log" 2>&1; then
    cat "$work/log"
    fail "swift package generate-okta-sdk failed"
fi
grep -q "already up to date" "$work/log" || { cat "$work/log"; fail "the command plugin did not run oktagen"; }
[ "$before" = "$(snapshot)" ] || fail "Sources/DirectoryModels/Generated is stale: run
  swift package --allow-writing-to-package-directory generate-okta-sdk --target DirectoryModels
in Examples/PluginExample and commit the result"

echo "plugin-example: 6 passed, 0 failed"
