import Common
import Foundation

/// Finds the directory of migration files at run time.
///
/// Order: the explicit directory (`--schema-dir` or `STYLIFY_SCHEMA`, resolved by the caller),
/// then what `ResourceLocator` finds: `Schema/` in the current directory, beside a
/// `Package.swift` in a parent of the executable, or in the repository the program was compiled
/// from. An explicit path that is not a directory of migrations is an error, not skipped.
public enum SchemaLocator {
    static let resource = ResourceLocator(folder: "Schema") { url in
        ResourceLocator.isDirectory(url) { $0.hasSuffix(".sql") }
    }

    public static func locate(
        explicit: URL?,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) throws -> URL {
        if let explicit {
            guard resource.accepts(explicit) else { throw StorageError.schemaDirectoryNotFound(tried: [explicit.path]) }
            return explicit
        }
        if let found = resource.locate(currentDirectory: currentDirectory, executable: executable) { return found }
        throw StorageError.schemaDirectoryNotFound(
            tried: resource.candidates(currentDirectory: currentDirectory, executable: executable).map(\.path))
    }
}
