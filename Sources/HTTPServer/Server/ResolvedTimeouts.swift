/// The configured timeouts in monotonic nanoseconds.
struct ResolvedTimeouts {
    let header: UInt64
    let idle: UInt64
    let minBodyBytesPerSecond: UInt64
    let bodyGrace: UInt64
    let bodyStall: UInt64
    let write: UInt64
    let linger: UInt64

    init(_ timeouts: ServerConfiguration.Timeouts) {
        header = MonotonicClock.nanoseconds(timeouts.header)
        idle = MonotonicClock.nanoseconds(timeouts.idle)
        minBodyBytesPerSecond = UInt64(max(0, timeouts.minBodyBytesPerSecond))
        bodyGrace = MonotonicClock.nanoseconds(timeouts.bodyGracePeriod)
        bodyStall = MonotonicClock.nanoseconds(timeouts.bodyStall)
        write = MonotonicClock.nanoseconds(timeouts.write)
        linger = MonotonicClock.nanoseconds(timeouts.linger)
    }

    var shortest: UInt64 { [header, idle, bodyGrace, bodyStall, write, linger].min() ?? 1_000_000_000 }
}
