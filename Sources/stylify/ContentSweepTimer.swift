import Dispatch
import Filters

/// Runs `ContentSweeper` at start-up and then every `interval` on a background queue, for as long
/// as this value lives. A failed sweep is logged and retried at the next tick.
final class ContentSweepTimer {
    private let timer: any DispatchSourceTimer

    init(sweeper: ContentSweeper, interval: DispatchTimeInterval, log: @escaping @Sendable (String) -> Void) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "stylify.content-sweep", qos: .utility))
        timer.schedule(deadline: .now(), repeating: interval)
        timer.setEventHandler {
            do {
                let report = try sweeper.sweep()
                log("level=info msg=\"content sweep\" assets=\(report.assets) filters=\(report.filters) expired_pins=\(report.expiredPins)")
            } catch {
                log("level=error msg=\"content sweep failed\" error=\"\(error)\"")
            }
        }
        timer.resume()
        self.timer = timer
    }

    deinit {
        timer.cancel()
    }
}
