import Foundation
import Inference
import Media
import Quotas
import Storage

/// How a failure during a run is told to the job's owner: stable codes, no internals.
extension JobProblem {
    /// The job was canceled by its owner.
    static let canceled = JobProblem(code: "canceled", title: "Stylization canceled",
                                     detail: "The stylization was canceled before it finished.")

    /// The job crashed its worker `attempts` times.
    static func workerLost(attempts: Int) -> JobProblem {
        JobProblem(code: "worker_lost", title: "Stylization could not be completed",
                   detail: "The worker running this stylization stopped unexpectedly \(attempts) times; it will not be retried.")
    }

    /// The job's content blob is not in the blob store (removed behind the service's back, or a
    /// job from before blobs were named by key).
    static let contentUnavailable = JobProblem(code: "invalid_content", title: "Content could not be read",
                                               detail: "The content is no longer stored.")

    /// The same problem with a local file's path (the content's, which decoders name in their
    /// errors) replaced: where the server keeps files is its business, not the client's.
    func hiding(path: String?) -> JobProblem {
        guard let path, !path.isEmpty else { return self }
        return JobProblem(code: code, title: title, detail: detail.replacingOccurrences(of: path, with: "the content file"))
    }

    /// The problem body for an error thrown while running a job.
    init(error: any Error) {
        switch error {
        case let error as MediaError:
            self.init(code: "invalid_content", title: "Content could not be read", detail: "The content image could not be decoded: \(error).")
        case let error as VideoError:
            self.init(code: "invalid_content", title: "Content could not be read", detail: "The content video could not be processed: \(error).")
        case let error as InferenceError:
            switch error {
            case .imageTooSmall:
                self.init(code: "content_too_small", title: "Content too small", detail: "\(error).")
            case .canceled:
                self = .canceled
            case .missingModelFiles, .invalidWeights, .unreadableWeights:
                self.init(code: "model_unavailable", title: "Model unavailable", detail: "The requested model is not available on this server.")
            default:
                self.init(code: "invalid_style", title: "Style could not be applied", detail: "\(error).")
            }
        case let error as QuotaError:
            self.init(code: error.code, title: "Frames no longer available",
                      detail: "The frames reserved for this stylization were lost and could not be reserved again: \(error).")
        case StorageError.blobNotFound:
            self = .contentUnavailable
        case let error as JobError:
            self.init(code: error.code, title: "Stylization failed", detail: error.description)
        default:
            self.init(code: "internal", title: "Internal error", detail: "The stylization failed because of an internal error.")
        }
    }
}
