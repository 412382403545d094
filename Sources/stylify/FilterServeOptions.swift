import ArgumentParser

/// The `stylify serve` options for filters and assets.
struct FilterServeOptions: ParsableArguments {
    @Option(help: "Models root holding microast/ and adain/ (STYLIFY_MODELS, default ./models).")
    var models: String?

    @Option(help: "Folder of style images seeded as gallery filters at start-up (STYLIFY_GALLERY, default ../shared/images/style when present).")
    var gallery: String?

    @Option(help: "Seconds between content sweeps removing expired assets and unused blobs (STYLIFY_SWEEP_SECONDS, default 300).")
    var sweepSeconds: Int?
}
