import Foundation
import Jobs
import Media
import Storage

/// Stylization results as assets of the account (`JobServiceConfiguration.resultPublisher`).
extension AssetService: ResultPublishing {
    /// Returns how to record a result the job service stored under `result.key` as an asset,
    /// expiring `finishedAt` + the plan's retention, inside the job's success transaction (after
    /// the job service recorded the blob). Results are not refused for stored bytes (the work is
    /// done and metered); they count towards the account's stored bytes like uploads.
    ///
    /// - Throws: `QuotaError`/`StorageError` reading the retention or probing a video.
    public func stage(_ result: JobResult, of job: Job, finishedAt: Date) throws -> StagedResult {
        let retention = try content.quotas.retention(account: job.account)
        let duration = job.kind == .video ? try duration(of: result.key) : nil
        let id = try AssetID.generate()
        let asset = Asset(
            id: id, accountID: job.account, kind: job.kind == .video ? .video : .image, mediaType: result.mediaType,
            name: "\(job.id.rawValue).\(job.options.format.fileExtension)", width: result.width, height: result.height,
            frames: result.frames, durationSeconds: duration, bytes: result.bytes, sha256: result.key.hex,
            createdAt: finishedAt, expiresAt: finishedAt.addingTimeInterval(TimeInterval(retention)),
            stylizationID: job.id.rawValue)
        return StagedResult { connection in
            try AssetRecords.insert(asset, in: connection)
            return id.rawValue
        }
    }

    /// A video result's duration from its header; nil when the probe cannot tell.
    private func duration(of key: BlobKey) throws -> Double? {
        try content.blobs.withLocalFile(key) { file in
            guard case .video(let video)? = try? MediaProbe.probe(contentsOf: file), video.duration.isFinite else { return nil }
            return video.duration
        }
    }
}
