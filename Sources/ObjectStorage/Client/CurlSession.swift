import CCurl
import Common
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Blocking HTTP over libcurl easy handles. Idle handles are kept in a small pool so that
/// consecutive requests reuse their keep-alive connections (`curl_easy_reset` keeps them).
///
/// Safety settings for every request: http and https only, no redirects followed, no proxy taken
/// from the environment, a connect timeout, a stall timeout (less than `lowSpeedBytes` per second
/// for `stallTimeout`) and an overall ceiling.
final class CurlSession: @unchecked Sendable {
    // @unchecked: the pool holds C handles (not Sendable) and is only touched under its lock; a
    // handle is used by one thread at a time between `take` and `give`.
    struct Settings: Sendable {
        var connectTimeout: TimeInterval
        var stallTimeout: TimeInterval
        var requestTimeout: TimeInterval
        var lowSpeedBytes = 1024
        var userAgent = "stylify-objectstorage"
        /// Largest body kept in memory (listings, error documents).
        var memoryLimit = 32 << 20
    }

    let settings: Settings
    private let pool = Locked<[UnsafeMutableRawPointer]>([])
    private static let maximumIdleHandles = 8

    /// `curl_global_init` must run once before the first handle, and not concurrently.
    private static let globalInitialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    init(settings: Settings) {
        self.settings = settings
    }

    deinit {
        for handle in pool.withLock({ $0 }) { curl_easy_cleanup(handle) }
    }

    /// Sends `exchange`; a successful answer's body goes to `sink` when one is given.
    func perform(_ exchange: HTTPExchange, sink: ResponseSink?) -> Result<HTTPResult, TransportFailure> {
        guard Self.globalInitialization == CURLE_OK else { return .failure(.other("libcurl could not be initialised")) }
        guard let handle = take() else { return .failure(.other("libcurl could not create a handle")) }
        var reusable = true
        defer { give(handle, reusable: reusable) }

        let transfer: CurlTransfer
        do {
            transfer = try CurlTransfer(body: exchange.body, sink: sink, memoryLimit: settings.memoryLimit)
        } catch {
            return .failure(.other("\(error)"))
        }
        var headerList: UnsafeMutablePointer<curl_slist>?
        // No `Expect: 100-continue` round trip before each upload.
        for header in exchange.headers + ["Expect:"] { headerList = curl_slist_append(headerList, header) }
        defer { curl_slist_free_all(headerList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(transfer).toOpaque()

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
            var setup = CURLE_OK
            func set(_ result: CURLcode) { if setup == CURLE_OK { setup = result } }
            set(stylify_curl_set_string(handle, CURLOPT_URL, exchange.url))
            set(stylify_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
            set(stylify_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
            set(stylify_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0))
            set(stylify_curl_set_string(handle, CURLOPT_PROXY, ""))
            set(stylify_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout)))
            set(stylify_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(settings.requestTimeout)))
            set(stylify_curl_set_long(handle, CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedBytes))
            set(stylify_curl_set_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(settings.stallTimeout.rounded(.up)))))
            set(stylify_curl_set_string(handle, CURLOPT_USERAGENT, settings.userAgent))
            set(stylify_curl_set_list(handle, CURLOPT_HTTPHEADER, headerList))
            set(stylify_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBytes.baseAddress))
            set(stylify_curl_set_header_reader(handle, { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            }, context))
            set(stylify_curl_set_writer(handle, { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
            }, context))
            switch exchange.method {
            case "GET":
                break
            case "HEAD":
                set(stylify_curl_set_long(handle, CURLOPT_NOBODY, 1))
            case "PUT":
                set(stylify_curl_set_long(handle, CURLOPT_UPLOAD, 1))
                set(stylify_curl_set_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(exchange.body.length)))
                set(stylify_curl_set_reader(handle, { buffer, size, count, context in
                    guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }
                    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                    return transfer.supplyBody(UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
                }, context))
            case "POST":
                set(stylify_curl_set_long(handle, CURLOPT_POST, 1))
                set(stylify_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(exchange.body.length)))
                set(stylify_curl_set_reader(handle, { buffer, size, count, context in
                    guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }
                    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                    return transfer.supplyBody(UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
                }, context))
            default:
                set(stylify_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, exchange.method))
            }
            guard setup == CURLE_OK else { return setup }
            return withExtendedLifetime(transfer) { curl_easy_perform(handle) }
        }

        let message = Self.message(code, errorBuffer)
        switch code {
        case CURLE_OK:
            return .success(HTTPResult(status: transfer.status, headers: transfer.headers, body: transfer.memory))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            reusable = false
            return .failure(.connect(message))
        case CURLE_OPERATION_TIMEDOUT:
            reusable = false
            return .failure(.timeout(message))
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            reusable = false
            return .failure(.interrupted(message))
        case CURLE_WRITE_ERROR where transfer.sinkFailure != nil:
            return .failure(.other("\(transfer.sinkFailure!)"))
        case CURLE_ABORTED_BY_CALLBACK where transfer.uploadFailure != nil:
            return .failure(.other("reading the upload failed: \(transfer.uploadFailure!)"))
        default:
            reusable = false
            return .failure(.other(message))
        }
    }

    private func take() -> UnsafeMutableRawPointer? {
        if let handle = pool.withLock({ $0.popLast() }) {
            curl_easy_reset(handle)
            return handle
        }
        return curl_easy_init()
    }

    private func give(_ handle: UnsafeMutableRawPointer, reusable: Bool) {
        let kept = reusable && pool.withLock { idle in
            guard idle.count < Self.maximumIdleHandles else { return false }
            idle.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle) }
    }

    private static func milliseconds(_ interval: TimeInterval) -> Int {
        max(1, Int((interval * 1000).rounded(.up)))
    }

    private static func message(_ code: CURLcode, _ buffer: [CChar]) -> String {
        let detail = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }
}
