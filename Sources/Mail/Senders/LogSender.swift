import Foundation

/// The default sender when no SMTP server is configured: appends each message, whole, to a file
/// and writes one log line naming the recipient, the subject, the first link of the body and the
/// file, so an operator running the server locally can open the link at once.
public struct LogSender: MailSender {
    public let from: String
    /// The file messages are appended to (created with mode 0600: links in it are credentials).
    public let file: URL
    let log: @Sendable (String) -> Void
    private let lock = Locked()

    public init(file: URL, from: String = "Stylify <stylify@localhost>", log: @escaping @Sendable (String) -> Void) {
        self.file = file
        self.from = from
        self.log = log
    }

    public func send(_ mail: OutgoingMail) -> MailSendResult {
        let bytes = RFC5322Message.render(mail, from: from, domain: RFC5322Message.domain(of: from))
        let separator = Array("\r\n".utf8)
        do {
            try lock.run {
                let path = file.path
                if !FileManager.default.fileExists(atPath: path) {
                    guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                        throw CocoaError(.fileWriteNoPermission)
                    }
                }
                let handle = try FileHandle(forWritingTo: file)
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(bytes + separator))
            }
        } catch {
            return .retry("could not append to \(file.path): \(error.localizedDescription)")
        }
        let link = Self.firstLink(in: mail.message.text).map { " link=\"\($0)\"" } ?? ""
        log("level=info msg=\"mail written\" id=\(mail.id) to=\(mail.message.to) subject=\"\(mail.message.subject)\"\(link) file=\(file.path)")
        return .sent
    }

    static func firstLink(in text: String) -> String? {
        text.split(whereSeparator: { $0.isWhitespace }).first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }.map(String.init)
    }

    /// Serialises appends of this sender's dispatchers, so two messages never interleave.
    private final class Locked: @unchecked Sendable {
        private let lock = NSLock()
        func run(_ body: () throws -> Void) throws {
            lock.lock()
            defer { lock.unlock() }
            try body()
        }
    }
}
