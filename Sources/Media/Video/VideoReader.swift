import CFFmpeg
import Foundation

/// Decodes a video's frames in order, as upright RGB images (display rotation applied),
/// optionally shrunk to a maximum side. One reader belongs to one task at a time.
public final class VideoReader {
    /// The header facts, as `VideoProbe` reports them.
    public let info: VideoInfo
    /// Size of the frames `nextFrame()` returns (after fitting and rotation).
    public let frameWidth: Int
    public let frameHeight: Int
    /// Frames returned so far.
    public private(set) var framesRead = 0

    private let demuxer: VideoDemuxer
    private var codec: UnsafeMutablePointer<AVCodecContext>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private let converter = FrameConverter()
    private let storedWidth: Int
    private let storedHeight: Int
    private var draining = false

    /// Opens `url` and checks the frame size against `limits` before decoding anything.
    ///
    /// - Parameter maxSide: when set, frames are shrunk so their longer side is at most this
    ///   (aspect kept, never upscaled).
    /// - Throws: the errors of `VideoProbe.probe(contentsOf:)`, `.tooManyPixels`/`.sideTooLong`.
    public init(contentsOf url: URL, limits: DecodeLimits = .default, maxSide: Int? = nil) throws {
        if let maxSide, maxSide <= 0 { throw MediaError.invalidDimensions(width: maxSide, height: maxSide) }
        demuxer = try VideoDemuxer(url: url)
        info = demuxer.info()
        try limits.check(width: info.width, height: info.height)
        (storedWidth, storedHeight) = Self.fit(width: info.width, height: info.height, maxSide: maxSide)
        (frameWidth, frameHeight) = info.rotation % 180 == 0 ? (storedWidth, storedHeight) : (storedHeight, storedWidth)

        codec = avcodec_alloc_context3(demuxer.decoder)
        packet = av_packet_alloc()
        frame = av_frame_alloc()
        guard let codec, packet != nil, frame != nil else { throw MediaError.conversionFailed("out of memory") }
        var status = avcodec_parameters_to_context(codec, demuxer.stream.pointee.codecpar)
        guard status >= 0 else { throw MediaError.corruptVideo(reason: Libav.describe(status)) }
        codec.pointee.max_pixels = Int64(limits.maxPixels)
        codec.pointee.thread_count = 1
        codec.pointee.pkt_timebase = demuxer.stream.pointee.time_base
        status = avcodec_open2(codec, demuxer.decoder, nil)
        guard status >= 0 else { throw MediaError.unsupportedFormat("video codec \(info.codec) (\(Libav.describe(status)))") }
    }

    deinit {
        av_frame_free(&frame)
        av_packet_free(&packet)
        avcodec_free_context(&codec)
    }

    /// The next frame, or nil after the last one.
    ///
    /// - Throws: `MediaError.corruptVideo` on undecodable data.
    public func nextFrame() throws -> RGBImage? {
        guard let codec, let packet, let frame else { return nil }
        while true {
            let received = avcodec_receive_frame(codec, frame)
            if received >= 0 {
                defer { av_frame_unref(frame) }
                framesRead += 1
                return try convert(frame)
            }
            if received == Libav.eof { return nil }
            guard received == Libav.eagain else { throw MediaError.corruptVideo(reason: Libav.describe(received)) }
            guard !draining else { return nil }
            let read = av_read_frame(demuxer.format, packet)
            if read < 0 {
                guard read == Libav.eof else { throw MediaError.corruptVideo(reason: Libav.describe(read)) }
                draining = true
                _ = avcodec_send_packet(codec, nil)
                continue
            }
            defer { av_packet_unref(packet) }
            guard packet.pointee.stream_index == demuxer.streamIndex else { continue }
            let sent = avcodec_send_packet(codec, packet)
            guard sent >= 0 || sent == Libav.eagain else { throw MediaError.corruptVideo(reason: Libav.describe(sent)) }
        }
    }

    private func convert(_ frame: UnsafeMutablePointer<AVFrame>) throws -> RGBImage {
        var (width, height) = (storedWidth, storedHeight)
        if Int(frame.pointee.width) != info.width || Int(frame.pointee.height) != info.height {
            // Resolution changed mid-stream: fit the new size the same way, keep going.
            (width, height) = Self.fit(width: Int(frame.pointee.width), height: Int(frame.pointee.height), maxSide: max(storedWidth, storedHeight))
        }
        let image = try converter.rgb(from: frame, width: width, height: height)
        switch info.rotation {
        case 90: return image.oriented(.right)
        case 180: return image.oriented(.down)
        case 270: return image.oriented(.left)
        default: return image
        }
    }

    /// `width` x `height` shrunk so the longer side is at most `maxSide` (never enlarged).
    static func fit(width: Int, height: Int, maxSide: Int?) -> (Int, Int) {
        guard let maxSide, max(width, height) > maxSide else { return (width, height) }
        let scale = Double(maxSide) / Double(max(width, height))
        return (max(1, min(maxSide, Int((Double(width) * scale).rounded()))), max(1, min(maxSide, Int((Double(height) * scale).rounded()))))
    }
}
