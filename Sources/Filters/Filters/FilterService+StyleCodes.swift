import Foundation
import Inference
import Jobs
import Media
import Storage

/// The cached style codes: what a job asks for instead of running the style encoder.
extension FilterService {
    /// The filter's style code for `model`, from the cache. For a model installed after the
    /// filter was made, the code is computed once from the stored style image and cached.
    ///
    /// - Parameter holder: a job that pinned the filter; it may still read a filter its owner
    ///   deleted meanwhile.
    /// - Throws: `FiltersError.notFound`, `.modelUnavailable` (no cached code and the model is
    ///   not loaded), `.storage`, `.internalFailure`.
    public func styleCode(filter id: FilterID, model kind: ModelKind, account: String, holder: String? = nil) throws -> StyleCode {
        try FiltersError.wrapping {
            let now = content.clock.now
            let (usable, cached) = try content.database.readTransaction { connection -> (FilterRecords.Usable?, [UInt8]?) in
                guard let usable = try FilterRecords.findUsable(id, account: account, holder: holder, now: now, in: connection) else {
                    return (nil, nil)
                }
                return (usable, try FilterRecords.styleCode(of: id, model: kind, in: connection))
            }
            guard let usable else { throw FiltersError.notFound(resource: .filter, id: id.rawValue) }
            if let cached { return try StyleCode(serialized: Data(cached)) }
            guard let model = models.first(where: { $0.kind == kind }) else { throw FiltersError.modelUnavailable(kind) }
            let image = try content.blobs.withLocalFile(usable.style) { try ImageDecoder.decode(contentsOf: $0) }
            let code = try ImageStylizer(model: model).styleCode(for: image)
            try content.database.writeTransaction { connection in
                // The filter may have been purged meanwhile; then there is nothing to cache into.
                if try FilterRecords.exists(id, in: connection) {
                    try FilterRecords.insertCode(code, filter: id, now: content.clock.now, in: connection)
                }
            }
            return code
        }
    }
}
