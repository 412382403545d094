import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One hop of a fetch over libcurl: GET with the host pinned, no redirects followed by curl, no
/// proxy from the environment, http and https only, connect and total timeouts. The head is
/// judged as it arrives (status, `Content-Length` against the limit, `Content-Type`), the body
/// is counted and written to `file` until it passes the limit. Whatever refuses the answer
/// removes `file`.
enum RemoteTransfer {
    enum Outcome {
        case redirect(location: String)
        case file(bytes: Int64, mediaType: String)
    }

    /// What the callbacks saw; shared with them through an unmanaged pointer.
    final class State {
        let descriptor: Int32
        let limit: Int64
        var status = 0
        var declared: Int64?
        var contentType = ""
        var location: String?
        var received: Int64 = 0
        /// Set by a callback that stopped the transfer on purpose.
        var stop: Stop?
        var writeFailed = false

        enum Stop {
            case redirect, badStatus, notMedia, tooLarge(Int64)
        }

        init(descriptor: Int32, limit: Int64) {
            self.descriptor = descriptor
            self.limit = limit
        }
    }

    static func run(url: String, pin: HTTPPoster.Pin?, file: URL, maxBytes: Int64, policy: RemoteFetchPolicy,
                    userAgent: String, param: String) throws -> Outcome {
        guard HTTPPoster.globalInitialization == CURLE_OK else { throw RemoteFetchError.internalFailure("libcurl could not be initialised") }
        guard let handle = curl_easy_init() else { throw RemoteFetchError.internalFailure("libcurl could not create a handle") }
        defer { curl_easy_cleanup(handle) }
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw RemoteFetchError.internalFailure("could not create a temporary file") }
        let state = State(descriptor: descriptor, limit: maxBytes)
        var keep = false
        defer {
            close(descriptor)
            if !keep { try? FileManager.default.removeItem(at: file) }
        }

        var resolveList: UnsafeMutablePointer<curl_slist>?
        if let pin { resolveList = curl_slist_append(resolveList, "\(pin.host):\(pin.port):\(pin.address.resolveEntryForm)") }
        defer { curl_slist_free_all(resolveList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(state).toOpaque()

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
            var setup = CURLE_OK
            func set(_ result: CURLcode) { if setup == CURLE_OK { setup = result } }
            set(stylify_curl_set_string(handle, CURLOPT_URL, url))
            set(stylify_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
            set(stylify_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
            set(stylify_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0))
            set(stylify_curl_set_string(handle, CURLOPT_PROXY, ""))
            set(stylify_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(policy.connectTimeout)))
            set(stylify_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(policy.totalTimeout)))
            set(stylify_curl_set_string(handle, CURLOPT_USERAGENT, userAgent))
            if resolveList != nil { set(stylify_curl_set_list(handle, CURLOPT_RESOLVE, resolveList)) }
            set(stylify_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBytes.baseAddress))
            set(stylify_curl_set_header_reader(handle, { data, size, count, context in
                guard let data, let context else { return 0 }
                let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
                let length = size * count
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                return RemoteTransfer.header(line, state: state) ? length : 0
            }, context))
            set(stylify_curl_set_writer(handle, { data, size, count, context in
                guard let data, let context else { return 0 }
                let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
                let length = size * count
                state.received += Int64(length)
                guard state.received <= state.limit else {
                    state.stop = .tooLarge(state.received)
                    return 0
                }
                var offset = 0
                while offset < length {
                    let written = write(state.descriptor, data + offset, length - offset)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else {
                        state.writeFailed = true
                        return 0
                    }
                    offset += written
                }
                return length
            }, context))
            guard setup == CURLE_OK else { return setup }
            return withExtendedLifetime(state) { curl_easy_perform(handle) }
        }

        switch state.stop {
        case .redirect?:
            guard let location = state.location, !location.isEmpty else { throw RemoteFetchError.badStatus(param: param, status: state.status) }
            return .redirect(location: location)
        case .badStatus?:
            throw RemoteFetchError.badStatus(param: param, status: state.status)
        case .notMedia?:
            throw RemoteFetchError.notMedia(param: param, contentType: state.contentType)
        case .tooLarge(let requested)?:
            throw RemoteFetchError.tooLarge(param: param, limit: maxBytes, requested: requested)
        case nil:
            break
        }
        if state.writeFailed { throw RemoteFetchError.internalFailure("could not write the fetched file") }
        switch code {
        case CURLE_OK:
            if let declared = state.declared, declared != state.received {
                throw RemoteFetchError.truncated(param: param, received: state.received, declared: declared)
            }
            keep = true
            return .file(bytes: state.received, mediaType: state.contentType)
        case CURLE_PARTIAL_FILE:
            throw RemoteFetchError.truncated(param: param, received: state.received, declared: state.declared ?? state.received)
        case CURLE_OPERATION_TIMEDOUT:
            throw RemoteFetchError.timedOut(param: param, seconds: Int(policy.totalTimeout.rounded(.up)))
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            throw RemoteFetchError.invalidURL(param: param, detail: "is not a URL that can be fetched.")
        case CURLE_COULDNT_RESOLVE_HOST:
            throw RemoteFetchError.unresolvable(param: param, host: pin?.host ?? url)
        default:
            throw RemoteFetchError.unreachable(param: param, detail: message(code, errorBuffer))
        }
    }

    /// One header line; false stops the transfer (the reason is in `state.stop`).
    static func header(_ line: String, state: State) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            // A new response head (after a 100 Continue, say): forget the previous one.
            let parts = trimmed.split(separator: " ", maxSplits: 2)
            state.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            state.declared = nil
            state.contentType = ""
            state.location = nil
            return true
        }
        if trimmed.isEmpty {
            // The end of the head: judge the answer before one body byte is read.
            if (100..<200).contains(state.status) { return true }
            if (300..<400).contains(state.status), state.location != nil {
                state.stop = .redirect
                return false
            }
            guard (200..<300).contains(state.status) else {
                state.stop = .badStatus
                return false
            }
            guard state.contentType.hasPrefix("image/") || state.contentType.hasPrefix("video/") else {
                state.stop = .notMedia
                return false
            }
            return true
        }
        let parts = trimmed.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return true }
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "content-length":
            guard let declared = Int64(value), declared >= 0 else { return true }
            state.declared = declared
            if declared > state.limit, (200..<300).contains(state.status) {
                state.stop = .tooLarge(declared)
                return false
            }
        case "content-type":
            state.contentType = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        case "location":
            state.location = value
        default:
            break
        }
        return true
    }

    private static func milliseconds(_ interval: TimeInterval) -> Int {
        max(1, Int((interval * 1000).rounded(.up)))
    }

    private static func message(_ code: CURLcode, _ buffer: [CChar]) -> String {
        let detail = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }
}
