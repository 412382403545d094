/// The version this build reports (`stylify_build_info{version}` on `/metrics`).
enum BuildVersion {
    static let current = "0.7.0"
}
