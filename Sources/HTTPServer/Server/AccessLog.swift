import Glibc

/// One structured line per request on standard error (logfmt or JSON), or nothing at all.
public struct AccessLog: Sendable {
    public enum Format: Sendable {
        case logfmt
        case json
        case off
    }

    public var format: Format
    /// Where lines go; standard error by default.
    let fd: Int32

    public init(format: Format = .logfmt, fileDescriptor: Int32 = 2) {
        self.format = format
        fd = fileDescriptor
    }

    var isEnabled: Bool { format != .off }

    struct Entry {
        var method: String
        var path: String
        var status: Int
        var bytes: Int64
        var durationNanoseconds: UInt64
        var requestID: String
        var remote: String
    }

    func record(_ entry: Entry) {
        guard isEnabled else { return }
        let ms = Double(entry.durationNanoseconds) / 1_000_000
        let duration = String(Double(Int(ms * 1000)) / 1000)
        var fields: [(String, String, Bool)] = [
            ("ts", Self.timestamp(), true), ("level", "info", true), ("msg", "request", true),
            ("method", entry.method, true), ("path", entry.path, true), ("status", String(entry.status), false),
            ("bytes", String(entry.bytes), false), ("duration_ms", duration, false),
            ("request_id", entry.requestID, true), ("remote", entry.remote, true),
        ]
        if entry.status >= 500 { fields[1].1 = "error" }
        emit(fields)
    }

    /// A non-request event (a handler failure, start-up, shutdown).
    public func event(level: String, _ message: String, _ extra: [(String, String)] = []) {
        guard isEnabled else { return }
        emit([("ts", Self.timestamp(), true), ("level", level, true), ("msg", message, true)] + extra.map { ($0.0, $0.1, true) })
    }

    private func emit(_ fields: [(String, String, Bool)]) {
        var line = ""
        line.reserveCapacity(200)
        switch format {
        case .off:
            return
        case .logfmt:
            for (index, (key, value, _)) in fields.enumerated() {
                if index > 0 { line += " " }
                line += key
                line += "="
                line += Self.logfmtValue(value)
            }
        case .json:
            line = "{"
            for (index, (key, value, quoted)) in fields.enumerated() {
                if index > 0 { line += "," }
                line += "\"\(key)\":"
                line += quoted ? Self.jsonString(value) : value
            }
            line += "}"
        }
        line += "\n"
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    static func logfmtValue(_ value: String) -> String {
        guard value.isEmpty || value.utf8.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "\\") })
        else { return value }
        return jsonString(value)
    }

    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(parts.tm_year + 1900)-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))."
            + "\(pad(spec.tv_nsec / 1_000_000, 3))Z"
    }
}
