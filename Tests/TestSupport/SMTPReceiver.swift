import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal SMTP server (RFC 5321) on 127.0.0.1, for tests that send real mail with a real
/// client (libcurl): EHLO/HELO, AUTH PLAIN (with or without an initial response), MAIL, RCPT,
/// DATA with dot-unstuffing, RSET, NOOP, QUIT. It can demand credentials (530 without them, 535
/// for wrong ones), refuse recipients for good (550) and answer the next messages with a
/// temporary failure (451), so the sender's retry and rejection paths meet a real protocol.
public final class SMTPReceiver: @unchecked Sendable {
    /// One message taken with `250` after DATA.
    public struct Message: Sendable {
        public let from: String
        public let recipients: [String]
        /// The message as sent, dot-unstuffed, CRLF line ends, without the final `.` line.
        public let data: String
        /// The user of a successful AUTH, if any.
        public let user: String?

        /// A header's value (first occurrence, case-insensitive name).
        public func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            for line in head.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].lowercased() == name.lowercased() {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }

        /// The body after the header block.
        public var body: String {
            guard let range = data.range(of: "\r\n\r\n") else { return "" }
            return String(data[range.upperBound...])
        }
    }

    public let port: Int
    public var url: String { "smtp://127.0.0.1:\(port)" }

    private let listener: Int32
    private let condition = NSCondition()
    private var messages: [Message] = []
    private var temporaryFailuresLeft: Int
    private var closed = false
    private let credentials: (user: String, password: String)?
    private let rejected: Set<String>

    /// - Parameters:
    ///   - credentials: when set, MAIL is refused (530) until AUTH PLAIN with exactly these.
    ///   - rejecting: recipients answered `550 no such mailbox`.
    ///   - temporaryFailures: how many next messages get `451` at MAIL FROM.
    public init(credentials: (user: String, password: String)? = nil, rejecting: Set<String> = [], temporaryFailures: Int = 0) throws {
        self.credentials = credentials
        rejected = Set(rejecting.map { $0.lowercased() })
        temporaryFailuresLeft = temporaryFailures
        (listener, port) = try LoopbackSocket.listen()
        Thread { [self] in acceptLoop() }.start()
    }

    /// Every message so far.
    public var received: [Message] { condition.withLock { messages } }

    /// Waits until at least `count` messages arrived; returns them all (fewer on timeout).
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 30) -> [Message] {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while messages.count < count, condition.wait(until: deadline) {}
            return messages
        }
    }

    public func stop() {
        condition.withLock { closed = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if condition.withLock({ closed }) { return }
                if errno == EINTR { continue }
                return
            }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            Thread { [self] in
                var session = Session(connection: connection, receiver: self)
                session.run()
                close(connection)
            }.start()
        }
    }

    fileprivate func takeTemporaryFailure() -> Bool {
        condition.withLock {
            guard temporaryFailuresLeft > 0 else { return false }
            temporaryFailuresLeft -= 1
            return true
        }
    }

    fileprivate func store(_ message: Message) {
        condition.withLock {
            messages.append(message)
            condition.broadcast()
        }
    }

    fileprivate func isRejected(_ recipient: String) -> Bool { rejected.contains(recipient.lowercased()) }

    fileprivate func check(user: String, password: String) -> Bool {
        guard let credentials else { return true }
        return credentials.user == user && credentials.password == password
    }

    fileprivate var requiresAuthentication: Bool { credentials != nil }

    /// One client connection's conversation.
    private struct Session {
        let connection: Int32
        let receiver: SMTPReceiver
        private var buffer: [UInt8] = []

        init(connection: Int32, receiver: SMTPReceiver) {
            self.connection = connection
            self.receiver = receiver
        }

        mutating func run() {
            reply("220 127.0.0.1 ESMTP stylify-test")
            var from: String?
            var recipients: [String] = []
            var user: String?
            while let line = readLine() {
                let upper = line.uppercased()
                if upper.hasPrefix("EHLO") {
                    reply("250-127.0.0.1 hello\r\n250-AUTH PLAIN\r\n250-8BITMIME\r\n250 SIZE 10485760")
                } else if upper.hasPrefix("HELO") {
                    reply("250 127.0.0.1 hello")
                } else if upper.hasPrefix("AUTH PLAIN") {
                    var encoded = String(line.dropFirst("AUTH PLAIN".count)).trimmingCharacters(in: .whitespaces)
                    if encoded.isEmpty {
                        reply("334 ")
                        encoded = readLine() ?? ""
                    }
                    let parts = Data(base64Encoded: encoded).map { $0.split(separator: 0, omittingEmptySubsequences: false) } ?? []
                    if parts.count == 3, let name = String(bytes: parts[1], encoding: .utf8),
                       let password = String(bytes: parts[2], encoding: .utf8), receiver.check(user: name, password: password) {
                        user = name
                        reply("235 2.7.0 authenticated")
                    } else {
                        reply("535 5.7.8 authentication failed")
                    }
                } else if upper.hasPrefix("MAIL FROM:") {
                    if receiver.requiresAuthentication && user == nil {
                        reply("530 5.7.0 authentication required")
                    } else if receiver.takeTemporaryFailure() {
                        reply("451 4.3.0 try again later")
                    } else {
                        from = Self.address(line)
                        recipients = []
                        reply("250 2.1.0 ok")
                    }
                } else if upper.hasPrefix("RCPT TO:") {
                    let recipient = Self.address(line)
                    guard from != nil else { reply("503 5.5.1 MAIL first"); continue }
                    if receiver.isRejected(recipient) {
                        reply("550 5.1.1 no such mailbox")
                    } else {
                        recipients.append(recipient)
                        reply("250 2.1.5 ok")
                    }
                } else if upper == "DATA" {
                    guard let sender = from, !recipients.isEmpty else { reply("503 5.5.1 RCPT first"); continue }
                    reply("354 end with <CRLF>.<CRLF>")
                    var lines: [String] = []
                    while let dataLine = readLine(), dataLine != "." {
                        lines.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                    }
                    receiver.store(Message(from: sender, recipients: recipients, data: lines.joined(separator: "\r\n"), user: user))
                    from = nil
                    recipients = []
                    reply("250 2.0.0 queued")
                } else if upper == "RSET" {
                    from = nil
                    recipients = []
                    reply("250 2.0.0 ok")
                } else if upper == "NOOP" {
                    reply("250 2.0.0 ok")
                } else if upper == "QUIT" {
                    reply("221 2.0.0 bye")
                    return
                } else {
                    reply("502 5.5.2 command not implemented")
                }
            }
        }

        /// `<a@b>` of `MAIL FROM:<a@b> SIZE=…`.
        private static func address(_ line: String) -> String {
            guard let open = line.firstIndex(of: "<"), let close = line.firstIndex(of: ">"), open < close else { return "" }
            return String(line[line.index(after: open)..<close])
        }

        private func reply(_ text: String) {
            LoopbackSocket.write(connection, Array((text + "\r\n").utf8))
        }

        /// The next CRLF-terminated line, without the CRLF; nil at the end of the stream.
        private mutating func readLine() -> String? {
            while true {
                if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(buffer[..<end])
                    buffer.removeSubrange(...end)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                let chunk = LoopbackSocket.read(connection)
                guard !chunk.isEmpty else { return nil }
                buffer += chunk
            }
        }
    }
}
