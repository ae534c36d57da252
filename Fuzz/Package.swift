// swift-tools-version:6.1
// Fuzzing harnesses (libFuzzer) over the YAML layer, the whole spec → IR → render pipeline, the settings file
// (oktagen.yaml), the template checker and engine (templates as input) and `pattern` matching (OktaPattern).
// Built apart from the main package, as libraries linked by Fuzz/run.sh with libFuzzer's own `main`.
import PackageDescription

let package = Package(
    name: "OktaGenFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "OktaGen", path: "..")],
    targets: [
        .target(
            name: "FuzzYAML",
            dependencies: [.product(name: "OktaGenKit", package: "OktaGen")]
        ),
        .target(
            name: "FuzzPipeline",
            dependencies: [.product(name: "OktaGenKit", package: "OktaGen")]
        ),
        .target(
            name: "FuzzConfig",
            dependencies: [.product(name: "OktaGenKit", package: "OktaGen")]
        ),
        .target(
            name: "FuzzTemplates",
            dependencies: [.product(name: "OktaGenKit", package: "OktaGen")]
        ),
        .target(
            name: "FuzzPattern",
            dependencies: [.product(name: "OktaPattern", package: "OktaGen")]
        ),
    ]
)
