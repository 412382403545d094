import Foundation
import HTTPServer
import Storage

/// The last encoded `GET /v1/me` body per caller. Each request still builds its `MeResponse`
/// from current data (cached account and limits, this month's usage read fresh); only when that
/// value equals the caller's previous one are the previous bytes reused. Encoding is most of the
/// route's cost, and the answer rarely changes between two polls, so this never serves stale data.
struct MeResponseCache: Sendable {
    private struct Encoded {
        let response: MeResponse
        let body: [UInt8]
    }

    /// Far above the callers active in any minute; entries only save work, so losing them is harmless.
    private let entries = ExpiringCache<String, Encoded>(capacity: 20_000)
    private static let lifetime: TimeInterval = 60

    /// `response` as JSON, reusing the bytes of `caller`'s previous answer when it is the same.
    func body(for response: MeResponse, caller: String, now: Date = Date()) -> Response {
        if let previous = entries.value(for: caller, now: now), previous.response == response {
            return .jsonBytes(previous.body)
        }
        let generation = entries.currentGeneration
        let fresh = Response.json(response)
        if fresh.status == .ok, case .bytes(let body) = fresh.body {
            entries.store(Encoded(response: response, body: body), for: caller,
                          validUntil: now.addingTimeInterval(Self.lifetime), ifGeneration: generation, now: now)
        }
        return fresh
    }
}
