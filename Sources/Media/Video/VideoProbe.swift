import Foundation

/// Reads a video's size, length and codec from its container headers: what Quotas need to
/// admit or refuse an upload before a single frame is decoded.
public enum VideoProbe {
    /// - Throws: `MediaError.empty`, `.unreadableFile`, `.notAVideo`, `.noVideoStream`,
    ///   `.unsupportedFormat` (codec without a decoder), `.corruptVideo`.
    public static func probe(contentsOf url: URL) throws -> VideoInfo {
        try VideoDemuxer(url: url).info()
    }
}
