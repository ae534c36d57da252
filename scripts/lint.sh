#!/usr/bin/env bash
# `swift format lint --strict` over the hand-written Swift files, with the repository's .swift-format (4-space indent,
# 120 columns). swift-format has no exclude option, so the list comes from git: everything tracked except what a tool
# writes (oktagen's output in Generated/, the plugin example's Generated/ folder and the rendered goldens).
# `scripts/lint.sh --fix` rewrites the files in place first.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.swift' | grep -v -E \
    '^(Generated/|Examples/[^/]+/Sources/[^/]+/Generated/|Tests/GoldenOutput/|Tests/OktaGenTests/Goldens/)')
if [ "${1:-}" = "--fix" ]; then
    swift format format --in-place --parallel "${files[@]}"
fi
swift format lint --strict --parallel "${files[@]}"
echo "swift format lint: ${#files[@]} files clean"
