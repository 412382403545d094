import CBLAS
import Dispatch
import Foundation

/// How much parallelism the engine uses. All parallel work, GEMMs included, is split over
/// `threads` chunks with `DispatchQueue.concurrentPerform`; OpenBLAS itself runs single-threaded
/// inside each chunk. (Measured: with OpenBLAS's own threads, its idle workers spin in
/// `sched_yield` for a long while after each GEMM and compete with the direct kernels that follow,
/// a quarter of the CPU time at 2048² on two cores.) `blasThreaded` restores OpenBLAS's
/// threading for comparison (`--blas-threading`, `STYLIFY_BLAS_THREADS=1` on the command line).
public struct ComputeContext: Sendable {
    /// Worker threads for both BLAS and the direct kernels.
    public let threads: Int
    /// When set, caps the size of the row bands that full-resolution layers run in (bytes).
    /// Smaller bands use less memory and more halo bookkeeping; the results are identical.
    public let bandBudgetBytes: Int?
    /// Recycles large feature-map buffers between layers and calls.
    public let pool: BufferPool
    /// Whether GEMMs use OpenBLAS's threads instead of being partitioned over ours.
    let blasThreaded: Bool
    /// The running call's cancellation check (see `StyleTransferModel.stylize`); nil: never stop.
    private(set) var shouldStop: (@Sendable () -> Bool)?

    /// - Parameters:
    ///   - threads: default: the active processor count (the command line's `--threads`,
    ///     `STYLIFY_THREADS`).
    ///   - blasThreaded: let OpenBLAS run its own threads inside GEMMs instead of splitting them
    ///     over ours.
    public init(threads: Int? = nil, blasThreaded: Bool = false, bandBudgetBytes: Int? = nil, pool: BufferPool = BufferPool()) {
        self.bandBudgetBytes = bandBudgetBytes
        self.pool = pool
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        self.blasThreaded = blasThreaded
        // OpenBLAS's thread count is process-wide; setting it is cheap and idempotent.
        openblas_set_num_threads(blasThreaded ? Int32(self.threads) : 1)
    }

    /// Splits `0..<total` into at most `threads` contiguous ranges and runs them in parallel.
    func parallelRanges(_ total: Int, minimumChunk: Int = 1, _ body: @Sendable (Range<Int>) -> Void) {
        let chunks = max(1, min(threads, total / max(1, minimumChunk)))
        if chunks == 1 {
            if total > 0 { body(0..<total) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = total * chunk / chunks
            let end = total * (chunk + 1) / chunks
            if start < end { body(start..<end) }
        }
    }
}

extension ComputeContext {
    /// This context for one call that may be stopped by `check`.
    func stopping(when check: (@Sendable () -> Bool)?) -> ComputeContext {
        var copy = self
        copy.shouldStop = check
        return copy
    }

    /// Whether the call should stop: loops over bands and tile steps end early when it is true,
    /// leaving garbage that `throwIfStopped()` keeps from ever being returned.
    var isStopping: Bool {
        shouldStop?() ?? false
    }

    /// - Throws: `InferenceError.canceled` when the call should stop.
    func throwIfStopped() throws {
        if isStopping { throw InferenceError.canceled }
    }

    /// The kernel family OpenBLAS chose for this CPU (e.g. "Haswell", "Zen", "Cooperlake");
    /// `OPENBLAS_CORETYPE` in the environment at start-up overrides its choice.
    public static var blasCoreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
