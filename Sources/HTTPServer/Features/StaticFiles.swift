import Foundation

/// Serves the web app from a directory: correct media types, strong ETags (304 on `If-None-Match`),
/// ranges, and caching that suits a single-page app: HTML is revalidated every time (`no-cache`),
/// other assets are cached for an hour. The app routes by `#/…`, so a path naming no file is a
/// 404: a small HTML page for browsers (those that accept `text/html`), problem+json for the rest.
/// Every file carries `securityHeaders`: the app loads nothing from elsewhere, so a strict
/// Content-Security-Policy costs nothing and blunts any injected markup.
struct StaticFiles: Sendable {
    let root: URL

    /// Sent with every static file. Images and videos may also come from `blob:` (results and
    /// thumbnails are fetched with the bearer header, then shown through object URLs) and `data:`.
    static let securityHeaders: HTTPHeaders = [
        "Content-Security-Policy": "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    ]

    init(root: URL) {
        self.root = root.standardizedFileURL
    }

    func respond(to request: Request) throws -> Response {
        guard let relative = PercentDecoding.decode(request.path), !relative.contains("\0") else {
            throw HTTPError.notFound()
        }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        // Never step outside the root, and never serve dot-files (.git, .env).
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { throw HTTPError.notFound() }
        var url = parts.reduce(root) { $0.appendingPathComponent(String($1)) }
        if let info = FileInfo(path: url.path), info.isDirectory {
            url.appendPathComponent("index.html")
        }
        guard FileInfo(path: url.path)?.isRegularFile == true else {
            guard Self.acceptsHTML(request) else { throw HTTPError.notFound() }
            var headers = Self.securityHeaders
            headers.add("Content-Type", "text/html; charset=utf-8")
            headers.add("Cache-Control", "no-cache")
            return Response(status: .notFound, headers: headers, body: .bytes(Self.notFoundPage))
        }
        let isHTML = url.pathExtension.lowercased().hasPrefix("htm")
        return try .file(url, cacheControl: isHTML ? "no-cache" : "public, max-age=3600", headers: Self.securityHeaders)
    }

    /// A browser's navigation says `Accept: text/html…`; API clients and scripts do not.
    private static func acceptsHTML(_ request: Request) -> Bool {
        request.headers["accept"]?.lowercased().contains("text/html") ?? false
    }

    private static let notFoundPage = Array("""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Not found · Stylify</title></head>
        <body><main><h1>Page not found</h1><p>There is nothing at this address. <a href="/">Open Stylify</a></p></main></body></html>

        """.utf8)
}
