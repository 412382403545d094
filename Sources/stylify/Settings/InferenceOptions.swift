import ArgumentParser
import Inference

/// `--threads` and `--blas-threading`, for every command that runs the network.
struct InferenceOptions: ParsableArguments {
    @Option(help: SettingKey.threads.help)
    var threads: Int?

    @Flag(help: SettingKey.blasThreading.help)
    var blasThreading = false

    /// The resolved settings (flags, else `STYLIFY_THREADS` / `STYLIFY_BLAS_THREADS`).
    func settings(_ reader: SettingsReader) throws -> InferenceSettings {
        InferenceSettings(threads: try reader.integer(threads, .threads), blasThreading: try reader.isOn(blasThreading, .blasThreading))
    }
}

/// How the inference engine uses the CPU, resolved once by the command and handed down.
struct InferenceSettings: Sendable, Equatable {
    /// Threads per inference; nil: one per core.
    var threads: Int?
    /// OpenBLAS's own threads inside GEMMs instead of ours.
    var blasThreading = false

    /// The engine's context for these settings (one per process: its buffer pool is shared).
    func context() -> ComputeContext {
        ComputeContext(threads: threads, blasThreaded: blasThreading)
    }
}
