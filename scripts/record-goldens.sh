#!/usr/bin/env bash
# Re-renders the compiled golden targets (Tests/GoldenOutput) and Generated/ with the current generator, without
# building the test targets first (they cannot build while a golden no longer compiles). Review `git diff` after.
# The tests then check the same trees; `OKTAGEN_RECORD=1 swift test` re-records every golden kind.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product oktagen
bin="$(swift build --show-bin-path)/oktagen"
declare -A targets=([composition.yaml]=GoldenComposition [names.yaml]=GoldenNames \
    [operations.yaml]=GoldenOperations [openapi31.yaml]=GoldenOpenAPI31 [lossless.yaml]=GoldenLossless)
for spec in "${!targets[@]}"; do
    (cd Tests/OktaGenTests && "$bin" generate --quiet --spec "Fixtures/specs/$spec" --tags all \
        --output "../GoldenOutput/${targets[$spec]}" 2>/dev/null || true)
done
"$bin" generate --quiet
echo "re-rendered Tests/GoldenOutput and Generated/; review the diff"
