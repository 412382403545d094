import ArgumentParser
import CCPUFeatures
import Foundation

@main
struct Stylify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stylify",
        abstract: "Neural style transfer as a service: server, offline tools and operator commands.",
        subcommands: [ServeCommand.self, StylizeCommand.self, BenchCommand.self, ModelsCommand.self, Admin.self, GalleryCommand.self]
    )

    /// Refuses to start on a CPU the inference kernels cannot run on (exit 69, EX_UNAVAILABLE),
    /// rather than dying of SIGILL at the first stylization.
    static func main() {
        guard stylify_cpu_runs_inference() else {
            FileHandle.standardError.write(Data(
                "stylify: this CPU lacks AVX2 and FMA, which the inference engine is built for (x86-64 Haswell, 2013, or newer)\n".utf8))
            Self.exit(withError: ExitCode(69))
        }
        main(nil)
    }
}
