import Filters
import Foundation
import Quotas
import TestSupport
import XCTest

/// Real threads released together against one database: limits hold under races.
final class ConcurrencyTests: FiltersTestCase {
    func testConcurrentCreationsNeverExceedTheCustomFilterCount() throws {
        let account = try makeAccount()
        _ = try quotas.administration.setOverride(.customFilters, to: 3, forAccount: account)
        let outcomes = try race(threads: 6) { [filters = filters!, style = style("sketch.png")] index in
            _ = try filters.create(account: account, styleImage: style, name: "Racer \(index)")
        }
        XCTAssertEqual(outcomes.filter { $0 == nil }.count, 3, "\(outcomes)")
        for case let error? in outcomes {
            guard case .quota(.quotaExceeded(.customFilters, _, 3, 1, "free", _)) = error as? FiltersError else {
                return XCTFail("\(error)")
            }
        }
        XCTAssertEqual(try count("filters"), 3)
        XCTAssertEqual(try count("blobs"), 2, "all six uploads were the same bytes")
    }

    func testConcurrentUploadsNeverExceedStoredBytes() throws {
        let account = try makeAccount()
        let names = ["brad_pitt.jpg", "golden_gate.jpg", "sailboat.jpg", "flowers.jpg", "cornell.jpg"]
        let sizes = try names.map { Int64(try Data(contentsOf: contentImage($0)).count) }
        // Room for the two smallest files only.
        let allowed = sizes.sorted().prefix(2).reduce(0, +)
        _ = try quotas.administration.setOverride(.storedBytes, to: allowed, forAccount: account)
        let files = names.map(contentImage)
        let outcomes = try race(threads: names.count) { [assets = assets!] index in
            _ = try assets.create(account: account, uploadedFile: files[index], declaredName: nil)
        }
        let stored = try assets.list(account: account).items.reduce(Int64(0)) { $0 + $1.bytes }
        XCTAssertLessThanOrEqual(stored, allowed)
        XCTAssertGreaterThanOrEqual(outcomes.filter { $0 == nil }.count, 1)
        // The refused uploads had already written their blobs; they must have been removed.
        XCTAssertEqual(filesInBlobStore().count, try count("blobs"), "\(filesInBlobStore())")
        for case let error? in outcomes {
            guard case .quota(.quotaExceeded(.storedBytes, _, allowed, _, "free", _)) = error as? FiltersError else {
                return XCTFail("\(error)")
            }
        }
    }

    /// Runs `body(index)` on `threads` threads released at the same moment; returns each error
    /// (nil for success), in index order.
    private func race(threads: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws -> [(any Error)?] {
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let results = Results(count: threads)
        for index in 0..<threads {
            done.enter()
            let thread = Thread {
                start.wait()
                do { try body(index) } catch { results.set(index, error) }
                done.leave()
            }
            thread.start()
        }
        for _ in 0..<threads { start.signal() }
        XCTAssertEqual(done.wait(timeout: .now() + 120), .success)
        return results.values
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [(any Error)?]

        init(count: Int) { errors = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ error: any Error) {
            lock.lock()
            errors[index] = error
            lock.unlock()
        }

        var values: [(any Error)?] {
            lock.lock()
            defer { lock.unlock() }
            return errors
        }
    }
}
