import Foundation

/// A `MailMessage` as the bytes of an Internet message (RFC 5322, MIME text/plain UTF-8), with
/// CRLF line ends. Header values come from our own code and validated addresses, but CR and LF
/// are still stripped from them, so no value can start a header of its own.
enum RFC5322Message {
    static func render(_ mail: OutgoingMail, from: String, domain: String) -> [UInt8] {
        let headers = [
            "Date: \(rfc5322Date(Date()))",
            "From: \(oneLine(from))",
            "To: \(oneLine(mail.message.to))",
            "Subject: \(encodedSubject(oneLine(mail.message.subject)))",
            "Message-ID: <\(oneLine(mail.id))@\(oneLine(domain))>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let body = mail.message.text
            .replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\r\n")
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n").utf8)
    }

    /// The domain of an address (`Stylify <no-reply@example.com>` → `example.com`), for Message-ID.
    static func domain(of address: String) -> String {
        let bare = address.split(separator: "<").last.map { $0.replacingOccurrences(of: ">", with: "") } ?? address
        return bare.split(separator: "@").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "localhost"
    }

    /// The bare address inside `Name <address>`, or the text itself.
    static func bareAddress(_ address: String) -> String {
        guard let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close else {
            return address.trimmingCharacters(in: .whitespaces)
        }
        return String(address[address.index(after: open)..<close])
    }

    private static func oneLine(_ value: String) -> String {
        value.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: " ")
    }

    /// RFC 2047 encoded-word when the subject is not plain ASCII.
    private static func encodedSubject(_ subject: String) -> String {
        guard !subject.unicodeScalars.allSatisfy({ $0.isASCII }) else { return subject }
        return "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
    }

    private static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
