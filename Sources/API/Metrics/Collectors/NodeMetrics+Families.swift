import Jobs

extension MetricsCollector {
    /// This process's role and the live nodes of the deployment from the shared `nodes` table
    /// (one database read per scrape): an API node's operators see whether workers are there.
    public static func nodes(_ registry: NodeRegistry) -> MetricsCollector {
        MetricsCollector("nodes") {
            let live = try registry.liveNodes()
            return [
                MetricFamily(
                    name: "stylify_node_info", help: "This process: its role in the deployment and its node id.", kind: .gauge,
                    samples: [MetricSample(labels: [("role", registry.this.role.rawValue), ("node", registry.this.id)], 1)]),
                MetricFamily(
                    name: "stylify_live_nodes", help: "Serving processes with a recent heartbeat in the shared database, by role.",
                    kind: .gauge,
                    samples: NodeRole.allCases.map { role in
                        MetricSample(labels: [("role", role.rawValue)], Double(live.filter { $0.role == role }.count))
                    }),
                MetricFamily(
                    name: "stylify_live_job_workers", help: "Job worker threads of the live nodes that run jobs.", kind: .gauge,
                    samples: [MetricSample(labels: [], Double(live.reduce(0) { $0 + $1.jobWorkers }))]),
            ]
        }
    }
}
