import CFFmpeg

/// How much FFmpeg itself prints to stderr. FFmpeg's log level is process-wide, so the
/// executable sets it once at start-up (a server wants `.error`; tests may want `.info`).
public enum VideoLogging {
    public enum Level: Int32, Sendable {
        case quiet = -8, error = 16, warning = 24, info = 32
    }

    public static func setLevel(_ level: Level) {
        av_log_set_level(level.rawValue)
    }
}
