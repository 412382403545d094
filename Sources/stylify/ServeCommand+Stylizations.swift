import API
import Common
import Accounts
import Filters
import Foundation
import HTTPServer
import Inference
import Jobs
import Quotas
import Storage
import Stylizations
import Webhooks

extension ServeCommand {
    /// The stylization side of `serve`: a `JobService` whose results live in `<data-dir>/results`,
    /// and the `/v1/stylizations` endpoints. Returns the job service so the caller starts it with
    /// the other services and stops it on shutdown (running jobs go back to the queue). At most
    /// `synchronousRenders` requests render a small image within the request (0 on API nodes:
    /// every job is queued for the workers); more are queued.
    /// With `webhooks`, every stylization's terminal event is enqueued for the account's endpoints.
    /// `uploads` admits content uploaded within `POST /v1/stylizations` (multipart) against the plan.
    /// Video jobs run their decoder and encoder with `codecThreads` threads each, and videos of at
    /// least twice `videoSegmentFrames` frames are spread over every free worker (0: never).
    /// With `lifecycle`, idempotency keys past their 24 h are deleted hourly.
    static func registerStylizations(
        on router: inout Router, authenticated: AuthenticatedRoutes, filterServices: FilterServeServices, database: any SQLDatabase,
        dataDirectory: URL, codecThreads: Int, videoSegmentFrames: Int = 0, synchronousRenders: Int, uploads: UploadAdmission, uploadDirectory: URL,
        webhooks: WebhookService? = nil, lifecycle: ServiceLifecycle? = nil
    ) throws -> JobService {
        let jobs = try JobService(
            database: database, quotas: filterServices.quotas, blobs: filterServices.assets.blobs, models: filterServices.models,
            configuration: JobServiceConfiguration(
                resultsDirectory: dataDirectory.appendingPathComponent("results"), codecThreads: codecThreads,
                // Results become assets of the account, expiring with the plan's retention.
                resultPublisher: filterServices.assets, videoSegmentFrames: videoSegmentFrames))
        let stylizations = StylizationService(
            database: database, assets: filterServices.assets, filters: filterServices.filters, jobs: jobs, synchronousRenders: synchronousRenders,
            events: webhooks.map { .webhooks($0) })
        // Content may also be uploaded inline (multipart), admitted against the plan like POST /v1/assets.
        let streams = StylizationEndpoints.register(
            on: &router, authenticated: authenticated, stylizations: stylizations, uploads: uploads, uploadDirectory: uploadDirectory,
            fetcher: filterServices.fetcher)
        // Open streams end with the HTTP server; this only stops their heartbeat thread.
        lifecycle?.add("event-streams", stopWithin: 5, start: {}, stop: streams.stop)
        // Keys of accounts that never send another one (each account's own go when it does).
        let keySweep = PeriodicTask(name: "stylify-idempotency-sweep", every: 3600, runsAtStart: true) {
            do {
                let forgotten = try stylizations.idempotency.forgetExpired()
                if forgotten > 0 { log("level=info msg=\"forgot expired idempotency keys\" count=\(forgotten)") }
            } catch {
                log("level=warn msg=\"idempotency sweep failed\" error=\"\(error)\"")
            }
        }
        lifecycle?.add("idempotency-sweep", stopWithin: 5, start: keySweep.start, stop: { keySweep.stop() })
        return jobs
    }
}
