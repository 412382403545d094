import CCurl
import Foundation

/// Delivers over SMTP with libcurl: one connection per message (a handful of account mails an
/// hour needs no pooling), `MAIL FROM`/`RCPT TO` the bare addresses, the rendered message as the
/// upload, STARTTLS when the server offers it on `smtp://`, TLS from the start on `smtps://`,
/// no proxy from the environment. A 5xx reply is final (`rejected`); everything else is retried.
public struct SMTPSender: MailSender {
    public let configuration: SMTPConfiguration
    public var from: String { configuration.from }

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    /// `curl_global_init` is not thread-safe; a lazy static runs it exactly once.
    private static let globalInitialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    public func send(_ mail: OutgoingMail) -> MailSendResult {
        guard Self.globalInitialization == CURLE_OK else { return .retry("libcurl could not be initialised") }
        guard let handle = curl_easy_init() else { return .retry("libcurl could not create a handle") }
        defer { curl_easy_cleanup(handle) }

        let source = UploadSource(RFC5322Message.render(mail, from: from, domain: RFC5322Message.domain(of: from)))
        var recipients: UnsafeMutablePointer<curl_slist>?
        recipients = curl_slist_append(recipients, "<\(RFC5322Message.bareAddress(mail.message.to))>")
        defer { curl_slist_free_all(recipients) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
            var setup = CURLE_OK
            func set(_ result: CURLcode) { if setup == CURLE_OK { setup = result } }
            // The EHLO name is the path part; our From domain is as good a name as any.
            set(stylify_curl_set_string(handle, CURLOPT_URL, configuration.url + "/" + RFC5322Message.domain(of: from)))
            set(stylify_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"))
            set(stylify_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
            set(stylify_curl_set_string(handle, CURLOPT_PROXY, ""))
            set(stylify_curl_set_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue)))
            set(stylify_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout)))
            set(stylify_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(configuration.totalTimeout)))
            if let username = configuration.username { set(stylify_curl_set_string(handle, CURLOPT_USERNAME, username)) }
            if let password = configuration.password { set(stylify_curl_set_string(handle, CURLOPT_PASSWORD, password)) }
            set(stylify_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(RFC5322Message.bareAddress(from))>"))
            set(stylify_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients))
            set(stylify_curl_set_long(handle, CURLOPT_UPLOAD, 1))
            set(stylify_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBytes.baseAddress))
            set(stylify_curl_set_reader(handle, { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                return Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
            }, Unmanaged.passUnretained(source).toOpaque()))
            guard setup == CURLE_OK else { return setup }
            return withExtendedLifetime(source) { curl_easy_perform(handle) }
        }

        guard code != CURLE_OK else { return .sent }
        var reply = 0
        _ = stylify_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let message = (detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail) + (reply > 0 ? " (SMTP \(reply))" : "")
        // 5xx is the server's final word on this message (no such mailbox, relaying denied) —
        // except 530/535, authentication, which an operator fixes in the settings: retried.
        if (500...599).contains(reply), reply != 530, reply != 535 { return .rejected(message) }
        return .retry(message)
    }

    private static func milliseconds(_ interval: TimeInterval) -> Int {
        max(1, Int((interval * 1000).rounded(.up)))
    }

    /// The message bytes libcurl pulls through its read callback.
    private final class UploadSource {
        private let bytes: [UInt8]
        private var offset = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
            let count = min(capacity, bytes.count - offset)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }
    }
}
