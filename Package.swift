// swift-tools-version:6.1
import Foundation
import PackageDescription

let package = Package(
    name: "OktaGen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "oktagen", targets: ["OktaGenCLI"]),
        .library(
            name: "OktaGenKit",
            targets: [
                "OktaGenDiagnostics", "OktaGenYAML", "OktaGenOpenAPI", "OktaGenIR", "OktaGenRender", "OktaGenConfig",
                "OktaGenDiff", "OktaGenPipeline",
            ]),
        .library(name: "OktaRuntime", targets: ["OktaRuntime"]),
        // OktaRuntime as a shared library, built with the tests: the real-spec round trip (RealSpecRoundTripTests)
        // links an executable of the whole spec's generated models against it. Apps use OktaRuntime.
        .library(name: "OktaRuntimeDynamic", type: .dynamic, targets: ["OktaRuntime"]),
        // `pattern` matching alone (also part of OktaRuntime): for the fuzz harness.
        .library(name: "OktaPattern", targets: ["OktaPattern"]),
        .library(name: "OktaUsers", targets: ["OktaUsers"]),
        // Generates an SDK at build time from a target's openapi.yaml (+ oktagen.yaml).
        .plugin(name: "OktaGenPlugin", targets: ["OktaGenPlugin"]),
        // `swift package generate-okta-sdk`: generates into the source tree, for teams that commit generated code.
        .plugin(name: "OktaGenCommand", targets: ["OktaGenCommand"]),
    ],
    // A package that depends on this one resolves every dependency below that a non-test target uses, whichever of
    // our products it uses: an app using OktaRuntime resolves swift-openapi-runtime and swift-http-types (the
    // runtime's), swift-crypto and swift-asn1 (its OAuth signing), and swift-argument-parser (the oktagen tool's,
    // which the plugins run). Dependencies used only by test targets are not resolved for it. okta-mock and its server stack (Hummingbird, NIO) are in the nested
    // package Mock/ (docs/okta-mock.md), so that they stay out of apps' dependency graphs.
    dependencies: [
        // The oktagen tool.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // OktaRuntime.
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // OktaRuntime: RS256/ES256 signing of client assertions and DPoP proofs (_CryptoExtras has RSA). Either
        // major version, so that apps already on swift-crypto 3 (jwt-kit 5, for one) resolve.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Tests only (OktaGenTests): the reference Mustache implementation, and swift-syntax to parse the output of
        // hostile specs to prove spec text lands in trivia or literals.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        // libyaml, through pkg-config (Debian: libyaml-dev, Homebrew: libyaml).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // glibc's <malloc.h> (mallopt), for the generator's heap settings (Sources/OktaGenCLI/LargePages.swift).
        .systemLibrary(name: "CMalloc"),
        // Diagnostics and source locations shared by every stage of the pipeline.
        .target(name: "OktaGenDiagnostics"),
        // Stage 1: libyaml events -> immutable, located node tree.
        .target(name: "OktaGenYAML", dependencies: ["CYAML", "OktaGenDiagnostics"]),
        // Stage 2: node tree -> located OpenAPI document, `$ref` resolution.
        .target(name: "OktaGenOpenAPI", dependencies: ["OktaGenYAML", "OktaGenDiagnostics", "OktaPattern"]),
        // Stage 3: OpenAPI document -> intermediate model (IR) of the selected operations.
        .target(name: "OktaGenIR", dependencies: ["OktaGenOpenAPI", "OktaGenDiagnostics", "OktaPattern"]),
        // Stage 4: IR -> template contexts -> Mustache templates (our engine, TemplateEngine.swift) -> Swift files.
        .target(name: "OktaGenRender", dependencies: ["OktaGenIR", "OktaGenDiagnostics", "OktaGenResources"]),
        // Files built into the binary: the default spec and the templates, through symbolic links in Resources/ to
        // specs/okta-users.yaml and templates/ (SwiftPM takes resources from the target's folder only).
        .target(
            name: "OktaGenResources",
            exclude: ["Resources/templates/README.md"],
            resources: [.embedInCode("Resources/okta-users.yaml"), .embedInCode("Resources/templates")]
        ),
        // The settings file, oktagen.yaml: one key per command-line option, read with the YAML layer.
        .target(name: "OktaGenConfig", dependencies: ["OktaGenYAML", "OktaGenOpenAPI", "OktaGenDiagnostics"]),
        // `oktagen diff`: two IR models -> changes classified in Swift terms (the renderer names the symbols).
        .target(name: "OktaGenDiff", dependencies: ["OktaGenIR", "OktaGenRender"]),
        // The stages run in order (load → resolve → IR → render → write), each behind a protocol with a default;
        // settings merged from flags, the settings file and defaults (docs/Architecture.md).
        .target(
            name: "OktaGenPipeline",
            dependencies: [
                "OktaGenDiagnostics", "OktaGenYAML", "OktaGenOpenAPI", "OktaGenIR", "OktaGenRender", "OktaGenResources",
                "OktaGenConfig",
            ]),
        // The `oktagen` command-line tool: parses options, runs the pipeline, prints.
        .executableTarget(
            name: "OktaGenCLI",
            dependencies: [
                "OktaGenIR", "OktaGenOpenAPI", "OktaGenYAML", "OktaGenDiagnostics", "OktaGenRender", "OktaGenConfig",
                "OktaGenDiff", "OktaGenPipeline", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Build tool plugin: openapi.yaml + oktagen.yaml in a target -> three generated files in the plugin's folder.
        .plugin(name: "OktaGenPlugin", capability: .buildTool(), dependencies: ["OktaGenCLI"]),
        // Command plugin: oktagen generate into each configured target's source folder.
        .plugin(
            name: "OktaGenCommand",
            capability: .command(
                intent: .custom(
                    verb: "generate-okta-sdk",
                    description:
                        "Generate Swift code from the openapi.yaml and oktagen.yaml of targets into their sources"),
                permissions: [
                    .writeToPackageDirectory(
                        reason: "oktagen writes the generated Swift files into the target's folder")
                ]),
            dependencies: ["OktaGenCLI"]
        ),
        // What generated code shares at run time.
        .target(
            name: "OktaRuntime",
            dependencies: [
                "OktaPattern",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Validation"]
        ),
        // JSON Schema `pattern` matching in linear time (docs/Patterns.md): part of OktaRuntime (re-exported), a
        // target of its own without dependencies so that the generator checks patterns with the same engine.
        .target(name: "OktaPattern", path: "Sources/OktaRuntime/Validation"),
        // The SDK and server stubs generated from specs/okta-users.yaml (`swift run oktagen generate`), committed.
        .target(name: "OktaUsers", dependencies: ["OktaRuntime"], path: "Generated"),
        // Rendered goldens: Tests/GoldenOutput/<stem>/ is the output of Tests/OktaGenTests/Fixtures/specs/<stem>.yaml,
        // compared whole by RenderGoldenTests, compiled by every build, exercised by GeneratedModelTests.
        .target(name: "GoldenComposition", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/composition"),
        .target(name: "GoldenNames", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/names"),
        .target(name: "GoldenOperations", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/operations"),
        .target(name: "GoldenOpenAPI31", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/openapi31"),
        .target(name: "GoldenLossless", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/lossless"),
        .target(name: "GoldenMedia", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/media"),
        .target(name: "GoldenValidation", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/validation"),
        // The golden trees and how each is produced (GoldenCatalog), for the generator tests and the recorder.
        .target(
            name: "OktaGenTestSupport",
            dependencies: ["OktaGenIR", "OktaGenOpenAPI", "OktaGenDiagnostics", "OktaGenRender", "OktaGenConfig"],
            path: "Tests/OktaGenTestSupport"
        ),
        // `swift run record-goldens`: rewrites every golden tree. Needs neither the golden targets nor a test target,
        // so it works when a golden no longer compiles (on Linux, that keeps every test target from building).
        .executableTarget(name: "record-goldens", dependencies: ["OktaGenTestSupport"], path: "Tests/RecordGoldens"),
        .testTarget(
            name: "OktaGenTests",
            dependencies: [
                "OktaGenTestSupport", "OktaGenIR", "OktaGenOpenAPI", "OktaGenYAML", "OktaGenDiagnostics",
                "OktaGenResources", "OktaGenRender", "OktaGenCLI", "OktaGenConfig", "OktaGenDiff", "OktaGenPipeline",
                // The reference Mustache implementation our template engine is checked against.
                .product(name: "Mustache", package: "swift-mustache"),
                // Parses generated files in HostileSpecTests (where spec text lands, token by token).
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ],
            exclude: ["Goldens"],
            resources: [.copy("Fixtures")]
        ),
        // The generated models and client/server of the golden targets, exercised through JSON and in memory. (It
        // depends on every golden target so that `swift build --target GeneratedModelTests` compiles them all.)
        .testTarget(
            name: "GeneratedModelTests",
            dependencies: [
                "GoldenComposition", "GoldenNames", "GoldenOperations", "GoldenOpenAPI31", "GoldenLossless",
                "GoldenMedia", "GoldenValidation", "OktaRuntime",
            ]
        ),
        .testTarget(name: "OktaRuntimeTests", dependencies: ["OktaRuntime"]),
    ]
)

// The DocC plugin (`swift package generate-documentation`), only when OKTAGEN_DOCC is set, so that neither the
// normal build nor a package that depends on this one resolves it (docs/Documentation.md):
//     OKTAGEN_DOCC=1 swift package generate-documentation --target OktaRuntime --target OktaUsers
if ProcessInfo.processInfo.environment["OKTAGEN_DOCC"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}
