/// The SSRF rule: which addresses webhooks may be sent to. Only globally routable unicast
/// addresses are public; everything an attacker could use to reach the server's own network
/// (loopback, RFC 1918, CGNAT, link-local, unique-local, multicast, documentation and reserved
/// ranges, and IPv6 forms that embed such an IPv4 address) is internal.
public struct AddressPolicy: Sendable {
    /// Whether internal addresses are allowed too (`serve --webhooks-allow-private`; tests).
    public let allowsPrivate: Bool

    public init(allowsPrivate: Bool) {
        self.allowsPrivate = allowsPrivate
    }

    /// Whether a delivery may connect to `address`.
    public func permits(_ address: IPAddress) -> Bool {
        allowsPrivate || !Self.isInternal(address)
    }

    /// True for every address that is not public unicast.
    public static func isInternal(_ address: IPAddress) -> Bool {
        let b = address.bytes
        if address.isIPv4 { return isInternalIPv4(b) }
        // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d and NAT64 64:ff9b::a.b.c.d carry
        // an IPv4 address that the kernel or a gateway would reach: judge that one.
        let prefix10Zero = b[0..<10].allSatisfy { $0 == 0 }
        if prefix10Zero, b[10] == 0xFF, b[11] == 0xFF { return isInternalIPv4(Array(b[12..<16])) }
        if prefix10Zero, b[10] == 0, b[11] == 0 {
            // :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible form.
            return true
        }
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B, b[4..<12].allSatisfy({ $0 == 0 }) {
            return isInternalIPv4(Array(b[12..<16]))
        }
        if b[0] == 0x20, b[1] == 0x02 { return isInternalIPv4(Array(b[2..<6])) }  // 6to4 2002::/16
        if b[0] & 0xFE == 0xFC { return true }                                     // unique local fc00::/7
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return true }                       // link-local fe80::/10
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return true }                       // site-local fec0::/10 (deprecated)
        if b[0] == 0xFF { return true }                                            // multicast ff00::/8
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0D, b[3] == 0xB8 { return true }  // documentation 2001:db8::/32
        if b[0] == 0x01, b[1] == 0x00, b[2..<8].allSatisfy({ $0 == 0 }) { return true }  // discard 100::/64
        return false
    }

    private static func isInternalIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): true                                  // "this network", 0.0.0.0
        case (10, _, _): true                                 // RFC 1918
        case (100, 64...127, _): true                         // CGNAT 100.64/10
        case (127, _, _): true                                // loopback
        case (169, 254, _): true                              // link-local (cloud metadata)
        case (172, 16...31, _): true                          // RFC 1918
        case (192, 0, 0), (192, 0, 2): true                   // IETF protocol assignments, TEST-NET-1
        case (192, 168, _): true                              // RFC 1918
        case (198, 18...19, _): true                          // benchmarking
        case (198, 51, 100), (203, 0, 113): true              // TEST-NET-2, TEST-NET-3
        case (224...255, _, _): true                          // multicast, reserved, broadcast
        default: false
        }
    }
}
