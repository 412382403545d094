import Foundation

extension Response {
    /// A whole file, sent with `sendfile`. Carries a strong `ETag` (size and modification time) and
    /// `Last-Modified` so the server can answer `If-None-Match` with 304 and `Range` with 206/416.
    /// A missing file is a 404.
    public static func file(
        _ url: URL, contentType: String? = nil, cacheControl: String? = nil, headers: HTTPHeaders = HTTPHeaders()
    ) throws -> Response {
        guard let info = FileInfo(path: url.path), info.isRegularFile else {
            throw HTTPError.notFound("No such file.")
        }
        var headers = headers
        headers.add("Content-Type", contentType ?? MediaTypes.type(forPathExtension: url.pathExtension))
        headers.add("ETag", info.etag)
        headers.add("Last-Modified", HTTPDate.format(epochSeconds: info.modifiedSeconds))
        headers.add("Accept-Ranges", "bytes")
        if let cacheControl { headers.add("Cache-Control", cacheControl) }
        let region = FileRegion(path: url.path, length: info.size, fileSize: info.size)
        return Response(status: .ok, headers: headers, body: .file(region))
    }
}
