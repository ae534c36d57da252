#!/usr/bin/env bash
# Builds, in a fresh folder, exactly the package layout docs/Regenerating.md ("SwiftPM build plugin") shows: a target
# holding openapi.yaml, oktagen.yaml and one Swift file, generated at build time by OktaGenPlugin, used by an
# executable. Checks that the generated client and models are usable, and that the layout without its Swift file
# fails with SwiftPM's own hint (the plugin cannot run for a target SwiftPM drops, so the documentation must say it).
# Run by .ci/run after check-plugin-example.sh. PLUGIN_LAYOUT_SCRATCH chooses the build folder (default: a fresh one
# in the temporary folder, removed afterwards).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scratch="${PLUGIN_LAYOUT_SCRATCH:-$work/.build}"
fail() { echo "check-plugin-layout: $*" >&2; exit 1; }

mkdir -p "$work/pkg/Sources/MyOktaSDK" "$work/pkg/Sources/users-demo"
cd "$work/pkg"
cat > Package.swift <<SWIFT
// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "LayoutCheck",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "OktaGen", path: "$repo")],
    targets: [
        .target(
            name: "MyOktaSDK",
            dependencies: [.product(name: "OktaRuntime", package: "OktaGen")],
            plugins: [.plugin(name: "OktaGenPlugin", package: "OktaGen")]
        ),
        .executableTarget(name: "users-demo", dependencies: ["MyOktaSDK"]),
    ]
)
SWIFT
cp "$repo/specs/okta-users.yaml" Sources/MyOktaSDK/openapi.yaml
printf 'mode: [models, client]\n' > Sources/MyOktaSDK/oktagen.yaml
cat > Sources/MyOktaSDK/Exports.swift <<'SWIFT'
// SwiftPM drops a target without Swift files before any plugin runs: this one keeps the target, and lets users of
// the SDK name the runtime's types (OktaClientConfiguration, OktaResponse…) without importing OktaRuntime.
@_exported import OktaRuntime
SWIFT
cat > Sources/users-demo/main.swift <<'SWIFT'
import Foundation
import MyOktaSDK

let request = CreateUserRequest(
    profile: UserProfile(email: "ada@example.com", firstName: .value("Ada"), lastName: .value("Lovelace"),
                         login: "ada@example.com"))
let encoder = JSONEncoder()
encoder.outputFormatting = .sortedKeys
print(String(decoding: try encoder.encode(request), as: UTF8.self))
print(UsersAPI.self)
SWIFT

echo "== plugin layout: the documented layout builds from a fresh folder"
if ! swift build --scratch-path "$scratch" >"$work/log" 2>&1; then
    cat "$work/log"
    fail "the documented layout does not build"
fi
output="$("$(swift build --scratch-path "$scratch" --show-bin-path)/users-demo")"
expected='{"profile":{"email":"ada@example.com","firstName":"Ada","lastName":"Lovelace","login":"ada@example.com"}}
UsersAPI'
[ "$output" = "$expected" ] || fail "unexpected demo output:
$output"

echo "== plugin layout: without a Swift file SwiftPM drops the target, and says where sources belong"
rm Sources/MyOktaSDK/Exports.swift
if swift build --scratch-path "$scratch" >"$work/log" 2>&1; then
    fail "a target without Swift files built: update docs/Regenerating.md, which says it cannot"
fi
grep -q "Source files for target MyOktaSDK should be located under" "$work/log" \
    || { cat "$work/log"; fail "SwiftPM's message changed: update docs/Regenerating.md"; }

echo "plugin-layout: 2 passed, 0 failed"
