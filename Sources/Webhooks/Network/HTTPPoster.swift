import CCurl
import Foundation

/// POSTs one webhook over libcurl with the safety settings of Docs/Webhooks.md: connect and total
/// timeouts, no redirects, no proxy from the environment, http and https only, the response
/// body read up to a cap and discarded, and the host pinned to the address that was checked.
///
/// `package`: the delivery benchmark (`Benchmarks.RawPostLoop`) posts through the very same settings.
package struct HTTPPoster: Sendable {
    package enum Result: Equatable {
        case answered(status: Int)
        case timedOut(String)
        case failed(String)
        /// `abort` was raised mid-transfer: nothing is known about the receiver.
        case aborted
    }

    /// A host name pinned to an address (`CURLOPT_RESOLVE`).
    package struct Pin {
        let host: String
        let port: Int
        let address: IPAddress
    }

    let connectTimeout: TimeInterval
    let totalTimeout: TimeInterval
    let maxResponseBytes: Int
    let userAgent: String

    package init(connectTimeout: TimeInterval, totalTimeout: TimeInterval, maxResponseBytes: Int, userAgent: String) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }

    /// `curl_global_init` is not thread-safe; a lazy static runs it exactly once (for
    /// `RemoteTransfer` too).
    static let globalInitialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    package func post(url: String, pin: Pin?, headers: [String], body: [UInt8], abort: AbortSignal? = nil) -> Result {
        guard Self.globalInitialization == CURLE_OK else { return .failed("libcurl could not be initialised") }
        guard let handle = curl_easy_init() else { return .failed("libcurl could not create a handle") }
        defer { curl_easy_cleanup(handle) }

        var headerList: UnsafeMutablePointer<curl_slist>?
        // No `Expect: 100-continue` round trip: receivers answer the whole request at once.
        for header in headers + ["Expect:"] { headerList = curl_slist_append(headerList, header) }
        defer { curl_slist_free_all(headerList) }
        var resolveList: UnsafeMutablePointer<curl_slist>?
        if let pin { resolveList = curl_slist_append(resolveList, "\(pin.host):\(pin.port):\(pin.address.resolveEntryForm)") }
        defer { curl_slist_free_all(resolveList) }

        let received = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        received.initialize(repeating: 0, count: 2)
        received[1] = maxResponseBytes
        defer { received.deallocate() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
            var setup = CURLE_OK
            func set(_ result: CURLcode) { if setup == CURLE_OK { setup = result } }
            set(stylify_curl_set_string(handle, CURLOPT_URL, url))
            set(stylify_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
            set(stylify_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
            set(stylify_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0))
            set(stylify_curl_set_string(handle, CURLOPT_PROXY, ""))
            set(stylify_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)))
            set(stylify_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(totalTimeout)))
            set(stylify_curl_set_string(handle, CURLOPT_USERAGENT, userAgent))
            set(stylify_curl_set_list(handle, CURLOPT_HTTPHEADER, headerList))
            if resolveList != nil { set(stylify_curl_set_list(handle, CURLOPT_RESOLVE, resolveList)) }
            set(stylify_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBytes.baseAddress))
            set(body.withUnsafeBytes { raw in
                stylify_curl_set_post_body(handle, raw.baseAddress?.assumingMemoryBound(to: CChar.self), body.count)
            })
            set(stylify_curl_set_writer(handle, { _, size, count, context in
                // Counts and discards; past the cap, returning less than given aborts the transfer.
                guard let counter = context?.assumingMemoryBound(to: Int.self) else { return 0 }
                let length = size * count
                counter[0] += length
                return counter[0] > counter[1] ? 0 : length
            }, received))
            if let abort {
                set(stylify_curl_set_progress(handle, { context, _, _, _, _ in
                    guard let context else { return 0 }
                    return Unmanaged<AbortSignal>.fromOpaque(context).takeUnretainedValue().isRaised ? 1 : 0
                }, Unmanaged.passUnretained(abort).toOpaque()))
            }
            guard setup == CURLE_OK else { return setup }
            return withExtendedLifetime(abort) { curl_easy_perform(handle) }
        }

        var status = 0
        _ = stylify_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        switch code {
        case CURLE_OK:
            return .answered(status: status)
        case CURLE_WRITE_ERROR where status > 0:
            // The receiver answered, then sent more body than we read: its status stands.
            return .answered(status: status)
        case CURLE_ABORTED_BY_CALLBACK:
            return .aborted
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(Self.message(code, errorBuffer))
        default:
            return .failed(Self.message(code, errorBuffer))
        }
    }

    private static func milliseconds(_ interval: TimeInterval) -> Int {
        max(1, Int((interval * 1000).rounded(.up)))
    }

    private static func message(_ code: CURLcode, _ buffer: [CChar]) -> String {
        let detail = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }
}
