import Filters
import Inference
import Quotas

/// What `serve`'s filters set-up shares with the stylization endpoints: one `QuotaService`,
/// `AssetService` and `FilterService` per process, the models' location, and the sweep timer
/// (keep it alive while the server runs).
struct FilterServeServices {
    let quotas: QuotaService
    let assets: AssetService
    let filters: FilterService
    let models: ModelLocator
    let sweeps: ContentSweepTimer
}
