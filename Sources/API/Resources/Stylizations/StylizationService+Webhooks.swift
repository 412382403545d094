import Foundation
import Jobs
import Webhooks

extension StylizationService {
    /// Enqueues the webhook event of every stylization that ends in this process. A job whose
    /// inputs are not recorded yet (it ended before `create` recorded them) is announced by
    /// `create` instead, so the event always carries the stylization exactly as GET renders it.
    func observeTerminalEvents(webhooks: WebhookService) {
        jobs.addObserver { [weak self] job in
            guard let self, job.status.isTerminal, let entry = (try? inputs.entries(for: [job.id]))?[job.id] else { return }
            // A lost enqueue loses one notification, never the stylization; clients can still poll.
            try? enqueueEvent(for: Created(job: job, inputs: entry), webhooks: webhooks)
        }
    }

    /// Announces stylizations that ended within `window` without an event: the process stopped
    /// between a job's end (durable) and its observer's enqueue. Called once at start-up.
    func announceMissedEvents(window: TimeInterval = 24 * 3600) {
        guard let webhooks else { return }
        guard let ended = try? inputs.ended(since: Date().addingTimeInterval(-window), limit: 1000),
              let missed = try? Set(webhooks.unannounced(ended.map(\.job.rawValue))) else { return }
        for (id, account) in ended where missed.contains(id.rawValue) {
            guard let job = try? jobs.get(id, account: account), let entry = (try? inputs.entries(for: [id]))?[id] else { continue }
            try? enqueueEvent(for: Created(job: job, inputs: entry), webhooks: webhooks)
        }
    }

    /// After `create` recorded the inputs: announces a job that already ended (a synchronous
    /// image, or a job faster than the request). Enqueueing is idempotent, so the observer
    /// announcing it too delivers nothing twice.
    func announceIfEnded(_ job: Job, inputs entry: StylizationInputs.Entry) {
        guard let webhooks else { return }
        let current = job.status.isTerminal ? job : (try? jobs.get(job.id, account: job.account)) ?? job
        guard current.status.isTerminal else { return }
        try? enqueueEvent(for: Created(job: current, inputs: entry), webhooks: webhooks)
    }

    /// The event carries the stylization with its result's availability, as GET shows it.
    func enqueueEvent(for stylization: Created, webhooks: WebhookService) throws {
        let job = stylization.job
        let type: WebhookEventType
        switch job.status {
        case .succeeded: type = .stylizationSucceeded
        case .failed: type = .stylizationFailed
        case .canceled: type = .stylizationCanceled
        case .queued, .running: return
        }
        let rendered = try withResultAssets([stylization], account: job.account)[0]
        let data = try Response.makeJSONEncoder().encode(StylizationResource(rendered))
        try webhooks.enqueue(WebhookEvent(
            type: type, account: job.account, subject: job.id.rawValue, occurredAt: job.finishedAt ?? Date(),
            data: [UInt8](data), callbackURL: stylization.inputs.webhookURL))
    }
}
