// swift-tools-version:6.1
import PackageDescription

// okta-mock, a stateful Okta Users API on loopback (docs/okta-mock.md), and the tests that need an HTTP server.
//
// A package of its own, nested in OktaGen's repository and depending on it by path, so that its server stack
// (Hummingbird, NIO, NIO SSL and their dependencies, two dozen packages) stays out of the dependency graph of every app
// that depends on OktaGen for OktaRuntime: SwiftPM resolves all the dependencies of a package's non-test targets for
// whoever depends on any of its products. Run from the repository's folder:
//
//     swift run --package-path Mock okta-mock --port 8080
//     swift test --package-path Mock
//
// An app's tests that use okta-mock in process depend on this package (`OktaMockKit`): by path in a checkout of
// OktaGen, since SwiftPM cannot depend on a folder of a remote repository.
let package = Package(
    name: "OktaMock",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "okta-mock", targets: ["OktaMock"]),
        .library(name: "OktaMockKit", targets: ["OktaMockKit"]),
    ],
    dependencies: [
        .package(name: "OktaGen", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Tests only: the generated client's transport.
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
    ],
    targets: [
        // The server: the generated handlers (OktaUsers) with a hand-written implementation on Hummingbird.
        .target(
            name: "OktaMockKit",
            dependencies: [
                .product(name: "OktaUsers", package: "OktaGen"),
                .product(name: "OktaRuntime", package: "OktaGen"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The `okta-mock` command.
        .executableTarget(
            name: "OktaMock",
            dependencies: [
                "OktaMockKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What both test targets share: a server on an ephemeral loopback port for the length of a test, timeouts.
        .target(name: "OktaMockTestSupport", path: "Tests/OktaMockTestSupport"),
        .testTarget(
            name: "OktaMockTests",
            dependencies: [
                "OktaMockKit", "OktaMockTestSupport",
                .product(name: "OktaUsers", package: "OktaGen"),
                .product(name: "OktaRuntime", package: "OktaGen"),
                // RecordingFidelityTests reads the recorded cassettes (YAML) with the generator's YAML layer.
                .product(name: "OktaGenKit", package: "OktaGen"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ],
            // okta-mock's own cassettes, read by path by RecordingFidelityTests (not bundled resources).
            exclude: ["Recordings"]
        ),
        // The generated client against the generated server stubs, over loopback HTTP.
        .testTarget(
            name: "OktaUsersE2ETests",
            dependencies: [
                "OktaMockKit", "OktaMockTestSupport",
                .product(name: "OktaUsers", package: "OktaGen"),
                .product(name: "OktaRuntime", package: "OktaGen"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
    ]
)
