import Foundation
import CFFmpeg

/// Puts the source's audio into the output in step with the video: as it is (`AudioStreamCopier`)
/// or re-encoded to AAC (`AudioAACTranscoder`).
protocol AudioTrackWriter: AnyObject {
    /// Writes the source audio that starts before `seconds` (source clock).
    func write(before seconds: Double, into output: VideoOutputFile) throws
    /// Writes the rest of the audio that starts before `cutoff` and flushes any codec.
    func finish(before cutoff: Double, into output: VideoOutputFile) throws
}

/// Chooses how the source's audio goes into the output.
enum AudioTrack {
    /// Adds an audio stream to `output` for `source`'s main audio, copied when the output can
    /// carry it playably, else re-encoded to AAC (as `handling` allows); nil and why when none.
    static func make(source: URL, output: VideoOutputFile,
                     handling: VideoEncoder.Settings.AudioHandling) throws -> (AudioTrackWriter?, VideoAudioOutcome) {
        let input = try VideoInput(url: source)
        guard let stream = input.audioStream() else { return (nil, .sourceHasNoAudio) }
        let codec = stream.pointee.codecpar.pointee.codec_id
        let name = Libav.codecName(codec)
        let reader = try AudioPacketReader(input: input, stream: stream)
        let copyable = AudioStreamCopier.canCopy(codec, into: output)
        switch handling {
        case .copyOrTranscode where copyable, .copyOnly where copyable:
            return (try AudioStreamCopier(reader: reader, output: output), .copied(codec: name))
        case .copyOnly:
            return (nil, .skipped(codec: name, reason: "\(output.container.rawValue) players cannot play \(name) audio as is"))
        case .copyOrTranscode, .transcode:
            return (try AudioAACTranscoder(reader: reader, output: output), .transcoded(from: name, to: "aac"))
        }
    }
}
