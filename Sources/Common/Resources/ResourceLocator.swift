import Foundation

/// Finds a folder the program ships beside its sources (the schema migrations, the web app)
/// when no path was configured: `<folder>` in the current directory, then `<folder>` beside a
/// `Package.swift` in a parent of the executable (`.build/debug|release/stylify`), then the
/// repository this file was compiled in (tests, and development binaries run from elsewhere).
/// A candidate counts only when `isUsable` accepts it, so a stray empty folder never hides
/// the real one.
public struct ResourceLocator: Sendable {
    /// The folder's name at the repository root (`Schema`, `Web`).
    public let folder: String
    private let isUsable: @Sendable (URL) -> Bool

    public init(folder: String, isUsable: @escaping @Sendable (URL) -> Bool) {
        self.folder = folder
        self.isUsable = isUsable
    }

    /// Every place looked at, in order.
    public func candidates(
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) -> [URL] {
        var candidates = [currentDirectory.appendingPathComponent(folder)]
        if let executable {
            var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    candidates.append(directory.appendingPathComponent(folder))
                    break
                }
                directory.deleteLastPathComponent()
            }
        }
        candidates.append(Self.compiledRepository.appendingPathComponent(folder))
        return candidates
    }

    /// The first usable candidate, or nil.
    public func locate(
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) -> URL? {
        candidates(currentDirectory: currentDirectory, executable: executable).first(where: isUsable)
    }

    /// Whether `url` is a usable folder of this kind (for a configured path, which is checked
    /// but never replaced by a found one).
    public func accepts(_ url: URL) -> Bool {
        isUsable(url)
    }

    /// The repository root this file was compiled in: Sources/Common/Resources/ → root.
    private static var compiledRepository: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Whether `url` is a directory holding an entry `accepted` by the predicate (helper for
    /// `isUsable`).
    public static func isDirectory(_ url: URL, containing accepted: (String) -> Bool) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.contains(where: accepted)
    }
}
