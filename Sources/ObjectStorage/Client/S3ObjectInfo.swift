import Foundation

/// An object's size and age as HEAD, GET or a listing tell them.
public struct S3ObjectInfo: Sendable, Equatable {
    public let key: String
    public let size: Int64
    public let modified: Date
    public let etag: String?

    public init(key: String, size: Int64, modified: Date, etag: String?) {
        self.key = key
        self.size = size
        self.modified = modified
        self.etag = etag
    }
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable, Equatable {
    public let objects: [S3ObjectInfo]
    /// Pass to the next call; nil on the last page.
    public let continuationToken: String?
}

/// A multipart upload that was started and neither completed nor aborted.
public struct S3MultipartUpload: Sendable, Equatable {
    public let key: String
    public let uploadID: String
    public let initiated: Date
}

/// The outcome of a conditional PUT.
public enum S3PutOutcome: Sendable, Equatable {
    case created
    /// `If-None-Match: *` found an object under the key (412): nothing was written.
    case alreadyExists
}

/// Where PUT and upload-part bytes come from.
public enum S3Body: Sendable {
    case data(Data)
    /// `length` bytes of a file from `offset`, streamed.
    case file(URL, offset: Int64 = 0, length: Int64)

    var exchangeBody: HTTPExchange.Body {
        switch self {
        case .data(let data): data.isEmpty ? .empty : .data(data)
        case .file(let url, let offset, let length): .file(path: url.path, offset: offset, length: length)
        }
    }
}
