extension RequestHeadParser {
    struct RequestLine {
        var method: HTTPMethod
        var target: String
        var minorVersion: Int
    }

    /// method SP request-target SP HTTP-version, with the target reduced to origin-form.
    func parseRequestLine(_ buffer: UnsafeRawBufferPointer, start: Int, end requestLineEnd: Int)
        -> Swift.Result<RequestLine, HTTPError>
    {
        var i = start
        while i < requestLineEnd, ByteClass.isTokenChar(buffer[i]) { i += 1 }
        guard i > start, i < requestLineEnd, buffer[i] == ByteClass.space, i - start <= 32 else {
            return .failure(.malformed("The request line is malformed."))
        }
        let method = Self.method(buffer, start, i)
        let targetStart = i + 1
        i = targetStart
        while i < requestLineEnd, buffer[i] != ByteClass.space {
            guard ByteClass.isTargetChar(buffer[i]) else {
                return .failure(.malformed("The request target contains an invalid byte."))
            }
            i += 1
        }
        if i - targetStart > limits.maxRequestTargetLength { return .failure(.uriTooLong) }
        guard i > targetStart, i < requestLineEnd else { return .failure(.malformed("The request line is malformed.")) }
        let rawTarget = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[targetStart..<i]), as: UTF8.self)
        let versionStart = i + 1
        guard requestLineEnd - versionStart == 8 else { return .failure(.malformed("The HTTP version is malformed.")) }
        let minorVersion: Int
        switch Self.version(buffer, versionStart) {
        case .some(1): minorVersion = 1
        case .some(0): minorVersion = 0
        case .some: return .failure(.unsupportedVersion)
        case .none: return .failure(.malformed("The HTTP version is malformed."))
        }
        guard let target = Self.normalizedTarget(rawTarget, method: method) else {
            return .failure(.malformed("The request target is not a path."))
        }
        return .success(RequestLine(method: method, target: target, minorVersion: minorVersion))
    }

    /// Origin-form passes through; absolute-form is reduced to its path and query; `*` only for OPTIONS.
    static func normalizedTarget(_ target: String, method: HTTPMethod) -> String? {
        if target.utf8.first == UInt8(ascii: "/") { return target }
        if target == "*" { return method == .options ? target : nil }
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let tail = rest[slash...]
            return tail.first == "?" ? "/" + tail : String(tail)
        }
        return nil
    }

    static func method(_ buffer: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> HTTPMethod {
        let length = end - start
        // The common methods map to shared constants without building a string.
        if length == 3, buffer[start] == UInt8(ascii: "G"), buffer[start + 1] == UInt8(ascii: "E"),
            buffer[start + 2] == UInt8(ascii: "T")
        {
            return .get
        }
        if length == 4, buffer[start] == UInt8(ascii: "P"), buffer[start + 1] == UInt8(ascii: "O") {
            if buffer[start + 2] == UInt8(ascii: "S"), buffer[start + 3] == UInt8(ascii: "T") { return .post }
        }
        return HTTPMethod(rawValue: String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
    }

    /// `HTTP/1.x` → x; another `HTTP/d.d` → a different number; anything else → nil.
    static func version(_ buffer: UnsafeRawBufferPointer, _ start: Int) -> Int? {
        guard buffer[start] == UInt8(ascii: "H"), buffer[start + 1] == UInt8(ascii: "T"),
            buffer[start + 2] == UInt8(ascii: "T"), buffer[start + 3] == UInt8(ascii: "P"),
            buffer[start + 4] == UInt8(ascii: "/")
        else { return nil }
        guard let major = ByteClass.hexValue(buffer[start + 5]), major < 10, buffer[start + 6] == UInt8(ascii: "."),
            let minor = ByteClass.hexValue(buffer[start + 7]), minor < 10
        else { return nil }
        return major == 1 ? Int(minor) : 100 + Int(major)
    }

    static func lowercasedString(_ buffer: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { out in
            for k in 0..<(end - start) {
                let byte = buffer[start + k]
                out[k] = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            }
            return end - start
        }
    }
}
