import CFFmpeg
import Foundation

/// Pushes RGB24 frames into an H.264 MP4 (faststart, yuv420p), keeping each frame's own
/// timestamp (so variable frame rate survives) and carrying the source's audio alongside
/// (copied when playable in MP4, else re-encoded to AAC).
///
/// The file appears under `url` only when `finish()` succeeds; until then it is a hidden
/// temporary file next to it, deleted if the encoder is cancelled, fails or is dropped.
/// Meant to be owned by one thread of a pipeline; calls are serialised by a lock.
public final class VideoEncoder: @unchecked Sendable {
    /// Where the finished MP4 will be.
    public let url: URL
    /// Every frame must be exactly this size (even in both directions for yuv420p).
    public let size: VideoFrameSize
    /// The encoder in use: `libx264` normally; another H.264 encoder or `mpeg4` as fallback.
    public let codecName: String
    /// What happens to the source's audio.
    public let audio: VideoAudioOutcome

    private let lock = NSLock()
    private let frameRate: VideoRational
    private let timeBase: VideoRational
    private var output: VideoOutputFile?
    private var video: H264StreamEncoder?
    private var audioTrack: AudioTrackWriter?
    private var lastPTS: Int64? = nil
    private var lastTime: Double = 0
    private var framesIn = 0

    /// Opens the output.
    ///
    /// - Parameters:
    ///   - frameRate: the source's (average) rate, recorded in the stream header.
    ///   - timeBase: units for timestamps; pass the decoder's `timeBase` so source timestamps map
    ///     exactly. Defaults to 1/90000 s.
    ///   - audioFrom: a video or audio file (MP4/MOV/MKV/WebM) whose main audio stream is copied.
    public init(url: URL, width: Int, height: Int, frameRate: VideoRational,
                timeBase: VideoRational? = nil, audioFrom: URL? = nil,
                settings: Settings = Settings()) throws {
        let needsEven = settings.chroma == .yuv420
        guard width >= 2, height >= 2, !needsEven || (width % 2 == 0 && height % 2 == 0) else {
            throw VideoError.invalidParameter("frame size must be even and at least 2x2 for yuv420p, got \(width)x\(height)")
        }
        guard frameRate.isPositive else {
            throw VideoError.invalidParameter("frame rate must be positive, got \(frameRate)")
        }
        let timeBase = timeBase ?? VideoRational(1, 90_000)
        guard timeBase.isPositive, timeBase.denominator <= Int(Int32.max), timeBase.numerator <= Int(Int32.max) else {
            throw VideoError.invalidParameter("time base must be positive, got \(timeBase)")
        }
        guard [0, 90, 180, 270].contains(settings.rotation), settings.rotation == 0 || settings.container == .mp4 else {
            throw VideoError.invalidParameter("rotation must be 0, 90, 180 or 270 (and needs MP4), got \(settings.rotation)")
        }
        self.url = url
        self.size = VideoFrameSize(width: width, height: height)
        self.frameRate = frameRate
        self.timeBase = timeBase

        let output = try VideoOutputFile(url: url, container: settings.container)
        let video = try H264StreamEncoder(output: output, width: width, height: height,
                                          frameRate: frameRate, timeBase: timeBase, settings: settings)
        var track: AudioTrackWriter? = nil
        var outcome = VideoAudioOutcome.notRequested
        if let audioFrom { (track, outcome) = try AudioTrack.make(source: audioFrom, output: output, handling: settings.audio) }
        try output.start(faststart: settings.faststart)
        self.output = output
        self.video = video
        self.audioTrack = track
        self.codecName = video.codecName
        self.audio = outcome
    }

    /// Frames accepted so far.
    public var framesEncoded: Int {
        lock.lock()
        defer { lock.unlock() }
        return framesIn
    }

    /// Encodes one frame at `frame.time` (seconds, on the source's clock).
    ///
    /// - Throws: `VideoError.frameSizeMismatch`, `.nonIncreasingTimestamp` or `.invalidParameter`
    ///   for a frame that cannot be used (the encoder stays usable); `.encoderClosed` after
    ///   `finish`; `.libav` / `.audioCopyFailed` (or `MediaError.conversionFailed` from the colour
    ///   conversion) when writing fails, and the encoder is then closed.
    public func encode(_ frame: VideoFrame) throws {
        lock.lock()
        defer { lock.unlock() }
        guard let output, let video else { throw VideoError.encoderClosed }
        guard frame.size == size else { throw VideoError.frameSizeMismatch(expected: size, got: frame.size) }
        guard frame.time.isFinite else { throw VideoError.invalidParameter("frame time must be finite") }
        let pts = Int64((frame.time * Double(timeBase.denominator) / Double(timeBase.numerator)).rounded())
        if let lastPTS, pts <= lastPTS {
            throw VideoError.nonIncreasingTimestamp(previous: lastTime, got: frame.time)
        }
        do {
            try video.encode(frame.image, pts: pts, into: output)
            try audioTrack?.write(before: frame.time, into: output)
        } catch {
            close()
            throw error
        }
        lastPTS = pts
        lastTime = frame.time
        framesIn += 1
    }

    /// Flushes the encoder, copies the rest of the audio (up to the end of the last frame),
    /// writes the index and moves the file to `url`. The encoder is closed afterwards.
    public func finish() throws {
        lock.lock()
        defer { lock.unlock() }
        guard let output, let video else { throw VideoError.encoderClosed }
        defer { close() }
        guard framesIn > 0 else { throw VideoError.invalidParameter("no frames were encoded") }
        try video.flush(into: output)
        // Audio is cut where the picture ends, so a shortened video (plan frame limit) is not
        // followed by a black tail of sound.
        try audioTrack?.finish(before: lastTime + 1 / frameRate.doubleValue, into: output)
        try output.commit()
    }

    /// Abandons the output: nothing appears at `url` and the temporary file is removed.
    public func cancel() {
        lock.lock()
        defer { lock.unlock() }
        close()
    }

    /// Releases every libav resource (their owners' deinits free them and delete the temp file).
    private func close() {
        audioTrack = nil
        video = nil
        output = nil
    }
}
