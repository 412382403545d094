import Foundation

/// Admission: size checks on what headers and probes report, before anything is decoded, and
/// the whole admission of one stylization (checks, then the frame reservation).
extension QuotaService {
    /// Refuses an image whose long side or pixel count exceeds the account's limits.
    ///
    /// - Throws: `QuotaError.planLimit` (`image_long_side`, then `image_pixels`; 422),
    ///   `.invalidMeasurement` for a non-positive side, `.unknownAccount`, `.storage`.
    public func checkImage(account: String, width: Int64, height: Int64) throws {
        try requirePositive(["width": width, "height": height])
        let limits = try limits(for: account)
        try refuse(limits, [(.imageLongSide, max(width, height)), (.imagePixels, product(width, height))])
    }

    /// Refuses a video whose frame count or long side exceeds the account's limits (from the
    /// container probe: a video's frame count is what it costs).
    ///
    /// - Throws: `QuotaError.planLimit` (`video_frames`, then `video_long_side`; 422),
    ///   `.invalidMeasurement`, `.unknownAccount`, `.storage`.
    public func checkVideo(account: String, frames: Int64, width: Int64, height: Int64) throws {
        try requirePositive(["frames": frames, "width": width, "height": height])
        let limits = try limits(for: account)
        try refuse(limits, [(.videoFrames, frames), (.videoLongSide, max(width, height))])
    }

    /// Refuses an upload of `bytes` (e.g. a declared `Content-Length`) over the account's limit.
    ///
    /// - Throws: `QuotaError.planLimit(.uploadBytes…)` (413), `.unknownAccount`, `.storage`.
    public func checkUpload(account: String, bytes: Int64) throws {
        try refuse(try limits(for: account), [(.uploadBytes, bytes)])
    }

    /// The account's upload limit in bytes, for capping a request body.
    public func uploadLimit(account: String) throws -> Int64 {
        try limits(for: account)[.uploadBytes]
    }

    /// A meter for a streamed body that refuses the moment the byte count passes the limit.
    ///
    /// - Parameter declaredLength: the `Content-Length`, if any; refused at once when over.
    public func uploadMeter(account: String, declaredLength: Int64? = nil) throws -> UploadMeter {
        let limits = try limits(for: account)
        if let declaredLength { try refuse(limits, [(.uploadBytes, declaredLength)]) }
        return UploadMeter(limits: limits, catalog: try catalog())
    }

    /// Refuses creating one more custom filter when the account owns `current` already.
    ///
    /// - Throws: `QuotaError.quotaExceeded(.customFilters…)` (402).
    public func checkCustomFilterCount(account: String, current: Int64) throws {
        try refuseAllowance(try limits(for: account), .customFilters, used: current, adding: 1)
    }

    /// Refuses storing `adding` more bytes when the account stores `current` already.
    ///
    /// - Throws: `QuotaError.quotaExceeded(.storedBytes…)` (402).
    public func checkStoredBytes(account: String, current: Int64, adding: Int64) throws {
        try refuseAllowance(try limits(for: account), .storedBytes, used: current, adding: adding)
    }

    /// How long the account's results are kept.
    public func retention(account: String) throws -> Int64 {
        try limits(for: account)[.retentionSeconds]
    }

    /// Throws `planLimit` for the first requirement over its limit, suggesting the smallest plan
    /// that allows all of them.
    func refuse(_ limits: EffectiveLimits, _ requirements: [(LimitName, Int64)]) throws {
        guard let index = requirements.firstIndex(where: { $0.1 > limits[$0.0] }) else { return }
        let (limit, requested) = requirements[index]
        var ordered = requirements
        ordered.swapAt(0, index)
        throw QuotaError.planLimit(
            limit: limit, allowed: limits[limit], requested: requested, plan: limits.plan,
            upgradeTo: try catalog().smallestPlan(allowing: ordered, excluding: limits.plan))
    }

    func refuseAllowance(_ limits: EffectiveLimits, _ limit: LimitName, used: Int64, adding: Int64) throws {
        let needed = sum(used, adding)
        guard needed > limits[limit] else { return }
        throw QuotaError.quotaExceeded(
            limit: limit, used: used, allowed: limits[limit], requested: adding, plan: limits.plan,
            upgradeTo: try catalog().smallestPlan(allowing: [(limit, needed)], excluding: limits.plan))
    }

    private func requirePositive(_ values: KeyValuePairs<String, Int64>) throws {
        for (name, value) in values where value <= 0 {
            throw QuotaError.invalidMeasurement(name: name, value: value)
        }
    }
}

/// The whole admission of one stylization in one call: size checks, then the frame reservation.
extension QuotaService {
    /// Admits an image (one frame): checks its size, then reserves its frame.
    ///
    /// - Throws: `planLimit` (422), `quotaExceeded` (402), `concurrencyLimit` (429), … as the
    ///   individual calls do; nothing is reserved when any check fails.
    public func admitImage(account: String, width: Int64, height: Int64, lease: TimeInterval) throws -> FrameReservation {
        try checkImage(account: account, width: width, height: height)
        return try reserveFrames(account: account, count: 1, lease: lease)
    }

    /// Admits a video: checks its frame count and size, then reserves all its frames.
    public func admitVideo(account: String, frames: Int64, width: Int64, height: Int64, lease: TimeInterval) throws -> FrameReservation {
        try checkVideo(account: account, frames: frames, width: width, height: height)
        return try reserveFrames(account: account, count: frames, lease: lease)
    }
}

/// Saturating arithmetic: a probe claiming absurd sizes must be refused, not crash the process.
func product(_ a: Int64, _ b: Int64) -> Int64 {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? .max : value
}

func sum(_ a: Int64, _ b: Int64) -> Int64 {
    let (value, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : value
}
