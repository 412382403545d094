import Foundation
import Inference
import Media
import Quotas
import Storage

extension JobQueue {
    /// Creates a queued job: validates the request, probes the content (headers only), reserves
    /// its frames (image 1, video its probed frame count) in the same transaction that stores
    /// the job with a copy of its style codes.
    ///
    /// The output size is capped by the plan: images fit the plan's `image_long_side` and
    /// `image_pixels`, videos its `video_long_side` (both on top of `options.maxSide`).
    ///
    /// - Parameter alongside: runs inside the transaction that stores the job, after its row is
    ///   written, with the new job's id: what the caller must keep exactly when the job exists
    ///   (pins of its inputs, rows that reference it). If it throws, nothing of the submission
    ///   is kept (no job, no reservation) and its error is rethrown as it is.
    /// - Throws: `JobError.invalidRequest` / `.invalidContent` (nothing reserved);
    ///   `QuotaError.quotaExceeded` (monthly frames), `.concurrencyLimit`, `.planLimit`
    ///   (`video_frames`), `.unknownAccount`; `JobError.storage`; what `alongside` throws.
    func submit(_ request: JobRequest, alongside: ((any SQLConnection, JobID) throws -> Void)? = nil) throws -> JobID {
        let plan = try admissionPlan(for: request)
        let id = JobID.make()
        try JobError.wrapping {
            try database.writeTransaction { connection in
                // First: it locks the account row, which orders this transaction behind the
                // account's other admissions (see QuotaService.reserveFrames).
                let reservation = try quotas.reserveFrames(
                    account: request.account, count: Int64(plan.frames), lease: configuration.reservationLease, in: connection)
                // The job references its content until it ends: the blob needs its row.
                try registry.recordExisting(request.content, in: connection, now: Date())
                if let mask = request.options.mask { try registry.recordExisting(mask.key, in: connection, now: Date()) }
                var options = request.options
                options.maxSide = plan.maxSide
                try JobRecords.insert(JobRecords.NewJob(
                    id: id, account: request.account, kind: plan.kind, priority: plan.priority, content: request.content,
                    options: options, styles: request.styles, maskStyles: request.maskStyles, reservationID: reservation.id, frames: plan.frames,
                    createdAt: Milliseconds.now), connection)
                try alongside?(connection, id)
                try JobRecords.notifyWorkers(connection)
            }
        }
        return id
    }

    /// What a request becomes once checked: its kind, frames, capped output size and priority.
    struct AdmissionPlan {
        let kind: JobKind
        let frames: Int
        let maxSide: Int?
        let priority: Int
    }

    func admissionPlan(for request: JobRequest) throws -> AdmissionPlan {
        try validate(request.options, styles: request.styles)
        try validateMask(request)
        let info: MediaInfo
        do {
            info = try blobs.withLocalFile(request.content) { try MediaProbe.probe(contentsOf: $0) }
        } catch StorageError.blobNotFound {
            throw JobError.invalidContent(detail: "no content blob \(request.content.hex) in the blob store")
        } catch let error as StorageError {
            throw JobError.storage(error)
        } catch {
            throw JobError.invalidContent(detail: "\(error)")
        }
        let limits = try quotas.limits(for: request.account)
        let priority = request.priority ?? configuration.planPriorities[limits.plan] ?? 0
        switch info {
        case .image(let image):
            guard request.options.format.kind == .image else {
                throw JobError.invalidRequest(param: "format", detail: "an image can be written as jpeg, png or webp, not \(request.options.format.rawValue)")
            }
            let maxSide = Self.imageMaxSide(width: image.displayWidth, height: image.displayHeight, requested: request.options.maxSide,
                                            longSide: Int(clamping: limits[.imageLongSide]), pixels: Int(clamping: limits[.imagePixels]))
            let shortSide = Self.renderedShortSide(width: image.displayWidth, height: image.displayHeight, maxSide: maxSide)
            guard shortSide >= FloatImage.minimumSide else {
                throw JobError.contentTooSmall(detail: "the image is \(image.displayWidth)x\(image.displayHeight) px"
                    + (maxSide.map { " and would be rendered at most \($0) px long" } ?? "")
                    + "; both sides must be at least \(FloatImage.minimumSide) px")
            }
            return AdmissionPlan(kind: .image, frames: 1, maxSide: maxSide, priority: priority)
        case .video(let video):
            guard request.options.format.kind == .video else {
                throw JobError.invalidRequest(param: "format", detail: "a video is written as mp4, not \(request.options.format.rawValue)")
            }
            guard video.frameCount > 0 else { throw JobError.invalidContent(detail: "the video has no frames") }
            let maxSide = min(request.options.maxSide ?? Int.max, Int(clamping: limits[.videoLongSide]))
            let size = video.outputSize(maxSide: maxSide)
            guard min(size.width, size.height) >= FloatImage.minimumSide else {
                throw JobError.invalidContent(detail: "the video would be \(size) after fitting to \(maxSide) px; both sides must be at least \(FloatImage.minimumSide) px")
            }
            try quotas.checkVideo(account: request.account, frames: Int64(video.frameCount),
                                  width: Int64(size.width), height: Int64(size.height))
            return AdmissionPlan(kind: .video, frames: video.frameCount, maxSide: maxSide, priority: priority)
        }
    }

    /// The long side an image is rendered at: the request's, the plan's long side and pixel
    /// count, whichever is smallest; nil when the image fits as it is.
    static func imageMaxSide(width: Int, height: Int, requested: Int?, longSide: Int, pixels: Int) -> Int? {
        let side = max(width, height)
        var cap = min(requested ?? Int.max, longSide)
        if width * height > pixels {
            let scale = (Double(pixels) / Double(width * height)).squareRoot()
            cap = min(cap, Int((Double(side) * scale).rounded(.down)))
        }
        return cap < side ? max(cap, 1) : nil
    }

    /// The shorter side of an image of `width` x `height` once fitted to `maxSide`, rounded as
    /// `RGBImage.fitted(maxSide:)` rounds it, so admission refuses exactly what inference would.
    static func renderedShortSide(width: Int, height: Int, maxSide: Int?) -> Int {
        let shorter = min(width, height), longer = max(width, height)
        guard let maxSide, longer > maxSide else { return shorter }
        return max(1, Int((Double(shorter) * Double(maxSide) / Double(longer)).rounded()))
    }

    private func validate(_ options: JobOptions, styles: [WeightedStyle]) throws {
        guard options.strength.isFinite, (0...1).contains(options.strength) else {
            throw JobError.invalidRequest(param: "strength", detail: "must be between 0 and 1, got \(options.strength)")
        }
        if let maxSide = options.maxSide, maxSide < FloatImage.minimumSide {
            throw JobError.invalidRequest(param: "max_side", detail: "must be at least \(FloatImage.minimumSide), got \(maxSide)")
        }
        if let quality = options.quality, !(1...100).contains(quality) {
            throw JobError.invalidRequest(param: "quality", detail: "must be between 1 and 100, got \(quality)")
        }
        if options.format == .webp, !ImageEncoder.canEncode(.webp) {
            throw JobError.invalidRequest(param: "format", detail: "webp output is not available on this server")
        }
        guard options.temporalSmoothing.isFinite, (0...1).contains(options.temporalSmoothing) else {
            throw JobError.invalidRequest(param: "temporal_smoothing", detail: "must be between 0 and 1, got \(options.temporalSmoothing)")
        }
        // A masked job's styles are its regions'; validateMask checks them.
        if options.mask == nil { try validate(styles, param: "filters", model: options.model) }
    }

    /// A mask needs both regions' styles and no whole-content mix, strengths in 0...1, and a
    /// mask blob that decodes as an image (decoded here, so a bad mask is refused before any
    /// frame is reserved).
    private func validateMask(_ request: JobRequest) throws {
        guard let mask = request.options.mask else {
            guard request.maskStyles == nil else {
                throw JobError.invalidRequest(param: "mask", detail: "region styles were given without a mask")
            }
            return
        }
        guard request.styles.isEmpty else {
            throw JobError.invalidRequest(param: "filters", detail: "a masked stylization takes its filters from the mask's regions")
        }
        guard let regions = request.maskStyles else {
            throw JobError.invalidRequest(param: "mask", detail: "a mask needs a style for its white and its black region")
        }
        for (name, strength, styles) in [("white", mask.whiteStrength, regions.white), ("black", mask.blackStrength, regions.black)] {
            guard strength.isFinite, (0...1).contains(strength) else {
                throw JobError.invalidRequest(param: "mask.\(name).strength", detail: "must be between 0 and 1, got \(strength)")
            }
            try validate(styles, param: "mask.\(name).filter_id", model: request.options.model)
        }
        do {
            _ = try blobs.withLocalFile(mask.key) { try MaskImage.decode(contentsOf: $0) }
        } catch StorageError.blobNotFound {
            throw JobError.invalidRequest(param: "mask", detail: "no mask blob \(mask.key.hex) in the blob store")
        } catch let error as StorageError {
            throw JobError.storage(error)
        }
    }

    private func validate(_ styles: [WeightedStyle], param: String, model: ModelKind) throws {
        guard !styles.isEmpty else { throw JobError.invalidRequest(param: param, detail: "give at least one style") }
        for style in styles {
            guard style.code.model == model else {
                throw JobError.invalidRequest(param: param, detail: "a style code of \(style.code.model.rawValue) cannot be used with \(model.rawValue)")
            }
            guard style.code.values.count == model.styleCodeLength, style.code.values.allSatisfy(\.isFinite) else {
                throw JobError.invalidRequest(param: param, detail: "a style code is malformed")
            }
            guard style.weight.isFinite, style.weight >= 0 else {
                throw JobError.invalidRequest(param: param, detail: "weights must be finite numbers >= 0, got \(style.weight)")
            }
        }
        guard styles.reduce(Float(0), { $0 + $1.weight }) > 0 else {
            throw JobError.invalidRequest(param: param, detail: "the weights sum to 0")
        }
    }
}
