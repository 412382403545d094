import Foundation

extension StatsReport {
    /// The report for a person: a few short sections of aligned tables.
    func printTables() {
        var heading = "server \(server)"
        if let version { heading += "  version \(version)" }
        if let startTime { heading += "  up \(Self.duration(Date().timeIntervalSince(startTime)))" }
        if let residentMemoryBytes { heading += "  resident \(residentMemoryBytes / (1 << 20)) MiB" }
        print(heading)
        if !failedCollectors.isEmpty { print("failed collectors: \(failedCollectors.joined(separator: ", "))") }

        print("\nrequests")
        AdminOutput.table(["METHOD", "ROUTE", "STATUS", "COUNT", "P50", "P99"], requests.map {
            [$0.method, $0.route, String($0.status), String($0.count), Self.milliseconds($0.p50Seconds), Self.milliseconds($0.p99Seconds)]
        })

        print("\ninference")
        AdminOutput.table(["MODEL", "SECONDS", "MEGAPIXELS", "S/MP"], inference.map {
            [$0.model, Self.decimal($0.seconds), Self.decimal($0.megapixels), $0.secondsPerMegapixel.map(Self.decimal) ?? "-"]
        })

        print("\njobs")
        var rows: [[String]] = [
            ["queue depth", jobs.queueDepth.map(String.init) ?? "-"],
            ["running here", jobs.runningHere.map(String.init) ?? "-"],
        ]
        rows += jobs.byState.sorted { $0.key < $1.key }.map { ["state \($0.key)", String($0.value)] }
        let mean = jobs.latencyRollingMeanSeconds.map { "\(Self.decimal($0)) s" } ?? "-"
        rows.append(["rolling mean latency", "\(mean) over \(jobs.latencySamples ?? 0) jobs"])
        AdminOutput.table(["FIGURE", "VALUE"], rows)

        if let webhookDeliveries {
            print("\nwebhook deliveries")
            AdminOutput.table(["STATUS", "COUNT"], webhookDeliveries.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] })
        }
        if let webhookDeliveryAttempts {
            print("\nwebhook delivery attempts")
            AdminOutput.table(["OUTCOME", "COUNT"], webhookDeliveryAttempts.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] })
        }
    }

    static func milliseconds(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        return String(format: "%.1f ms", seconds * 1000)
    }

    static func decimal(_ value: Double) -> String {
        String(format: value >= 100 ? "%.1f" : "%.3f", value)
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(total % 60)s" }
        return "\(total / 3600)h\((total % 3600) / 60)m"
    }
}
