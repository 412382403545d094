import Foundation

/// Names in the results directory: a job's result is `<id>-<attempt>.<ext>`, one name per attempt
/// so a stalled worker that lost its job can never delete or overwrite the result of the attempt
/// that replaced it; writers keep unfinished output in hidden `.<id>-<attempt>.<ext>.<uuid>.…`
/// files beside it, which a killed process leaves behind.
enum ResultFiles {
    static func result(of id: JobID, attempt: Int, format: OutputFormat, in directory: URL) -> URL {
        directory.appendingPathComponent("\(id.rawValue)-\(attempt).\(format.fileExtension)")
    }

    /// One rendered piece of a segmented video job (`<id>-<attempt>.piece<index>.mp4`), owned by
    /// the job's attempt like its result, so the sweeper treats both alike.
    static func piece(_ index: Int, of id: JobID, attempt: Int, in directory: URL) -> URL {
        directory.appendingPathComponent("\(id.rawValue)-\(attempt).piece\(index).mp4")
    }

    /// Removes what earlier attempts at `id` left: their unfinished files and any result.
    static func removeLeftovers(of id: JobID, before attempt: Int, in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let earlier = (1..<max(attempt, 1)).map { "\(id.rawValue)-\($0)." }
        for name in names where earlier.contains(where: { name.hasPrefix($0) || name.hasPrefix("." + $0) }) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// The job and attempt a results-directory name belongs to (`<id>-<attempt>.<ext>` or a
    /// hidden temporary `.<id>-<attempt>.<ext>.…`); nil for any other name.
    static func owner(of name: String) -> (id: JobID, attempt: Int)? {
        let visible = name.hasPrefix(".") ? name.dropFirst() : Substring(name)
        guard visible.hasPrefix(JobID.prefix), let dot = visible.firstIndex(of: "."),
              let dash = visible[..<dot].lastIndex(of: "-"),
              let attempt = Int(visible[visible.index(after: dash)..<dot]), attempt > 0
        else { return nil }
        return (JobID(rawValue: String(visible[..<dash])), attempt)
    }
}
