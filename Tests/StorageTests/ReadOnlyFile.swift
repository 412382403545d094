import Foundation
import XCTest

/// Makes a file unwritable. Permission bits do not stop root (CI containers often run as root),
/// so there the file is also marked immutable with `chattr +i`; where neither works the test is
/// skipped rather than passing vacuously.
enum ReadOnlyFile {
    static func make(_ url: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: url.path)
        if access(url.path, W_OK) == 0 {
            guard chattr("+i", url), access(url.path, W_OK) != 0 || !isWritable(url) else {
                throw XCTSkip("cannot make a file read-only here (root without chattr)")
            }
        }
    }

    static func undo(_ url: URL) {
        _ = chattr("-i", url)
        try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
    }

    private static func isWritable(_ url: URL) -> Bool {
        let fd = open(url.path, O_WRONLY)
        if fd >= 0 { close(fd) }
        return fd >= 0
    }

    private static func chattr(_ flag: String, _ url: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, url.path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
