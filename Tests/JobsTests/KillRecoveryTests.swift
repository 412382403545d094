import Foundation
import Inference
import Jobs
import Quotas
import Storage
import TestSupport
import XCTest

/// A real worker process killed with SIGKILL mid-job: the next service re-runs the job and
/// meters its frames once. The worker is this test bundle run again with only
/// `WorkerProcessHelper` selected, so it is the same code a server runs.
final class KillRecoveryTests: JobsTestCase {
    func testJobOfAWorkerKilledWithSIGKILLIsRecoveredAndMeteredOnce() throws {
        let account = try makeAccount(plan: "premium")
        let submitter = try makeService()
        let job = try submitter.submit(videoRequest(account, maxSide: 160))

        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        worker.arguments = ["JobsTests.WorkerProcessHelper/testServeJobsUntilKilled"]
        worker.environment = ProcessInfo.processInfo.environment.merging([
            WorkerProcessHelper.databaseVariable: testDatabase.location,
            WorkerProcessHelper.resultsVariable: resultsDirectory.path,
            WorkerProcessHelper.blobsVariable: blobRoot.path,
        ]) { $1 }
        worker.standardOutput = FileHandle.nullDevice
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }

        try eventually(timeout: 60, "the worker process never made progress") {
            try submitter.get(job.id, account: account).progress.done >= 2
        }
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        XCTAssertEqual(worker.terminationReason, .uncaughtSignal)
        let orphaned = try submitter.get(job.id, account: account)
        XCTAssertEqual(orphaned.status, .running, "the dead worker could not record anything")
        XCTAssertLessThan(orphaned.progress.done, 240)

        let restarted = try makeService()
        restarted.start()
        let done = try finished(restarted, job)
        XCTAssertEqual(done.status, .succeeded, "\(String(describing: done.problem))")
        XCTAssertEqual(done.attempts, 2)
        XCTAssertEqual(done.result?.frames, 240)
        XCTAssertEqual(try usage(account).frames, 240, "metered exactly once")
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        XCTAssertEqual(try reservationStates(account), ["committed": 1])
        XCTAssertEqual(resultFiles(), [], "the dead worker's partial file was removed (the result is a blob)")
        XCTAssertEqual(try blobs.head(try XCTUnwrap(done.result).key)?.size, done.result?.bytes)
    }
}

/// Runs a job service in a child process until it is killed; skipped in a normal test run.
final class WorkerProcessHelper: XCTestCase {
    static let databaseVariable = "STYLIFY_JOBS_WORKER_DATABASE"
    static let resultsVariable = "STYLIFY_JOBS_WORKER_RESULTS"
    static let blobsVariable = "STYLIFY_JOBS_WORKER_BLOBS"

    func testServeJobsUntilKilled() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment[Self.databaseVariable], let results = environment[Self.resultsVariable],
              let blobs = environment[Self.blobsVariable] else {
            throw XCTSkip("runs only as the worker process of KillRecoveryTests")
        }
        let database = try TestDatabase.open(location: path)
        let service = try JobService(
            database: database, quotas: try QuotaService(database: database),
            blobs: try LocalDiskBlobStore(root: URL(fileURLWithPath: blobs)), models: ModelLocator(directory: Fixtures.models),
            configuration: JobServiceConfiguration(resultsDirectory: URL(fileURLWithPath: results), workers: 1, workerLease: 2,
                                                   heartbeatInterval: 0.2, pollInterval: 0.2))
        service.start()
        Thread.sleep(forTimeInterval: 300)
        XCTFail("the parent test should have killed this worker")
    }
}
