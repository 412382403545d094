import Common
import ArgumentParser
import Filters
import Foundation
import Inference
import ObjectStorage
import Quotas
import Storage

/// `stylify gallery …`: the built-in filter gallery.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Seed the built-in filter gallery; benchmark filters and the blob store.",
        subcommands: [GallerySeed.self, GalleryBench.self]
    )
}

/// Where the gallery commands find their data, models and style images.
struct GalleryOptions: ParsableArguments {
    @Option(help: SettingKey.dataDir.help("Data directory: stylify.sqlite and blobs/", valueName: "dir"))
    var dataDir: String?

    @Option(help: SettingKey.schemaDir.help(SettingKey.schemaDir.summary, valueName: "dir"))
    var schemaDir: String?

    @OptionGroup var models: ModelOptions

    var reader: SettingsReader { SettingsReader() }

    var dataDirectory: URL {
        reader.path(dataDir, .dataDir) ?? URL(fileURLWithPath: "data")
    }


    /// The filter service on the data directory (created when missing, as the server does).
    /// Blobs go where `serve`'s go: the S3 store `STYLIFY_BLOB_URL` selects, else local disk.
    func openFilters(clock: any Clock = .system) throws -> (FilterService, Database, any BlobStore) {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let database = try Database(
            url: dataDirectory.appendingPathComponent("stylify.sqlite"),
            configuration: .init(readerCount: 2, schemaDirectory: reader.path(schemaDir, .schemaDir)))
        let local = dataDirectory.appendingPathComponent("blobs")
        let blobs: any BlobStore = try reader.objectStore(blobURL: nil, endpoint: nil)
            .map { try S3BlobStore(configuration: $0, localDirectory: local) } ?? LocalDiskBlobStore(root: local)
        let quotas = try QuotaService(database: database, clock: clock)
        let locator = try models.locator(reader)
        let loaded = try StyleModels.loadAvailable(from: locator)
        guard !loaded.isEmpty else {
            throw CommandFailure(message: "no models found under \(locator.directory.path) (expected microast/)", code: .noInput)
        }
        return (FilterService(database: database, blobs: blobs, quotas: quotas, models: loaded, clock: clock), database, blobs)
    }
}

/// `stylify gallery seed [--gallery DIR]`: adds a gallery filter for every new style image.
/// Exit codes: 0 done, 65 some images were refused (the others were seeded), 66 no gallery
/// folder or models, 70 internal error.
struct GallerySeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Add a gallery filter for every style image that has none (idempotent)."
    )

    @OptionGroup var options: GalleryOptions

    @Option(help: SettingKey.gallery.help("Folder of style images", valueName: "dir"))
    var gallery: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        var report = GallerySeedReport()
        try CommandFailure.reporting(command: "gallery seed") {
            let folder = options.reader.path(gallery, .gallery) ?? URL(fileURLWithPath: "../shared/images/style")
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(message: "gallery folder \(folder.path) does not exist", code: .noInput)
            }
            report = try options.openFilters().0.seedGallery(from: folder)
        }
        if json {
            let added = report.added.map { #"{"id":"\#($0.id)","name":"\#(jsonEscaped($0.name))"}"# }.joined(separator: ",")
            let failed = report.failed.map { #"{"file":"\#(jsonEscaped($0.fileName))","code":"\#($0.error.code)","detail":"\#(jsonEscaped($0.error.description))"}"# }
                .joined(separator: ",")
            print(#"{"added":[\#(added)],"unchanged":\#(report.unchanged),"failed":[\#(failed)]}"#)
        } else {
            for filter in report.added { print("added \(filter.id)  \(filter.name)") }
            for failure in report.failed { print("refused \(failure.fileName): \(failure.error)") }
            print("\(report.added.count) added, \(report.unchanged) unchanged, \(report.failed.count) refused")
        }
        if !report.failed.isEmpty { throw ExitCode(65) }
    }
}

func jsonEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
