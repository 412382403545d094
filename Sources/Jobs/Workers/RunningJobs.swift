import Common
import Foundation

/// The jobs this process is running right now, by id: what the heartbeat reports, what a cancel
/// or a shutdown interrupts. Its lock guards the table alone.
final class RunningJobs: Sendable {
    private let controls = Locked<[JobID: RunControl]>([:])

    /// Adds a job a worker just claimed.
    func add(_ control: RunControl) {
        controls.withLock { $0[control.id] = control }
    }

    /// Removes a job whose run ended.
    func remove(_ id: JobID) {
        _ = controls.withLock { $0.removeValue(forKey: id) }
    }

    /// The running job's control, if it runs here.
    func control(of id: JobID) -> RunControl? {
        controls.withLock { $0[id] }
    }

    var all: [RunControl] {
        controls.withLock { Array($0.values) }
    }

    var count: Int {
        controls.withLock { $0.count }
    }

    /// Asks every running job to stop.
    func interruptAll(_ reason: Interruption) {
        for control in all { control.interrupt(reason) }
    }
}
