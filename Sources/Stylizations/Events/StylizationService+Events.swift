import Foundation
import Jobs
import Webhooks

extension StylizationService {
    /// Enqueues the webhook event of every stylization that ends in this process. Its inputs
    /// were recorded in the transaction that stored the job, so they are always there by then.
    func observeTerminalEvents(_ events: StylizationEvents) {
        jobs.addObserver { [weak self] job in
            guard let self, job.status.isTerminal, let inputs = (try? recordedInputs(for: [job.id]))?[job.id] else { return }
            // A lost enqueue loses one notification, never the stylization; clients can still poll.
            try? enqueueEvent(for: Stylization(job: job, inputs: inputs), events: events)
        }
    }

    /// Announces stylizations that ended within `window` without an event: the process stopped
    /// between a job's end (durable) and its observer's enqueue. Called once at start-up.
    func announceMissedEvents(_ events: StylizationEvents, window: TimeInterval = 24 * 3600) {
        // Only stylizations: a job submitted by another path has no recorded inputs.
        guard let ended = try? jobs.ended(since: Date().addingTimeInterval(-window), limit: 1000),
              let inputs = try? recordedInputs(for: ended.map(\.id)) else { return }
        let stylizations = ended.compactMap { job in inputs[job.id].map { Stylization(job: job, inputs: $0) } }
        guard let missed = try? Set(events.webhooks.unannounced(stylizations.map(\.job.id.rawValue))) else { return }
        for stylization in stylizations where missed.contains(stylization.job.id.rawValue) {
            try? enqueueEvent(for: stylization, events: events)
        }
    }

    /// The event carries the stylization with its result's availability, as GET shows it.
    /// Enqueueing is idempotent per stylization and event type.
    func enqueueEvent(for stylization: Stylization, events: StylizationEvents) throws {
        let job = stylization.job
        let type: WebhookEventType
        switch job.status {
        case .succeeded: type = .stylizationSucceeded
        case .failed: type = .stylizationFailed
        case .canceled: type = .stylizationCanceled
        case .queued, .running: return
        }
        let rendered = try withResultAssets([stylization], account: job.account)[0]
        try events.webhooks.enqueue(WebhookEvent(
            type: type, account: job.account, subject: job.id.rawValue, occurredAt: job.finishedAt ?? Date(),
            data: try events.render(rendered), callbackURL: stylization.inputs.webhookURL))
    }
}
