import CFFmpeg
import Foundation

/// Reads what a video holds from its headers, for admission before any pixel is decoded.
public enum VideoProbe {
    /// Probes the file at `url`.
    ///
    /// - Parameters:
    ///   - maxPixels: refuse with `VideoError.tooLarge` when width × height exceeds it (checked
    ///     first, straight from the header).
    ///   - countPackets: when the container has no frame count (Matroska/WebM), read every video
    ///     packet, without decoding, to count exactly; otherwise estimate from duration × rate.
    /// - Throws: `VideoError` for missing, empty, unrecognised, unsupported, truncated or damaged files.
    public static func probe(contentsOf url: URL, maxPixels: Int? = nil, countPackets: Bool = true) throws -> VideoInfo {
        let input = try VideoInput(url: url)
        let stream = try input.videoStream(maxPixels: maxPixels)
        let parameters = stream.pointee.codecpar.pointee

        let timeBase = stream.pointee.time_base
        var frameCount = Int(stream.pointee.nb_frames)
        var frameCountSource = VideoInfo.FrameCountSource.containerIndex
        var scannedDuration: Double? = nil
        if frameCount <= 0, countPackets {
            let scan = try PacketScan(input: input, streamIndex: stream.pointee.index)
            frameCount = scan.packets
            frameCountSource = .packetCount
            scannedDuration = scan.duration(timeBase: timeBase)
        }

        let duration = Self.duration(stream: stream, context: input.context) ?? scannedDuration ?? 0
        var frameRate = VideoInput.headerFrameRate(of: stream)
        if frameRate == nil, frameCount > 0, duration > 0 {
            frameRate = Libav.rational(av_d2q(Double(frameCount) / duration, 100_000))
        }
        let rate = frameRate ?? VideoRational(0, 1)
        if frameCount <= 0 {
            frameCount = Int((duration * rate.doubleValue).rounded())
            frameCountSource = .estimate
        }

        let audio = input.audioStream()
        let audioDuration = audio.flatMap { stream -> Double? in
            let ticks = stream.pointee.duration
            return ticks > 0 && ticks != Libav.noPTS ? Double(ticks) * av_q2d(stream.pointee.time_base) : nil
        }
        let containerBitRate = Int(input.context.pointee.bit_rate)
        let bitRate = containerBitRate > 0
            ? containerBitRate
            : (duration > 0 ? Int(Double(input.fileSize * 8) / duration) : nil)
        return VideoInfo(
            container: input.containerName,
            videoCodec: Libav.codecName(parameters.codec_id),
            pixelFormat: av_get_pix_fmt_name(AVPixelFormat(parameters.format)).map { String(cString: $0) },
            width: Int(parameters.width), height: Int(parameters.height),
            rotation: VideoInput.rotation(of: stream),
            frameRate: rate,
            timeBase: Libav.rational(timeBase),
            duration: duration,
            frameCount: frameCount,
            frameCountSource: frameCountSource,
            audioCodec: audio.map { Libav.codecName($0.pointee.codecpar.pointee.codec_id) },
            audioDuration: audioDuration,
            bitRate: bitRate
        )
    }

    /// The stream's own duration, else the container's; nil when neither header says.
    private static func duration(stream: UnsafeMutablePointer<AVStream>,
                                 context: UnsafeMutablePointer<AVFormatContext>) -> Double? {
        let streamDuration = stream.pointee.duration
        if streamDuration > 0, streamDuration != Libav.noPTS {
            return Double(streamDuration) * av_q2d(stream.pointee.time_base)
        }
        let containerDuration = context.pointee.duration
        if containerDuration > 0, containerDuration != Libav.noPTS {
            return Double(containerDuration) / Double(AV_TIME_BASE)
        }
        return nil
    }
}
