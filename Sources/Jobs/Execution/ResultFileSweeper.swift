import Foundation

/// Keeps the results directory clean (see `sweep()`). Stateless: what is kept is decided by
/// the job rows.
struct ResultFileSweeper: Sendable {
    let queue: JobQueue

    /// Removes the files in the results directory that no running attempt is writing and that
    /// are not a kept result: unfinished output of dead or canceled attempts, staged files a
    /// process killed right after committing its success left behind (the publisher has their
    /// bytes), files of jobs that no longer exist. Runs at `start()` and every
    /// `resultSweepInterval`; safe while jobs run (an attempt's files exist only while its job
    /// row says it runs, or as its kept result). Names it does not recognise are left alone.
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

    private func keeps(_ name: String, attempt: Int, of job: Job?, in directory: URL) -> Bool {
        guard let job else { return false }
        switch job.status {
        case .running:
            return job.attempts == attempt
        case .succeeded:
            // Without a publisher the file is the result itself.
            guard queue.configuration.resultPublisher == nil, job.result?.assetID == nil else { return false }
            return job.result?.file.lastPathComponent == name
        case .queued, .failed, .canceled:
            return false
        }
    }
}
