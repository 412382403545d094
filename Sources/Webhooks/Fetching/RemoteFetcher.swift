import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fetches a client's `content_url` / `style_url` to a temporary file with the webhook SSRF
/// guard: the host is resolved once, every address judged by `RemoteFetchPolicy`, and the one
/// chosen pinned for the connection (`CURLOPT_RESOLVE`), so DNS rebinding cannot swap it in
/// between. Redirects are followed by hand, up to `policy.maxRedirects`, each hop validated,
/// resolved and pinned like the first. The size limit is enforced from `Content-Length` and
/// again while the body streams; only `image/*` and `video/*` answers are read; connect and
/// total timeouts bound each hop. A refused or failed fetch leaves no file behind.
public struct RemoteFetcher: Sendable {
    public let policy: RemoteFetchPolicy
    let userAgent: String

    public init(policy: RemoteFetchPolicy = RemoteFetchPolicy(), userAgent: String = "Stylify-Fetch/1") {
        self.policy = policy
        self.userAgent = userAgent
    }

    /// Downloads `url` into a new file under `directory`.
    ///
    /// - Parameters:
    ///   - param: the request field the URL came in, named by every refusal.
    ///   - maxBytes: the largest body accepted (the plan's `upload_bytes`).
    /// - Throws: `RemoteFetchError`.
    public func fetch(_ url: String, param: String, maxBytes: Int64, into directory: URL) throws -> FetchedFile {
        var current = url
        for _ in 0...policy.maxRedirects {
            let target = try validated(current, param: param)
            let pin = try pin(for: target, param: param)
            let file = directory.appendingPathComponent("fetch-\(UUID().uuidString)")
            switch try RemoteTransfer.run(
                url: target.text, pin: pin, file: file, maxBytes: maxBytes, policy: policy, userAgent: userAgent, param: param) {
            case .redirect(let location):
                guard let next = URL(string: location, relativeTo: URL(string: target.text))?.absoluteString else {
                    throw RemoteFetchError.invalidURL(param: param, detail: "redirected to an unusable Location \(location.prefix(200)).")
                }
                current = next
            case .file(let bytes, let mediaType):
                return FetchedFile(file: file, bytes: bytes, mediaType: mediaType, fileName: Self.fileName(of: target.text))
            }
        }
        throw RemoteFetchError.tooManyRedirects(param: param, limit: policy.maxRedirects)
    }

    /// The webhook URL rules (absolute http(s), a host, no user info, ≤ 2048 printable characters).
    private func validated(_ text: String, param: String) throws -> WebhookURL {
        do {
            return try WebhookURL(text)
        } catch WebhooksError.invalidURL(let detail) {
            throw RemoteFetchError.invalidURL(param: param, detail: detail)
        }
    }

    /// Resolves the host and picks the first address the policy permits; names that mean the
    /// machine itself are refused before any lookup.
    private func pin(for target: WebhookURL, param: String) throws -> HTTPPoster.Pin? {
        let host = target.host
        let exempt = policy.exempts(host)
        if !exempt, host == "localhost" || host.hasSuffix(".localhost") || host == "localhost." {
            throw RemoteFetchError.addressNotAllowed(param: param, host: host)
        }
        let addresses: [IPAddress]
        if let numeric = HostResolver.numericAddress(host) {
            addresses = [numeric]
        } else {
            do {
                addresses = try HostResolver.addresses(of: host)
            } catch {
                throw RemoteFetchError.unresolvable(param: param, host: host)
            }
        }
        guard let address = addresses.first(where: { policy.permits($0, host: host) }) else {
            throw RemoteFetchError.addressNotAllowed(param: param, host: host)
        }
        // A literal address is connected to as it is; a name is pinned to the address judged.
        return IPAddress(host) == nil ? HTTPPoster.Pin(host: host, port: target.port, address: address) : nil
    }

    static func fileName(of url: String) -> String? {
        guard let last = URL(string: url)?.lastPathComponent, !last.isEmpty, last != "/" else { return nil }
        return last
    }
}
