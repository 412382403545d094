/// A minimal XML reader for S3's answers (error documents, listings, multipart results): elements,
/// text, the five predefined entities and numeric character references. No namespaces, DTDs or
/// attributes are needed for these documents, so none are interpreted; anything unexpected makes
/// `parse` return nil rather than guess.
struct XMLNode: Sendable, Equatable {
    let name: String
    var children: [XMLNode] = []
    var text = ""

    /// The first child called `name`.
    func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// Every child called `name`.
    func children(_ name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// The text of the first child called `name`.
    func value(_ name: String) -> String? {
        child(name)?.text
    }

    /// The root element of `bytes`, or nil when they are not well-formed enough to trust.
    static func parse(_ bytes: [UInt8]) -> XMLNode? {
        var reader = Reader(bytes: bytes)
        return reader.document()
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func document() -> XMLNode? {
            var stack: [XMLNode] = []
            var root: XMLNode?
            var text: [UInt8] = []
            while index < bytes.count {
                if bytes[index] != UInt8(ascii: "<") {
                    text.append(bytes[index])
                    index += 1
                    continue
                }
                if starts(with: "<?") || starts(with: "<!--") || starts(with: "<!") {
                    let end = starts(with: "<!--") ? "-->" : ">"
                    guard skip(past: end) else { return nil }
                    continue
                }
                let closing = starts(with: "</")
                guard let tagEnd = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                var tag = Array(bytes[(index + (closing ? 2 : 1))..<tagEnd])
                index = tagEnd + 1
                let selfClosing = tag.last == UInt8(ascii: "/")
                if selfClosing { tag.removeLast() }
                let name = String(decoding: tag.prefix { !Self.isSpace($0) }, as: UTF8.self)
                guard !name.isEmpty else { return nil }
                if closing {
                    guard var node = stack.popLast(), node.name == name, let decoded = Self.decode(text) else { return nil }
                    if node.children.isEmpty { node.text = decoded }
                    text = []
                    if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
                } else {
                    text = []
                    let node = XMLNode(name: name)
                    if selfClosing {
                        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
                    } else {
                        stack.append(node)
                    }
                }
            }
            return stack.isEmpty ? root : nil
        }

        private func starts(with prefix: String) -> Bool {
            let prefix = Array(prefix.utf8)
            return bytes.count - index >= prefix.count && Array(bytes[index..<(index + prefix.count)]) == prefix
        }

        private mutating func skip(past end: String) -> Bool {
            let end = Array(end.utf8)
            while index + end.count <= bytes.count {
                if Array(bytes[index..<(index + end.count)]) == end {
                    index += end.count
                    return true
                }
                index += 1
            }
            return false
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        /// Text with entities replaced; nil for an unknown entity.
        static func decode(_ raw: [UInt8]) -> String? {
            let text = String(decoding: raw, as: UTF8.self)
            guard text.contains("&") else { return text }
            var output = ""
            var rest = Substring(text)
            while let ampersand = rest.firstIndex(of: "&") {
                output += rest[..<ampersand]
                guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { return nil }
                let entity = rest[rest.index(after: ampersand)..<semicolon]
                switch entity {
                case "amp": output += "&"
                case "lt": output += "<"
                case "gt": output += ">"
                case "quot": output += "\""
                case "apos": output += "'"
                default:
                    let number: UInt32?
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                        number = UInt32(entity.dropFirst(2), radix: 16)
                    } else if entity.hasPrefix("#") {
                        number = UInt32(entity.dropFirst())
                    } else {
                        number = nil
                    }
                    guard let number, let scalar = Unicode.Scalar(number) else { return nil }
                    output.unicodeScalars.append(scalar)
                }
                rest = rest[rest.index(after: semicolon)...]
            }
            return output + rest
        }
    }
}

extension String {
    /// The text with `& < > " '` escaped, for the bodies we send (CompleteMultipartUpload).
    var xmlEscaped: String {
        var output = ""
        for character in self {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.append(character)
            }
        }
        return output
    }
}
