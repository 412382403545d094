import ArgumentParser

/// The flags of `stylify serve`, as typed. Each falls back to the environment variable its help
/// names, then to its default; `ServeSettings` resolves and checks them all at once.
struct ServeOptions: ParsableArguments {
    @Option(help: SettingKey.listen.help)
    var listen: String?

    @Option(help: SettingKey.dataDir.help)
    var dataDir: String?

    @Option(help: SettingKey.databaseURL.help(SettingKey.databaseURL.summary, valueName: "url"))
    var databaseURL: String?

    @Option(help: SettingKey.schemaDir.help)
    var schemaDir: String?

    @Option(help: SettingKey.role.help)
    var role: String?

    @Option(help: SettingKey.blobURL.help)
    var blobURL: String?

    @Option(help: SettingKey.s3Endpoint.help)
    var s3Endpoint: String?

    @Option(help: SettingKey.gallery.help)
    var gallery: String?

    @Option(help: SettingKey.webRoot.help)
    var webRoot: String?

    @Option(help: SettingKey.ioThreads.help)
    var ioThreads: Int?

    @Option(help: SettingKey.workers.help)
    var workers: Int?

    @Option(help: SettingKey.maxConnections.help)
    var maxConnections: Int?

    @Option(help: SettingKey.corsOrigins.help)
    var corsOrigin: [String] = []

    @Option(help: SettingKey.logFormat.help)
    var logFormat: String?

    @Flag(help: SettingKey.quiet.help)
    var quiet = false

    @Option(help: SettingKey.operatorToken.help(SettingKey.operatorToken.summary, valueName: "token"))
    var operatorToken: String?

    @Option(help: SettingKey.sweepSeconds.help)
    var sweepSeconds: Int?

    @Flag(help: ArgumentHelp(
        SettingKey.webhooksAllowPrivate.help.abstract,
        discussion: "By default webhooks go only to public addresses, so an account cannot make the server call into its own network."))
    var webhooksAllowPrivate = false

    @Option(help: ArgumentHelp(
        SettingKey.fetchAllowHosts.help.abstract,
        discussion: "By default the server fetches URLs only from public addresses (every redirect is checked too), so an account cannot make it read its own network or a cloud metadata service.",
        valueName: "host"))
    var fetchAllowHost: [String] = []
    @Option(help: SettingKey.publicURL.help(SettingKey.publicURL.summary, valueName: "url"))
    var publicURL: String?

    @Option(help: SettingKey.smtpURL.help(SettingKey.smtpURL.summary, valueName: "url"))
    var smtpURL: String?

    @Option(help: SettingKey.smtpUsername.help)
    var smtpUsername: String?

    @Option(help: SettingKey.smtpPassword.help)
    var smtpPassword: String?

    @Option(help: SettingKey.mailFrom.help(SettingKey.mailFrom.summary, valueName: "address"))
    var mailFrom: String?

    @Option(help: SettingKey.mailLog.help(SettingKey.mailLog.summary, valueName: "file"))
    var mailLog: String?

    @Option(help: SettingKey.unverifiedFrames.help)
    var unverifiedFrames: Int?

    /// `--models`, `--threads`, `--blas-threading`.
    @OptionGroup var models: ModelOptions

    @Option(help: SettingKey.codecThreads.help)
    var codecThreads: Int?

    @Option(help: SettingKey.videoSegmentFrames.help)
    var videoSegmentFrames: Int?
}
