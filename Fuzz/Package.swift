// swift-tools-version:6.1
// Fuzzing harnesses (libFuzzer) over the YAML layer and the whole spec → IR → render pipeline.
// Built apart from the main package because a libFuzzer binary has no `main` of its own: see Fuzz/run.sh.
import PackageDescription

let package = Package(
    name: "OktaGenFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "OktaGen", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzYAML",
            dependencies: [.product(name: "OktaGenKit", package: "OktaGen")]
        ),
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: [.product(name: "OktaGenKit", package: "OktaGen")]
        ),
    ]
)
