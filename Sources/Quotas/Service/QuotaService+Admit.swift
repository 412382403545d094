import Foundation

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
