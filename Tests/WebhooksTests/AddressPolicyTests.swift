import Webhooks
import XCTest

/// The SSRF rule: internal addresses are refused, public ones allowed.
final class AddressPolicyTests: XCTestCase {
    func testInternalAddressesAreRecognised() throws {
        let internalAddresses = [
            "0.0.0.0", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.8.9.10",
            "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.0.2.5", "198.18.0.1",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
            "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "::ffff:169.254.169.254", "64:ff9b::10.0.0.1", "2001:db8::1", "2002:0a00:0001::1", "[::1]",
        ]
        for text in internalAddresses {
            let address = try XCTUnwrap(IPAddress(text), text)
            XCTAssertTrue(AddressPolicy.isInternal(address), text)
            XCTAssertFalse(AddressPolicy(allowsPrivate: false).permits(address), text)
            XCTAssertTrue(AddressPolicy(allowsPrivate: true).permits(address), text)
        }
    }

    func testPublicAddressesAreAllowed() throws {
        for text in ["93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8"] {
            let address = try XCTUnwrap(IPAddress(text), text)
            XCTAssertFalse(AddressPolicy.isInternal(address), text)
            XCTAssertTrue(AddressPolicy(allowsPrivate: false).permits(address), text)
        }
    }

    func testHostNamesAreNotAddresses() {
        XCTAssertNil(IPAddress("example.com"))
        XCTAssertNil(IPAddress("10.0.0"))
        XCTAssertEqual(IPAddress("::ffff:10.0.0.1")?.bytes.count, 16)
    }
}
