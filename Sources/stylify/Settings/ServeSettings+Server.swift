import API
import HTTPServer

extension ServeSettings {
    /// The HTTP server's configuration for these settings (routes, readiness checks and request
    /// metrics are added by `ServeCommand`).
    func serverConfiguration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = listen.host
        configuration.port = listen.port
        // The spool lives beside the blobs so that keeping an upload is a rename, not a copy.
        configuration.temporaryDirectory = dataDirectory.appendingPathComponent("tmp")
        if let ioThreads { configuration.ioThreads = ioThreads }
        if let workers { configuration.workerThreads = workers }
        if let maxConnections { configuration.maxConnections = maxConnections }
        if !corsOrigins.isEmpty { configuration.cors = CORSPolicy(allowedOrigins: corsOrigins) }
        configuration.webRoot = webRoot
        configuration.accessLog = AccessLog(format: accessLog)
        configuration.role = role.rawValue
        return configuration
    }
}
