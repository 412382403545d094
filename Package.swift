// swift-tools-version:6.0
import PackageDescription

/// The hot numeric modules are always compiled with optimisation, so that a debug build
/// (the test suite's) runs the convolution kernels and codecs at production speed.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"])]

/// The inference kernels use 8-wide SIMD with fused multiply-add: AVX2 + FMA, present on every
/// x86-64 server CPU since 2015 (Haswell, Zen). Other architectures build without these flags.
#if arch(x86_64)
let inferenceSettings: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-mavx2", "-Xcc", "-mfma"])]
#else
let inferenceSettings: [SwiftSetting] = optimised
#endif

func system(_ name: String, pkgConfig: String? = nil, apt: [String]) -> Target {
    .systemLibrary(
        name: name,
        path: "Sources/System/\(name)",
        pkgConfig: pkgConfig,
        providers: [.apt(apt)]
    )
}

let package = Package(
    name: "Stylify",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stylify", targets: ["stylify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        system("CSQLite", pkgConfig: "sqlite3", apt: ["libsqlite3-dev"]),
        system("CCurl", pkgConfig: "libcurl", apt: ["libcurl4-openssl-dev"]),
        system("CTurboJPEG", pkgConfig: "libturbojpeg", apt: ["libturbojpeg0-dev", "libjpeg62-turbo-dev"]),
        system("CFFmpeg", pkgConfig: "libavformat", apt: ["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswscale-dev"]),
        system("CBLAS", pkgConfig: "openblas", apt: ["libopenblas-dev"]),
        system("COpenSSL", pkgConfig: "openssl", apt: ["libssl-dev"]),
        system("CPostgres", pkgConfig: "libpq", apt: ["libpq-dev"]),
        .systemLibrary(name: "CEpoll", path: "Sources/System/CEpoll"),
        .systemLibrary(name: "CCPUFeatures", path: "Sources/System/CCPUFeatures"),

        .target(name: "Common"),
        .target(name: "Inference", dependencies: ["CBLAS"], swiftSettings: inferenceSettings),
        .target(name: "Media", dependencies: ["CTurboJPEG", "CFFmpeg"], swiftSettings: optimised),
        .target(name: "Storage", dependencies: ["Common", "CSQLite", "COpenSSL"]),
        .target(name: "Postgres", dependencies: ["Storage", "Common", "CPostgres"]),
        /// Outgoing mail: the durable outbox and its senders (SMTP over libcurl, a log file).
        .target(name: "Mail", dependencies: ["Common", "Storage", "CCurl"]),
        .target(name: "Accounts", dependencies: ["Common", "Storage", "Mail", "COpenSSL"]),
        .target(name: "Quotas", dependencies: ["Common", "Storage"]),
        .target(name: "Jobs", dependencies: ["Common", "Inference", "Media", "Storage", "Quotas"], swiftSettings: optimised),
        .target(name: "Filters", dependencies: ["Common", "Storage", "Media", "Inference", "Jobs", "Quotas"]),
        .target(name: "Webhooks", dependencies: ["Common", "Storage", "CCurl", "COpenSSL"]),
        .target(name: "ObjectStorage", dependencies: ["Storage", "Common", "CCurl", "COpenSSL"]),
        .target(name: "Stylizations", dependencies: ["Common", "Filters", "Inference", "Jobs", "Storage", "Webhooks"]),
        // The HTTP/1.1 server, router and multipart parser: no domain module, as HummingbirdCore is to Hummingbird.
        .target(name: "HTTPServer", dependencies: ["Common", "CEpoll"]),
        .target(name: "API", dependencies: ["HTTPServer", "Accounts", "Quotas", "Filters", "Jobs", "Inference", "Storage", "Stylizations", "Webhooks", "Common"]),
        /// Measurements the `stylify bench …` commands and the benchmark tests share; no production
        /// module depends on it.
        .target(name: "Benchmarks", dependencies: ["Inference", "Media", "Jobs", "Webhooks"], swiftSettings: optimised),
        .executableTarget(
            name: "stylify",
            dependencies: [
                "API", "HTTPServer", "Accounts", "Mail", "Quotas", "Storage", "Postgres", "ObjectStorage", "Inference", "Media", "Jobs", "Filters", "Stylizations", "Webhooks", "Common", "Benchmarks",
                "CCPUFeatures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", dependencies: ["HTTPServer", "Common", "Storage", "Postgres", "Media"], path: "Tests/TestSupport"),
        .testTarget(name: "CommonTests", dependencies: ["Common", "TestSupport"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "TestSupport"], swiftSettings: optimised),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "Common", "Inference", "Media", "Storage", "Quotas", "Benchmarks", "TestSupport"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "Storage", "Common", "TestSupport"]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "Mail", "Storage", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "Storage", "Common", "TestSupport"]),
        .testTarget(name: "QuotasTests", dependencies: ["Quotas", "Common", "Storage", "Accounts", "TestSupport"]),
        .testTarget(name: "FiltersTests", dependencies: ["Common", "Filters", "Storage", "Quotas", "Accounts", "Media", "Inference", "Jobs", "TestSupport"]),
        .testTarget(name: "WebhooksTests", dependencies: ["Common", "Webhooks", "Storage", "Benchmarks", "TestSupport"]),
        .testTarget(name: "ObjectStorageTests", dependencies: ["ObjectStorage", "Storage", "Common", "TestSupport"]),
        .testTarget(name: "StylizationsTests", dependencies: ["Stylizations", "Accounts", "Common", "Filters", "Inference", "Jobs", "Quotas", "Storage", "Webhooks", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "APITests", dependencies: ["API", "HTTPServer", "Accounts", "Common", "Filters", "Inference", "Jobs", "Quotas", "Storage", "Stylizations", "Webhooks", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["API", "HTTPServer", "Accounts", "Mail", "Quotas", "Filters", "Jobs", "Inference", "Media", "ObjectStorage", "Storage", "Stylizations", "Webhooks", "TestSupport"]),
    ]
)
