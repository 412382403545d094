/// Media types by file extension, for static files and downloads.
enum MediaTypes {
    private static let table: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8", "json": "application/json; charset=utf-8",
        "map": "application/json; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "xml": "application/xml", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "avif": "image/avif",
        "ico": "image/x-icon", "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf",
        "otf": "font/otf", "wasm": "application/wasm", "mp4": "video/mp4", "webm": "video/webm",
        "mov": "video/quicktime", "mkv": "video/x-matroska", "pdf": "application/pdf",
        "webmanifest": "application/manifest+json",
    ]

    /// The media type for an extension (without the dot); `application/octet-stream` when unknown.
    static func type(forPathExtension ext: String) -> String {
        table[ext.lowercased()] ?? "application/octet-stream"
    }
}
