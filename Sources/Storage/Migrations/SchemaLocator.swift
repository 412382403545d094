import Foundation

/// Finds the directory of migration files at run time.
///
/// Order: the explicit directory (`--schema-dir`), then `$STYLIFY_SCHEMA`, then `Schema/` in the
/// current directory, then `Schema/` beside a `Package.swift` in any parent of the executable
/// (covers `.build/debug/stylify` and `.build/release/stylify`), then the repository this module
/// was compiled from (covers tests and development binaries run from elsewhere). An explicit or
/// environment path that is not a directory of migrations is an error, not skipped.
public enum SchemaLocator {
    public static func locate(
        explicit: URL?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) throws -> URL {
        if let explicit {
            guard holdsMigrations(explicit) else { throw StorageError.schemaDirectoryNotFound(tried: [explicit.path]) }
            return explicit
        }
        if let path = environment["STYLIFY_SCHEMA"], !path.isEmpty {
            let url = URL(fileURLWithPath: path)
            guard holdsMigrations(url) else { throw StorageError.schemaDirectoryNotFound(tried: ["STYLIFY_SCHEMA=\(path)"]) }
            return url
        }
        var candidates = [currentDirectory.appendingPathComponent("Schema")]
        if let executable {
            var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    candidates.append(directory.appendingPathComponent("Schema"))
                    break
                }
                directory.deleteLastPathComponent()
            }
        }
        candidates.append(compiledRepository.appendingPathComponent("Schema"))
        if let found = candidates.first(where: holdsMigrations) { return found }
        throw StorageError.schemaDirectoryNotFound(tried: candidates.map(\.path))
    }

    /// The repository root this file was compiled in: Sources/Storage/Migrations/ → root.
    private static var compiledRepository: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private static func holdsMigrations(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.contains { $0.hasSuffix(".sql") }
    }
}
