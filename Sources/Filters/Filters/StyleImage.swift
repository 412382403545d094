import Foundation
import Inference
import Jobs
import Media
import Quotas

/// A style image checked, decoded and turned into what a filter stores: the thumbnail and one
/// style code per installed model.
struct StyleImage {
    /// Style statistics of smaller images are too coarse to be a style.
    static let minimumSide = 64
    static let thumbnailSide = 256
    static let thumbnailQuality = 85

    let format: ImageFormat
    let width: Int
    let height: Int
    let thumbnail: Data
    let codes: [StyleCode]

    /// Checks `file` from its header (media, minimum size, then the plan when `account` is given)
    /// before decoding a pixel, then decodes it and derives the thumbnail and style codes.
    ///
    /// - Throws: `FiltersError.emptyFile`, `.unsupportedMediaType` (also for videos),
    ///   `.corruptMedia`, `.imageTooSmall`, `.imageTooLarge`, `.quota(.planLimit)`.
    init(file: URL, size: Int64, account: String?, quotas: QuotaService, models: [any StyleTransferModel]) throws {
        guard size > 0 else { throw FiltersError.emptyFile }
        if let account { try quotas.checkUpload(account: account, bytes: size) }
        let info: ImageInfo
        switch try MediaProbe.probe(contentsOf: file) {
        case .image(let image): info = image
        case .video: throw FiltersError.unsupportedMediaType(detail: "a style image must be a JPEG, PNG or WebP image, not a video")
        }
        let (width, height) = (info.displayWidth, info.displayHeight)
        guard min(width, height) >= Self.minimumSide else {
            throw FiltersError.imageTooSmall(width: width, height: height, minimum: Self.minimumSide)
        }
        if let account { try quotas.checkImage(account: account, width: Int64(width), height: Int64(height)) }
        let image = try ImageDecoder.decode(contentsOf: file)
        self.format = info.format
        self.width = image.width
        self.height = image.height
        thumbnail = try image.thumbnail(side: Self.thumbnailSide).encoded(as: .jpeg(quality: Self.thumbnailQuality))
        codes = try models.map { try ImageStylizer(model: $0).styleCode(for: image) }
    }
}
