import Foundation

/// Finds the web app's folder when neither `--web-root` nor `STYLIFY_WEB_ROOT` names one, the way
/// the schema directory is found: `Web/` in the current directory, then `Web/` beside a
/// `Package.swift` in a parent of the executable (`.build/debug|release/stylify`), then the
/// repository this file was compiled in. A folder counts only when it holds `index.html`, so a
/// stray `Web` directory never hides the app. `nil` when none is found: the API still runs.
enum WebRootLocator {
    static func locate(
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) -> URL? {
        var candidates = [currentDirectory.appendingPathComponent("Web")]
        if let executable {
            var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    candidates.append(directory.appendingPathComponent("Web"))
                    break
                }
                directory.deleteLastPathComponent()
            }
        }
        // Sources/stylify/WebRootLocator.swift → the repository root.
        let compiledRepository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(compiledRepository.appendingPathComponent("Web"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("index.html").path) }
    }
}
