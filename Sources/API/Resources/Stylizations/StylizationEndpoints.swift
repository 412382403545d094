import Foundation
import HTTPServer
import Stylizations
import Webhooks

/// The stylization endpoints of API.md, behind the authenticated middleware stack: routes, auth,
/// parsing and rendering over the `Stylizations` module's `StylizationService`.
///
///     let stylizations = StylizationService(database: db, assets: assets, filters: filters, jobs: jobs,
///                                           events: .webhooks(webhookService))
///     StylizationEndpoints.register(on: &router, authenticated: stack, stylizations: stylizations)
public enum StylizationEndpoints {
    /// Registers `POST/GET /v1/stylizations`, `GET /v1/stylizations/{id}`, `…/{id}/result`,
    /// `…/{id}/events` (Server-Sent Events), `POST …/{id}/cancel` and `GET /v1/models`.
    ///
    /// - Parameters:
    ///   - uploads: admits a multipart `POST` (content uploaded inline) against the caller's plan
    ///     from the request head; without it, such bodies are capped at `maxUploadBytes`.
    ///   - uploadDirectory: where inline content is written while the request runs (and content
    ///     fetched from a `content_url`).
    ///   - fetcher: fetches `content_url` (public addresses only unless its policy names hosts).
    ///   - eventStreams: the open event streams (a new set with default settings when nil).
    /// - Returns: the event streams, whose `stop()` ends their heartbeat thread.
    @discardableResult
    public static func register(
        on router: inout Router, authenticated: AuthenticatedRoutes, stylizations: StylizationService,
        uploads: UploadAdmission? = nil, uploadDirectory: URL = FileManager.default.temporaryDirectory,
        maxUploadBytes: Int64 = 1 << 30, fetcher: RemoteFetcher = RemoteFetcher(), eventStreams: StylizationEventStreams? = nil
    ) -> StylizationEventStreams {
        let createOptions = StylizationRoutes.createOptions(uploads: uploads, fallbackUploadBytes: maxUploadBytes)
        let streams = eventStreams ?? StylizationEventStreams(service: stylizations)
        router.group("/v1", middleware: authenticated.middleware) { v1 in
            StylizationRoutes.register(
                on: &v1, service: stylizations, createOptions: createOptions, uploadDirectory: uploadDirectory, fetcher: fetcher)
            ModelRoutes.register(on: &v1, service: stylizations)
            StylizationStreamRoutes.register(on: &v1, streams: streams)
            StylizationBatchRoutes.register(on: &v1, service: stylizations)
        }
        return streams
    }
}
