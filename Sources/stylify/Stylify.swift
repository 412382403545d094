import ArgumentParser

@main
struct Stylify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stylify",
        abstract: "Neural style transfer as a service: server, offline tools and operator commands.",
        subcommands: [ServeCommand.self, StylizeCommand.self, BenchCommand.self, ModelsCommand.self, Admin.self]
    )
}
