import Foundation
import Inference
import Jobs
import Media
import Quotas
import Storage
import TestSupport
import XCTest

/// A real database (a SQLite file in a temp directory, or a PostgreSQL database with
/// `STYLIFY_TEST_DATABASE=postgresql`), the real Quotas and the real weights, with the leases
/// shortened so recovery tests do not wait long.
class JobsTestCase: XCTestCase {
    var directory: URL!
    var testDatabase: TestDatabase!
    var database: (any SQLDatabase)!
    var quotas: QuotaService!
    /// Where contents are put for the jobs and results land, by key.
    var blobs: LocalDiskBlobStore!
    /// Services made by `makeService`, stopped in tearDown.
    private var services: [JobService] = []

    /// One style code for every test (the style encoder runs once per process).
    static let styleCode: StyleCode = {
        let style = try! ImageDecoder.decode(contentsOf: Fixtures.styleImages.appendingPathComponent("la_muse.jpg"))
        let model = try! ModelLocator(directory: Fixtures.models).load(.microast)
        return try! ImageStylizer(model: model).styleCode(for: style)
    }()

    var styles: [WeightedStyle] { [WeightedStyle(code: Self.styleCode, weight: 1)] }
    var resultsDirectory: URL { directory.appendingPathComponent("results") }
    var blobRoot: URL { directory.appendingPathComponent("blobs") }
    var photo: URL { Fixtures.contentImages.appendingPathComponent("cornell.jpg") }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("jobs")
        testDatabase = try TestDatabase(in: directory, label: "jobs")
        database = try testDatabase.open()
        quotas = try QuotaService(database: database)
        blobs = try LocalDiskBlobStore(root: blobRoot)
    }

    override func tearDownWithError() throws {
        for service in services { service.stop() }
        services = []
        database = nil
        testDatabase?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    func configuration(workers: Int = 1, workerLease: TimeInterval = 2) -> JobServiceConfiguration {
        JobServiceConfiguration(resultsDirectory: resultsDirectory, workers: workers, workerLease: workerLease,
                                heartbeatInterval: 0.2, reservationLease: 60, pollInterval: 0.2)
    }

    /// A service on the test's database, or on `database` (another connection set to the same
    /// file: what a second process would have) with its own quota service.
    func makeService(_ configuration: JobServiceConfiguration? = nil, database other: (any SQLDatabase)? = nil) throws -> JobService {
        let database = other ?? self.database!
        let quotas = other == nil ? self.quotas! : try QuotaService(database: database)
        let service = try JobService(database: database, quotas: quotas, blobs: blobs, models: ModelLocator(directory: Fixtures.models),
                                     configuration: configuration ?? self.configuration())
        services.append(service)
        return service
    }

    /// An account row as sign-up would leave it (Quotas needs only the id and the plan).
    func makeAccount(plan: String = "free") throws -> String {
        let id = "acct_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20)
        try database.write { connection in
            try connection.run("INSERT INTO accounts (id, plan, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)", id, plan, Int64(Date().timeIntervalSince1970))
        }
        return id
    }

    /// A request for the image at `content` (stored in the blob store first).
    func imageRequest(_ account: String, content: URL? = nil, maxSide: Int? = 256, format: OutputFormat = .png,
                      priority: Int? = nil) throws -> JobRequest {
        JobRequest(account: account, content: try blobs.put(contentsOf: content ?? photo).key, styles: styles,
                   options: JobOptions(maxSide: maxSide, format: format), priority: priority)
    }

    func videoRequest(_ account: String, content: URL = Fixtures.video, maxSide: Int = 128) throws -> JobRequest {
        JobRequest(account: account, content: try blobs.put(contentsOf: content).key, styles: styles,
                   options: JobOptions(maxSide: maxSide, format: .mp4))
    }

    /// The local file of a result blob, for decoders.
    func file(of result: JobResult) -> URL {
        blobs.path(for: result.key)
    }

    /// Polls until `condition` holds or `timeout` passes.
    func eventually(timeout: TimeInterval = 60, _ message: String = "condition not met in time",
                    _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TimedOut(message: message)
    }

    struct TimedOut: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Waits for the job to end and returns it.
    func finished(_ service: JobService, _ job: Job, timeout: TimeInterval = 120) throws -> Job {
        let done = try service.wait(for: job.id, account: job.account, timeout: timeout)
        XCTAssertTrue(done.status.isTerminal, "job still \(done.status) after \(timeout) s")
        return done
    }

    func usage(_ account: String) throws -> Usage {
        try quotas.usage(account: account)
    }

    /// Reservation rows of the account by state.
    func reservationStates(_ account: String) throws -> [String: Int] {
        try database.read { connection in
            var states: [String: Int] = [:]
            for row in try connection.query("SELECT state, count(*) AS n FROM frame_reservations WHERE account_id = ? GROUP BY state", account) {
                states[try row.string("state")] = try row.int("n")
            }
            return states
        }
    }

    /// Files in the results directory, temporary ones included.
    func resultFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: resultsDirectory.path)) ?? []
    }
}

/// Collects every status change a service reports, in order.
final class StatusLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(id: JobID, account: String, status: JobStatus, progress: Int)] = []

    func record(_ job: Job) {
        lock.withLock { entries.append((job.id, job.account, job.status, job.progress.done)) }
    }

    var all: [(id: JobID, account: String, status: JobStatus, progress: Int)] {
        lock.withLock { entries }
    }
}
