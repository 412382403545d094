import CFFmpeg

/// How much libav* (FFmpeg) writes to standard error. Its logging is process-wide, so the
/// executable chooses once at start-up; a server with structured logs wants `.error` or
/// `.quiet` (the default is `.info`, which prints an x264 banner per encoded video).
public enum LibavLogLevel: Sendable {
    case quiet, error, warning, info

    var rawValue: Int32 {
        switch self {
        case .quiet: AV_LOG_QUIET
        case .error: AV_LOG_ERROR
        case .warning: AV_LOG_WARNING
        case .info: AV_LOG_INFO
        }
    }
}

extension LibavLogLevel {
    /// Sets libav*'s process-wide log level.
    public func apply() {
        av_log_set_level(rawValue)
    }
}
