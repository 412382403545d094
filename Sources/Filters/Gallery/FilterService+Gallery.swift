import Foundation
import Storage

/// The built-in gallery, seeded from a folder of style images at start-up.
extension FilterService {
    /// The image files a gallery folder may hold.
    static let galleryExtensions: Set<String> = ["jpg", "jpeg", "png", "webp"]

    /// Adds a gallery filter for every image in `directory` (`$STYLIFY_GALLERY`) that has none
    /// yet. Idempotent: images are keyed by the SHA-256 of their bytes, so a restart adds nothing
    /// and a renamed file keeps its filter. Names come from file names
    /// ("woman_with_hat_matisse.jpg" → "Woman With Hat Matisse"). A bad image is reported in
    /// `failed` and does not stop the others.
    ///
    /// - Throws: `FiltersError.internalFailure` when the folder cannot be read, `.storage`,
    ///   `.diskFull`.
    public func seedGallery(from directory: URL) throws -> GallerySeedReport {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { Self.galleryExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
        } catch {
            throw FiltersError.internalFailure("cannot read the gallery folder \(directory.path): \(error.localizedDescription)")
        }
        var report = GallerySeedReport()
        for name in names {
            let file = directory.appendingPathComponent(name)
            do {
                if let filter = try seedGalleryImage(file) {
                    report.added.append(filter)
                } else {
                    report.unchanged += 1
                }
            } catch let error as FiltersError {
                switch error {
                case .storage, .diskFull: throw error
                default: report.failed.append(.init(fileName: name, error: error))
                }
            }
        }
        return report
    }

    /// The new gallery filter for `file`, or nil when its bytes already have one.
    private func seedGalleryImage(_ file: URL) throws -> Filter? {
        try FiltersError.wrapping {
            let hash = try SHA256Hasher.hex(ofFile: file)
            if try content.database.readTransaction({ try FilterRecords.galleryHas(style: hash, in: $0) }) { return nil }
            let style = try StyleImage(file: file, size: try content.fileSize(file), account: nil, quotas: content.quotas, models: models)
            let id = try FilterID.generate()
            let name = FilterName.readable(fromFileName: file.lastPathComponent)
            return try content.store([.file(file), .data(style.thumbnail)], account: nil) { connection, blobs, now -> Filter? in
                // Another process seeding at the same time may have won: the insert then adds nothing.
                let filter = FilterRecords.NewFilter(
                    id: id, account: nil, name: name, style: blobs[0], styleMediaType: style.format.mediaType,
                    thumbnail: blobs[1], width: style.width, height: style.height, codes: style.codes)
                guard try FilterRecords.insert(filter, now: now, in: connection) else { return nil }
                return try FilterRecords.find(id, in: connection)
            }
        }
    }
}
