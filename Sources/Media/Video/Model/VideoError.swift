/// Everything that can go wrong probing, decoding or encoding video, with what a user needs to know.
///
/// `VideoProbe`, `VideoDecoder` and `VideoEncoder` throw these; images have `MediaError`. The few
/// situations both can meet (missing or empty file, unrecognised bytes) get a case in each, so
/// a caller handles one type per operation; only a failed colour conversion, shared with
/// images, surfaces as `MediaError.conversionFailed`.
public enum VideoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at this path.
    case fileNotFound(path: String)
    /// The file exists but has no bytes.
    case emptyFile
    /// The bytes are not any media container we can recognise.
    case unrecognizedFormat
    /// A real container, but not one we accept (we take MP4/MOV and Matroska/WebM). Carries the
    /// demuxer name FFmpeg detected, e.g. `jpeg_pipe`.
    case unsupportedContainer(String)
    /// The container has no video stream (an audio-only file, for example).
    case noVideoStream
    /// The container header is damaged or missing (e.g. an MP4 cut off before its `moov` atom).
    case corruptHeader(container: String, detail: String)
    /// The header promises more data than the file holds: an incomplete upload or copy.
    case truncated(expectedBytes: Int, actualBytes: Int)
    /// The frame is larger than the caller's limit; found before any decoding.
    case tooLarge(width: Int, height: Int, maxPixels: Int)
    /// A video codec we do not decode (exotic, or no decoder in this build).
    case unsupportedCodec(String)
    /// A packet in the middle of the stream could not be read or decoded.
    case corruptStream(frameIndex: Int, detail: String)
    /// An encoder was given a frame of a different size than it was opened with.
    case frameSizeMismatch(expected: VideoFrameSize, got: VideoFrameSize)
    /// Frames must be pushed in strictly increasing presentation time.
    case nonIncreasingTimestamp(previous: Double, got: Double)
    /// A parameter that cannot produce a valid stream (odd size, zero frame rate, ...).
    case invalidParameter(String)
    /// No H.264 (or fallback) encoder is available in this FFmpeg build.
    case encoderUnavailable
    /// The source's audio could not be read while copying it into the output.
    case audioCopyFailed(detail: String)
    /// `encode` or `finish` called after `finish` (or after a failure that closed the encoder).
    case encoderClosed
    /// Any other libav* failure: the operation, FFmpeg's error code and its message.
    case libav(operation: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): return "no file at \(path)"
        case .emptyFile: return "the file is empty"
        case .unrecognizedFormat: return "not a recognisable video file"
        case .unsupportedContainer(let name):
            return "unsupported container '\(name)'; accepted: MP4, MOV, WebM, MKV"
        case .noVideoStream: return "the file contains no video stream"
        case .corruptHeader(let container, let detail):
            return "damaged or incomplete \(container) header: \(detail)"
        case .truncated(let expected, let actual):
            return "the file is truncated: its index needs \(expected) bytes but it has \(actual)"
        case .tooLarge(let width, let height, let maxPixels):
            return "video frames are \(width)x\(height), more than the limit of \(maxPixels) pixels"
        case .unsupportedCodec(let name): return "video codec '\(name)' is not supported (use H.264, HEVC, VP8, VP9, AV1, MPEG-4, MJPEG or ProRes)"
        case .corruptStream(let index, let detail): return "corrupt video data at frame \(index): \(detail)"
        case .frameSizeMismatch(let expected, let got):
            return "frame is \(got) but the encoder was opened for \(expected)"
        case .nonIncreasingTimestamp(let previous, let got):
            return "frame time \(got)s does not come after the previous frame's \(previous)s"
        case .invalidParameter(let detail): return "invalid video parameter: \(detail)"
        case .encoderUnavailable: return "no H.264 or MPEG-4 encoder is available"
        case .audioCopyFailed(let detail): return "copying the source audio failed: \(detail)"
        case .encoderClosed: return "the encoder is already finished or failed"
        case .libav(let operation, let code, let message): return "\(operation) failed (\(code)): \(message)"
        }
    }
}
