import ArgumentParser
import Foundation
import Inference

/// `stylify models …`: operator commands for model weights.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Manage model weights.",
        subcommands: [Import.self]
    )
}

extension ModelsCommand {
    /// `stylify models import FILE… [--output DIR] [--name-as adain|microast] [--force]`
    ///
    /// Converts PyTorch checkpoints to safetensors without executing them. Every input is read and
    /// checked before anything is written, so one bad file leaves the output directory untouched.
    /// Exit codes (sysexits): 64 usage, 65 bad checkpoint, 66 missing input, 70 internal error,
    /// 73 output file exists (without `--force`) or cannot be written.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Convert PyTorch checkpoints (.pth, .pth.tar, .pt) to .safetensors without running them.",
            discussion: """
                --name-as adain: vgg_normalised.pth becomes adain-vgg19-relu4_1.safetensors (modules 0…29, \
                the encoder up to relu4_1) and decoder.pth becomes adain-decoder.safetensors.
                --name-as microast: <part>_iter_<n>.pth.tar becomes microast-<part>.safetensors.
                Without --name-as, FILE.pth becomes FILE.safetensors with every tensor.
                """
        )

        enum Naming: String, ExpressibleByArgument, CaseIterable {
            case adain, microast
        }

        @Argument(help: "PyTorch checkpoint files.")
        var files: [String] = []

        @Option(help: "Directory to write the .safetensors files to (created if missing).")
        var output: String = "."

        @Option(name: .customLong("name-as"), help: "Name and trim the outputs for a known model: adain or microast.")
        var nameAs: Naming?

        @Flag(help: "Replace output files that already exist.")
        var force = false

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Give at least one checkpoint file.") }
        }

        func run() throws {
            for file in files where !FileManager.default.fileExists(atPath: file) {
                throw failure("\(file): no such file", code: 66)
            }
            let directory = URL(fileURLWithPath: output, isDirectory: true)
            var planned: [(source: String, model: PyTorchImportedModel, destination: URL)] = []
            for file in files {
                let model: PyTorchImportedModel
                do {
                    model = try convert(URL(fileURLWithPath: file))
                } catch let error as PyTorchImportError {
                    if error.reason == .notFound { throw failure("\(file): no such file", code: 66) }
                    throw failure("\(error)", code: 65)
                } catch {
                    throw failure("\(file): \(error)", code: 70)
                }
                let destination = directory.appendingPathComponent(model.fileName)
                if let clash = planned.first(where: { $0.destination == destination }) {
                    throw failure("\(clash.source) and \(file) would both be written to \(model.fileName)", code: 64)
                }
                planned.append((file, model, destination))
            }
            if !force {
                for plan in planned where FileManager.default.fileExists(atPath: plan.destination.path) {
                    throw failure("\(plan.destination.path) exists; use --force to replace it", code: 73)
                }
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                for plan in planned {
                    let bytes = try ModelsCommand.safetensors(plan.model)
                    try bytes.write(to: plan.destination, options: .atomic)
                    print("\(plan.source) -> \(plan.destination.path) (\(plan.model.tensors.count) tensors, \(bytes.count) bytes)")
                }
            } catch {
                throw failure("cannot write to \(directory.path): \(error)", code: 73)
            }
        }

        private func convert(_ url: URL) throws -> PyTorchImportedModel {
            let stateDict = try PyTorchCheckpoint.read(contentsOf: url)
            let name = url.lastPathComponent
            switch nameAs {
            case .adain?: return try PyTorchModelFamily.adain.model(from: stateDict, sourceFile: name)
            case .microast?: return try PyTorchModelFamily.microast.model(from: stateDict, sourceFile: name)
            case nil:
                return PyTorchImportedModel(
                    fileName: PyTorchModelFamily.plainFileName(for: name),
                    tensors: stateDict.tensors,
                    metadata: [("source", name), ("format", "pytorch-\(stateDict.format.rawValue)")])
            }
        }

        /// Reports `message` on stderr and gives the exit status to throw.
        private func failure(_ message: String, code: Int32) -> ExitCode {
            FileHandle.standardError.write(Data("stylify models import: \(message)\n".utf8))
            return ExitCode(code)
        }
    }

    /// The one place the import meets the safetensors writer.
    static func safetensors(_ model: PyTorchImportedModel) throws -> Data {
        try SafetensorsWriter.data(
            tensors: model.tensors, metadata: Dictionary(model.metadata, uniquingKeysWith: { _, last in last }))
    }
}
