// swift-tools-version: 6.1
import PackageDescription

// One target per pipeline stage; each depends only on the stages before it:
// CCmark/CYAML → ClaimModel → ClaimLoad / ClaimRules → ClaimRender → ClaimSite → claimsite.
let package = Package(
    name: "ClaimSite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "claimsite", targets: ["claimsite"]),
        .library(name: "ClaimSite", targets: ["ClaimSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .target(name: "ClaimModel"),
        .target(name: "ClaimLoad", dependencies: ["ClaimModel", "CYAML"]),
        .target(name: "ClaimRules", dependencies: ["ClaimModel"]),
        .target(name: "ClaimRender", dependencies: ["ClaimModel", "ClaimRules", "CCmark"]),
        .target(name: "ClaimSite", dependencies: ["ClaimModel", "ClaimLoad", "ClaimRules", "ClaimRender"]),
        .executableTarget(name: "claimsite", dependencies: [
            "ClaimSite",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ClaimLoadTests", dependencies: ["ClaimLoad", "ClaimModel"]),
        .testTarget(name: "ClaimRulesTests", dependencies: [
            "ClaimRules", "ClaimModel",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "ClaimSiteTests", dependencies: ["ClaimSite", "ClaimLoad", "ClaimRules", "ClaimRender", "ClaimModel", "claimsite"]),
    ]
)
