import Foundation
import Jobs
import Webhooks

extension StylizationService {
    /// Enqueues the opt-in `stylization.started` (data: the stylization as GET shows it) and
    /// `stylization.progress` (data: `StylizationProgress`) events of stylizations running in this
    /// process. Progress goes through `throttle`: at most one event per second and per tenth of
    /// the job by default. Endpoints that do not subscribe cost one read per event, nothing more.
    func observeProgressEvents(_ events: StylizationEvents, throttle: ProgressThrottle) {
        jobs.addObserver { [weak self] job in
            if job.status.isTerminal {
                throttle.forget(job.id.rawValue)
                return
            }
            guard job.status == .running, let self,
                  let inputs = (try? recordedInputs(for: [job.id]))?[job.id] else { return }
            // A lost enqueue loses one notification; the terminal event and polling still tell.
            try? enqueueStarted(Stylization(job: job, inputs: inputs), events: events)
        }
        jobs.addProgressObserver { update in
            guard throttle.admit(update.id.rawValue, done: update.progress.done, total: update.progress.total) else { return }
            try? events.webhooks.enqueue(WebhookEvent(
                type: .stylizationProgress, account: update.account, subject: update.id.rawValue, occurredAt: Date(),
                data: StylizationProgress(update).json, sequence: update.progress.done))
        }
    }

    private func enqueueStarted(_ stylization: Stylization, events: StylizationEvents) throws {
        let job = stylization.job
        // Rendering the payload reads the database: skip it when nobody asked for the event.
        guard try events.webhooks.hasSubscriber(to: .stylizationStarted, account: job.account) else { return }
        let rendered = try withResultAssets([stylization], account: job.account)[0]
        try events.webhooks.enqueue(WebhookEvent(
            type: .stylizationStarted, account: job.account, subject: job.id.rawValue, occurredAt: job.startedAt ?? Date(),
            data: try events.render(rendered)))
    }
}
