import Foundation

/// Keeps the results directory clean (see `sweep()`). Stateless: what is kept is decided by
/// the job rows.
struct ResultFileSweeper: Sendable {
    let queue: JobQueue

    /// Removes the files in the results directory that no running attempt is writing: unfinished
    /// output of dead or canceled attempts, rendered files a process killed right after
    /// committing its success left behind (the blob store has their bytes), files of jobs that no
    /// longer exist. Runs at `start()` and every
    /// `resultSweepInterval`; safe while jobs run (an attempt's files exist only while its job
    /// row says it runs). Names it does not recognise are left alone.
    ///
    /// - Returns: how many files it removed.
    @discardableResult
    func sweep() -> Int {
        let directory = queue.configuration.resultsDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        var jobs: [JobID: Job?] = [:]
        for name in names {
            guard let (id, attempt) = ResultFiles.owner(of: name) else { continue }
            if jobs[id] == nil { jobs[id] = .some(try? queue.job(id)) }
            let job = jobs[id] ?? nil
            guard !keeps(name, attempt: attempt, of: job, in: directory) else { continue }
            if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }

    /// Only the running attempt's own files stay: a succeeded job's result is a blob, so the
    /// directory only ever held its rendering.
    private func keeps(_ name: String, attempt: Int, of job: Job?, in directory: URL) -> Bool {
        guard let job else { return false }
        return job.status == .running && job.attempts == attempt
    }
}
