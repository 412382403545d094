import Foundation
import Jobs
import Media
import Storage

/// Stylization results as assets of the account (`JobServiceConfiguration.resultPublisher`).
extension AssetService: ResultPublishing {
    /// Adopts the result file into the blob store (a hard link: no copy) and returns how to record
    /// it as an asset, expiring `finishedAt` + the plan's retention, inside the job's success
    /// transaction. Results are not refused for stored bytes (the work is done and metered); they
    /// count towards the account's stored bytes like uploads.
    ///
    /// - Throws: `StorageError` (blob store), `QuotaError`/`StorageError` reading the retention.
    public func stage(_ result: JobResult, of job: Job, finishedAt: Date) throws -> StagedResult {
        let retention = try content.quotas.retention(account: job.account)
        let duration = job.kind == .video ? Self.duration(of: result.file) : nil
        let blob = try content.blobs.put(adoptingFileAt: result.file)
        let file = (try? content.blobs.fileURL(for: blob.key)) ?? result.file
        let id = try AssetID.generate()
        let asset = Asset(
            id: id, accountID: job.account, kind: job.kind == .video ? .video : .image, mediaType: result.mediaType,
            name: "\(job.id.rawValue).\(job.options.format.fileExtension)", width: result.width, height: result.height,
            frames: result.frames, durationSeconds: duration, bytes: blob.size, sha256: blob.key.hex,
            createdAt: finishedAt, expiresAt: finishedAt.addingTimeInterval(TimeInterval(retention)),
            stylizationID: job.id.rawValue)
        return StagedResult(
            file: file,
            record: { [content] connection in
                try content.registry.record(blob, in: connection, now: finishedAt)
                try AssetRecords.insert(asset, in: connection)
                return id.rawValue
            },
            discard: { [content] in content.removeUnrecorded([blob]) })
    }

    /// A video result's duration from its header; nil when the probe cannot tell.
    private static func duration(of file: URL) -> Double? {
        guard case .video(let video)? = try? MediaProbe.probe(contentsOf: file), video.duration.isFinite else { return nil }
        return video.duration
    }
}
