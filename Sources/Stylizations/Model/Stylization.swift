import Filters
import Jobs

/// A stylization: its job (status, progress, options, result, timings, problem), the inputs it
/// was asked for by their API names, and its result's asset while that can be downloaded.
public struct Stylization: Sendable {
    /// What the stylization was asked for, by the names clients use (table `stylization_inputs`):
    /// Jobs keep only files and style codes.
    public struct Inputs: Sendable, Equatable {
        /// The content asset's id; empty for a job submitted without recorded inputs.
        public let content: String
        public let filters: [StylizationRequest.FilterChoice]
        public let webhookURL: String?
        /// The mask and its regions, for a masked stylization.
        public var mask: MaskChoice?

        public init(content: String, filters: [StylizationRequest.FilterChoice], webhookURL: String? = nil,
                    mask: MaskChoice? = nil) {
            self.content = content
            self.filters = filters
            self.webhookURL = webhookURL
            self.mask = mask
        }

        /// A job submitted by another path (or recorded before migration 0005): nothing is known.
        static let unrecorded = Inputs(content: "", filters: [])
    }

    public let job: Job
    public let inputs: Inputs
    /// The result's asset while it can be downloaded; nil once it expired or its owner deleted
    /// it (and for results kept as plain files, which never expire).
    public var resultAsset: Asset?

    public init(job: Job, inputs: Inputs, resultAsset: Asset? = nil) {
        self.job = job
        self.inputs = inputs
        self.resultAsset = resultAsset
    }
}
