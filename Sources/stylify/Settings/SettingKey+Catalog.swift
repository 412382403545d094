/// Every setting of the command line. `serve` reads all of them (`ServeSettings`); the offline
/// and operator commands read the ones they share (data directory, schema, models, threads).
/// README's Configuration table lists the same, and `SettingsCommandTests` checks that every
/// variable `serve --help` names is in it.
extension SettingKey {
    // Where things are.
    static let dataDir = SettingKey(
        flag: "--data-dir", variable: "STYLIFY_DATA_DIR",
        summary: "Directory for the database, blobs and upload spool", defaultText: "./data")
    static let databaseURL = SettingKey(
        flag: "--database-url", variable: "STYLIFY_DATABASE_URL",
        summary: "PostgreSQL database shared by several nodes: postgres://user:password@host:port/database",
        defaultText: "the SQLite file <data-dir>/stylify.sqlite", isSecret: true)
    static let schemaDir = SettingKey(
        flag: "--schema-dir", variable: "STYLIFY_SCHEMA",
        summary: "Directory of schema migrations", defaultText: "./Schema, else the build's repository")
    static let models = SettingKey(
        flag: "--models", variable: "STYLIFY_MODELS",
        summary: "Models root holding microast/ and adain/", defaultText: "./models")
    static let gallery = SettingKey(
        flag: "--gallery", variable: "STYLIFY_GALLERY",
        summary: "Folder of style images seeded as gallery filters at start-up",
        defaultText: "../shared/images/style when present")
    static let blobURL = SettingKey(
        flag: "--blob-url", variable: "STYLIFY_BLOB_URL",
        summary: "s3://bucket/prefix: keep blobs in an S3-compatible object store (credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION)",
        defaultText: "none, blobs on local disk under <data-dir>/blobs")
    static let s3Endpoint = SettingKey(
        flag: "--s3-endpoint", variable: "STYLIFY_S3_ENDPOINT",
        summary: "http(s)://host[:port] of the S3-compatible server, path-style addressing",
        defaultText: "AWS's regional endpoint, virtual-host addressing")
    static let webRoot = SettingKey(
        flag: "--web-root", variable: "STYLIFY_WEB_ROOT",
        summary: "Directory of the web app's static files", defaultText: "./Web, else the build's repository")

    // HTTP.
    static let listen = SettingKey(
        flag: "--listen", variable: "STYLIFY_LISTEN",
        summary: "host:port to listen on; port 0 picks a free port", defaultText: "127.0.0.1:8080")
    static let ioThreads = SettingKey(
        flag: "--io-threads", variable: "STYLIFY_IO_THREADS",
        summary: "I/O threads running the epoll loops", defaultText: "one per core")
    static let workers = SettingKey(
        flag: "--workers", variable: "STYLIFY_WORKERS",
        summary: "Worker threads for blocking handlers", defaultText: "2 per core, at least 4")
    static let maxConnections = SettingKey(
        flag: "--max-connections", variable: "STYLIFY_MAX_CONNECTIONS",
        summary: "Open connections before new ones get 503", defaultText: "10000")
    static let corsOrigins = SettingKey(
        flag: "--cors-origin", variable: "STYLIFY_CORS_ORIGINS",
        summary: "An allowed CORS origin; repeat for several, * for any; the variable takes a comma-separated list",
        defaultText: "none, no CORS headers")
    static let logFormat = SettingKey(
        flag: "--log-format", variable: "STYLIFY_LOG_FORMAT",
        summary: "Access log format: logfmt or json", defaultText: "logfmt")
    static let quiet = SettingKey(
        flag: "--quiet", variable: "STYLIFY_QUIET",
        summary: "No access log; for benchmarks", defaultText: "off", isSwitch: true)
    static let operatorToken = SettingKey(
        flag: "--operator-token", variable: "STYLIFY_OPERATOR_TOKEN",
        summary: "Bearer token that GET /metrics requires, at least 16 characters",
        defaultText: "the one in <data-dir>/operator-token, generated at first start with mode 0600", isSecret: true)

    // Roles.
    static let role = SettingKey(
        flag: "--role", variable: "STYLIFY_ROLE",
        summary: "all (API and job workers in one process), api (never renders: jobs go to the shared queue) or worker (renders jobs; HTTP serves only /healthz, /readyz, /metrics)",
        defaultText: "all")

    // Background work.
    static let sweepSeconds = SettingKey(
        flag: "--sweep-seconds", variable: "STYLIFY_SWEEP_SECONDS",
        summary: "Seconds between content sweeps removing expired assets and unused blobs", defaultText: "300")
    static let webhooksAllowPrivate = SettingKey(
        flag: "--webhooks-allow-private", variable: "STYLIFY_WEBHOOKS_ALLOW_PRIVATE",
        summary: "Allow webhook endpoints on private, loopback, link-local and other internal addresses",
        defaultText: "off, public addresses only", isSwitch: true)
    static let fetchAllowHosts = SettingKey(
        flag: "--fetch-allow-host", variable: "STYLIFY_FETCH_ALLOW_HOSTS",
        summary: "A host (name or address, e.g. 127.0.0.1, localhost, ::1) that content_url and style_url may fetch from although it is internal; repeat for several, the variable takes a comma-separated list; for development and tests",
        defaultText: "none, public addresses only")

    // Mail and accounts.
    static let publicURL = SettingKey(
        flag: "--public-url", variable: "STYLIFY_PUBLIC_URL",
        summary: "The server's public base URL, for the links in password-reset and verification mails",
        defaultText: "http://<the address it listens on>")
    static let smtpURL = SettingKey(
        flag: "--smtp-url", variable: "STYLIFY_SMTP_URL",
        summary: "SMTP server for outgoing mail: smtp://host[:port] (STARTTLS when offered) or smtps://host[:port]",
        defaultText: "none, mail is written to the mail log")
    static let smtpUsername = SettingKey(
        flag: "--smtp-username", variable: "STYLIFY_SMTP_USERNAME",
        summary: "User name for the SMTP server", defaultText: "none, no AUTH")
    static let smtpPassword = SettingKey(
        flag: "--smtp-password", variable: "STYLIFY_SMTP_PASSWORD",
        summary: "Password for the SMTP server", defaultText: "none", isSecret: true)
    static let mailFrom = SettingKey(
        flag: "--mail-from", variable: "STYLIFY_MAIL_FROM",
        summary: "From address of outgoing mail, name@domain or \"Name <name@domain>\"",
        defaultText: "Stylify <stylify@localhost>")
    static let mailLog = SettingKey(
        flag: "--mail-log", variable: "STYLIFY_MAIL_LOG",
        summary: "File that mail is appended to (mode 0600) when no SMTP server is set; each message is also logged with its link",
        defaultText: "<data-dir>/mail.log")
    static let unverifiedFrames = SettingKey(
        flag: "--unverified-frames", variable: "STYLIFY_UNVERIFIED_FRAMES",
        summary: "Frames a free account may render in all before it verifies its e-mail address (403 email_unverified beyond)",
        defaultText: "10")

    // Compute.
    static let threads = SettingKey(
        flag: "--threads", variable: "STYLIFY_THREADS",
        summary: "Threads each inference splits its work over", defaultText: "one per core")
    static let blasThreading = SettingKey(
        flag: "--blas-threading", variable: "STYLIFY_BLAS_THREADS",
        summary: "Let OpenBLAS run its own threads inside GEMMs instead of ours (for comparison)",
        defaultText: "off", isSwitch: true)
    static let codecThreads = SettingKey(
        flag: "--codec-threads", variable: "STYLIFY_CODEC_THREADS",
        summary: "Threads of each video job's decoder and of its encoder; 0 lets FFmpeg choose", defaultText: "1")
    static let videoSegmentFrames = SettingKey(
        flag: "--video-segment-frames", variable: "STYLIFY_VIDEO_SEGMENT_FRAMES",
        summary: "Cut videos of at least twice this many frames at keyframes into segments of about this many, rendered by every free worker of every node in parallel; 0 renders each video on one worker",
        defaultText: "0")
}
