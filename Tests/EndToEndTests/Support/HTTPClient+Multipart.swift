import Foundation

extension HTTPClient {
    /// `multipart/form-data` with text `fields` and one file part, as a browser form sends it.
    func multipart(
        _ path: String, token: String, fields: [(String, String)] = [], fileField: String, fileName: String,
        contentType: String = "application/octet-stream", file: Data
    ) throws -> Response {
        let boundary = "stylify-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try send("POST", path, token: token, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: [UInt8](body))
    }
}
