// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "OktaGen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "oktagen", targets: ["OktaGenCLI"]),
        .executable(name: "okta-mock", targets: ["OktaMock"]),
        .library(
            name: "OktaGenKit",
            targets: [
                "OktaGenDiagnostics", "OktaGenYAML", "OktaGenOpenAPI", "OktaGenIR", "OktaGenRender", "OktaGenConfig",
                "OktaGenDiff",
            ]),
        .library(name: "OktaRuntime", targets: ["OktaRuntime"]),
        // `pattern` matching alone (also part of OktaRuntime): for the fuzz harness.
        .library(name: "OktaPattern", targets: ["OktaPattern"]),
        .library(name: "OktaUsers", targets: ["OktaUsers"]),
        // Generates an SDK at build time from a target's openapi.yaml (+ oktagen.yaml).
        .plugin(name: "OktaGenPlugin", targets: ["OktaGenPlugin"]),
        // `swift package generate-okta-sdk`: generates into the source tree, for teams that commit generated code.
        .plugin(name: "OktaGenCommand", targets: ["OktaGenCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // OktaRuntime: RS256/ES256 signing of client assertions and DPoP proofs (_CryptoExtras has RSA). Either
        // major version, so that apps already on swift-crypto 3 (jwt-kit 5, for one) resolve.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Tests only (OktaGenTests): parses the output of hostile specs to prove spec text lands in trivia or literals.
        // SwiftPM does not resolve a test target's dependencies for the package's consumers.
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
        .target(name: "OktaGenIR", dependencies: ["OktaGenOpenAPI", "OktaGenDiagnostics"]),
        // Stage 4: IR -> template contexts -> Mustache templates (our engine, TemplateEngine.swift) -> Swift files.
        .target(name: "OktaGenRender", dependencies: ["OktaGenIR", "OktaGenDiagnostics", "OktaGenResources"]),
        // Files built into the binary: the default spec (scripts/embed-resources.py writes it).
        .target(name: "OktaGenResources"),
        // The settings file, oktagen.yaml: one key per command-line option, read with the YAML layer.
        .target(name: "OktaGenConfig", dependencies: ["OktaGenYAML", "OktaGenOpenAPI", "OktaGenDiagnostics"]),
        // `oktagen diff`: two IR models -> changes classified in Swift terms (the renderer names the symbols).
        .target(name: "OktaGenDiff", dependencies: ["OktaGenIR", "OktaGenRender"]),
        // The `oktagen` command-line tool.
        .executableTarget(
            name: "OktaGenCLI",
            dependencies: [
                "OktaGenIR", "OktaGenOpenAPI", "OktaGenYAML", "OktaGenDiagnostics", "OktaGenResources", "OktaGenRender",
                "OktaGenConfig", "OktaGenDiff", "CMalloc",
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
        // okta-mock: a stateful Okta Users API on loopback, serving the generated handlers.
        .target(
            name: "OktaMockKit",
            dependencies: [
                "OktaUsers", "OktaRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "OktaMock",
            dependencies: [
                "OktaMockKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The SDK and server stubs generated from specs/okta-users.yaml (`swift run oktagen generate`), committed.
        .target(name: "OktaUsers", dependencies: ["OktaRuntime"], path: "Generated"),
        // Rendered goldens of the fixture specs: compiled by every build, checked whole by RenderGoldenTests.
        .target(name: "GoldenComposition", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/GoldenComposition"),
        .target(name: "GoldenNames", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/GoldenNames"),
        .target(name: "GoldenOperations", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/GoldenOperations"),
        .target(name: "GoldenOpenAPI31", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/GoldenOpenAPI31"),
        .target(name: "GoldenLossless", dependencies: ["OktaRuntime"], path: "Tests/GoldenOutput/GoldenLossless"),
        .testTarget(
            name: "OktaGenTests",
            dependencies: [
                "GoldenComposition", "GoldenNames", "GoldenOperations", "GoldenOpenAPI31", "GoldenLossless",
                "OktaGenIR", "OktaGenOpenAPI", "OktaGenYAML", "OktaGenDiagnostics", "OktaGenResources", "OktaGenRender",
                "OktaGenCLI", "OktaGenConfig", "OktaGenDiff",
                // The reference Mustache implementation our template engine is checked against.
                .product(name: "Mustache", package: "swift-mustache"),
                // Parses generated files in HostileSpecTests (where spec text lands, token by token).
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ],
            exclude: ["Goldens"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "OktaRuntimeTests", dependencies: ["OktaRuntime"]),
        .testTarget(
            name: "OktaMockTests",
            dependencies: [
                "OktaMockKit", "OktaUsers", "OktaRuntime", "OktaGenYAML",
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
        // The generated client against the generated server stubs, over loopback HTTP.
        .testTarget(
            name: "OktaUsersE2ETests",
            dependencies: [
                "OktaUsers", "OktaRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
    ]
)
