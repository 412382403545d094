import Foundation

/// Locates the read-only project fixtures in `../shared` (models, golden tensors, images, video)
/// and makes throw-away directories for tests. `STYLIFY_SHARED` overrides the location.
public enum Fixtures {
    /// The repository root, found from this file's path so tests work from any working directory.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    public static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["STYLIFY_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    public static var models: URL { shared.appendingPathComponent("models") }
    public static var golden: URL { shared.appendingPathComponent("golden") }
    public static var contentImages: URL { shared.appendingPathComponent("images/content") }
    public static var styleImages: URL { shared.appendingPathComponent("images/style") }
    public static var video: URL { shared.appendingPathComponent("video/cutBunny.mp4") }

    /// A fresh, empty directory under the system temp dir; removed when the process exits is not
    /// guaranteed, so tests that make large files should delete them themselves.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stylify-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
