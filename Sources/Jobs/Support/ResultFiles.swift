import Foundation

/// Names in the results directory: a job's result is `<id>.<ext>`; writers keep their unfinished
/// output in hidden `.<id>.<ext>.<uuid>.…` files beside it, which a killed process leaves behind.
enum ResultFiles {
    static func result(of id: JobID, format: OutputFormat, in directory: URL) -> URL {
        directory.appendingPathComponent("\(id.rawValue).\(format.fileExtension)")
    }

    /// Removes what an earlier attempt at `id` left: its unfinished files and any result of it.
    static func removeLeftovers(of id: JobID, in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".\(id.rawValue).") || name.hasPrefix("\(id.rawValue).") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
