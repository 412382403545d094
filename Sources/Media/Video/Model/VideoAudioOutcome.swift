/// What `VideoEncoder` did with the source's audio.
public enum VideoAudioOutcome: Sendable, Equatable, CustomStringConvertible {
    /// No audio source was given.
    case notRequested
    /// The source has no audio stream; the result is silent.
    case sourceHasNoAudio
    /// The audio packets were copied unchanged (no quality loss, no re-encoding).
    case copied(codec: String)
    /// The audio was decoded and re-encoded (to AAC), because the output cannot carry the
    /// source codec playably or the settings asked for it.
    case transcoded(from: String, to: String)
    /// The audio codec cannot be stored playably and re-encoding was not allowed: silent result.
    case skipped(codec: String, reason: String)

    public var description: String {
        switch self {
        case .notRequested: return "no audio requested"
        case .sourceHasNoAudio: return "source has no audio"
        case .copied(let codec): return "audio copied (\(codec))"
        case .transcoded(let from, let to): return "audio re-encoded (\(from) → \(to))"
        case .skipped(let codec, let reason): return "audio skipped (\(codec)): \(reason)"
        }
    }
}
