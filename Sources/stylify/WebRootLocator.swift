import Common
import Foundation

/// Finds the web app's folder when neither `--web-root` nor `STYLIFY_WEB_ROOT` names one, the way
/// the schema directory is found (`ResourceLocator`): `Web/` in the current directory, beside
/// the build's `Package.swift`, or in the repository the binary was compiled from. A folder
/// counts only when it holds `index.html`, so a stray `Web` directory never hides the app.
/// `nil` when none is found: the API still runs.
enum WebRootLocator {
    static let resource = ResourceLocator(folder: "Web") { url in
        FileManager.default.fileExists(atPath: url.appendingPathComponent("index.html").path)
    }

    static func locate() -> URL? {
        resource.locate()
    }
}
