import Foundation
import Glibc

/// Figures about the server process itself: when it started, which build it runs, and how
/// much memory it holds.
public struct ProcessMetrics: Sendable {
    /// The build's version, the `version` label of `stylify_build_info`.
    public let version: String
    /// Unix time of the process start, in seconds.
    public let startTime: Double

    /// - Parameter startTime: defaults to the kernel's record of the process start.
    public init(version: String, startTime: Double? = nil) {
        self.version = version
        self.startTime = startTime ?? Self.processStartTime() ?? Date().timeIntervalSince1970
    }

    public var collector: MetricsCollector {
        MetricsCollector("process") { [self] in families() }
    }

    public func families() -> [MetricFamily] {
        var families = [
            MetricFamily(
                name: "stylify_process_start_time_seconds", help: "Start time of the process since the Unix epoch, in seconds.",
                kind: .gauge, samples: [MetricSample(startTime)]),
            MetricFamily(
                name: "stylify_build_info", help: "Always 1; the version label names the running build.",
                kind: .gauge, samples: [MetricSample(labels: [("version", version)], 1)]),
        ]
        if let resident = Self.residentBytes() {
            families.append(MetricFamily(
                name: "stylify_process_resident_memory_bytes", help: "Resident memory of the process, in bytes.",
                kind: .gauge, samples: [MetricSample(Double(resident))]))
        }
        return families
    }

    /// Resident set size from `/proc/self/statm` (pages × page size); nil where there is no procfs.
    static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }

    /// Boot time (`btime` of `/proc/stat`) plus the process' start in clock ticks since boot
    /// (field 22 of `/proc/self/stat`).
    static func processStartTime() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"),
            let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
            let boot = Double(bootLine.dropFirst("btime ".count).trimmingCharacters(in: .whitespaces))
        else { return nil }
        // Fields after the command name start at field 3; starttime is field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        return boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
