import Glibc

/// Turns SIGTERM and SIGINT into a wake-up for the thread in `wait()` (the default action would
/// kill the process without letting in-flight requests finish).
///
/// A plain handler that writes one byte to a pipe, not a dispatch signal source: on Linux a source
/// reads a signalfd, which only sees the signal if the thread the kernel picks has it blocked, and
/// threads started earlier (OpenBLAS, libdispatch, the server's, webhooks') do not block it, so
/// with `SIG_IGN` the signal was sometimes dropped and `serve` never shut down. A handler runs on
/// whichever thread receives the signal. Install it before announcing the server, so a signal
/// sent as soon as the listening line appears is never the default (fatal) one.
public final class ShutdownSignals: Sendable {
    public init() {
        ShutdownPipe.openOnce()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in ShutdownPipe.notify() }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        for number in [SIGTERM, SIGINT] { sigaction(number, &action, nil) }
    }

    /// Blocks until a signal arrived since `init` (or returns at once if one did).
    func wait() { ShutdownPipe.waitForNotification() }

    /// Gives the signals their default meaning back.
    func restore() {
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
    }
}

/// The self-pipe the signal handler writes to. Only `write(2)` runs in the handler (it is
/// async-signal-safe); the descriptors are set before the handler is installed.
private enum ShutdownPipe {
    nonisolated(unsafe) static var readEnd: Int32 = -1
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    static func openOnce() {
        guard writeEnd < 0 else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        // A full pipe must never block the handler: a pending byte already means "shut down".
        _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    static func notify() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    static func waitForNotification() {
        var byte: UInt8 = 0
        while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
    }
}
