// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ClaimSite",
    products: [
        .executable(name: "claimsite", targets: ["ClaimSiteCLI"]),
        .library(name: "ClaimSite", targets: ["ClaimSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        // mimalloc, the memory allocator the release binary runs on in place of glibc's malloc
        // (docs/performance.md). Only ClaimSiteCLI imports it, and only in release builds.
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // Building blocks that know nothing of claims: where output files go and the hash that
        // names things (OutputFiles), a Mustache engine over typed view models (TypedMustache), the
        // portal's link check, MIME messages and the offline search index.
        .target(name: "OutputFiles"),
        .target(name: "TypedMustache"),
        .target(name: "LinkCheck", dependencies: ["OutputFiles"]),
        .target(name: "MIME", dependencies: ["OutputFiles"]),
        .target(name: "Search", dependencies: ["OutputFiles"]),
        .target(name: "ClaimModel"),
        .target(name: "ClaimLoad", dependencies: ["ClaimModel", "CYAML"]),
        .target(name: "ClaimRules", dependencies: ["ClaimModel"]),
        // The built-in templates live once, in Templates/ at the root (the example site's own);
        // the EmbedTemplates plugin compiles them into ClaimRender so the binary has them anywhere.
        .target(
            name: "ClaimRender",
            dependencies: [
                "ClaimModel", "ClaimRules", "CCmark", "TypedMustache", "OutputFiles", "MIME", "Search",
            ],
            plugins: ["EmbedTemplates"]),
        .executableTarget(name: "embed-templates"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["embed-templates"]),
        // Linux's renameat2(RENAME_EXCHANGE), which Swift's Glibc module does not expose: the
        // output folder is replaced by one atomic exchange (docs/output.md, Replacing the output).
        .target(name: "CRenameExchange"),
        // The build: runs the stages, renders with the page memo, writes the output atomically.
        // Crypto: SHA-256 for the hashes that decide whether a build is skipped or a file reused.
        .target(
            name: "ClaimSite",
            dependencies: [
                "ClaimModel", "ClaimLoad", "ClaimRules", "ClaimRender", "TypedMustache", "OutputFiles", "LinkCheck",
                "CRenameExchange", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // `claimsite sample`: synthetic sites for benchmarks and tests (only the executable needs it).
        .target(name: "ClaimSample", dependencies: ["ClaimModel", "ClaimRules"]),
        // The executable target is ClaimSiteCLI (Sources/ClaimSiteCLI), not "claimsite": on a
        // case-insensitive disk Sources/claimsite and Sources/ClaimSite would be one folder.
        // Its product, the binary, is still `claimsite`.
        .executableTarget(
            name: "ClaimSiteCLI",
            dependencies: [
                "ClaimSite", "ClaimSample", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // What only tests and fuzzing use (as swift-nio's NIOTestUtils): no shipped target
        // depends on it.
        .target(
            name: "ClaimSiteTesting",
            dependencies: [
                "ClaimModel", "ClaimLoad", "ClaimRules", "ClaimRender", "ClaimSite", "TypedMustache",
            ]),
        // The engine's own tests: the Mustache spec, swift-mustache as an oracle on random
        // templates and data, streaming, typed view models.
        .testTarget(
            name: "TypedMustacheTests",
            dependencies: [
                "TypedMustache",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "ClaimModelTests", dependencies: ["ClaimModel"]),
        // FuzzRegressions/: minimized inputs of `make fuzz` findings, read by path by the tests.
        .testTarget(
            name: "ClaimLoadTests", dependencies: ["ClaimLoad", "ClaimModel", "ClaimSiteTesting"],
            exclude: ["FuzzRegressions"]),
        .testTarget(
            name: "ClaimRenderTests",
            dependencies: [
                "ClaimRender", "ClaimModel", "ClaimSample", "ClaimSiteTesting", "TypedMustache", "OutputFiles", "MIME",
                "Search", "LinkCheck",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], exclude: ["FuzzRegressions"]),
        .testTarget(
            name: "ClaimSampleTests",
            dependencies: ["ClaimSample", "ClaimSite", "ClaimLoad", "ClaimRules", "ClaimModel"]),
        .testTarget(
            name: "ClaimRulesTests",
            dependencies: [
                "ClaimRules", "ClaimModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "ClaimSiteTests",
            dependencies: [
                "ClaimSite", "ClaimLoad", "ClaimRules", "ClaimRender", "ClaimModel", "ClaimSiteCLI",
                "ClaimSample", "ClaimSiteTesting", "TypedMustache", "OutputFiles",
                "MIME", "Search", "LinkCheck",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Golden", "Corpus", "FuzzRegressions"]),
    ]
)
