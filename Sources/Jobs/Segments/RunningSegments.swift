import Common

/// The segments this process's workers render right now, by claim token: what the keeper's
/// heartbeat reports and a shutdown interrupts. Its lock guards the table alone.
final class RunningSegments: Sendable {
    private let claims = Locked<[String: SegmentClaim]>([:])

    func add(_ claim: SegmentClaim) {
        claims.withLock { $0[claim.token] = claim }
    }

    func remove(_ claim: SegmentClaim) {
        _ = claims.withLock { $0.removeValue(forKey: claim.token) }
    }

    var all: [SegmentClaim] {
        claims.withLock { Array($0.values) }
    }

    func interruptAll(_ reason: Interruption) {
        for claim in all { claim.control.interrupt(reason) }
    }
}
