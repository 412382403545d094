/// The value of an extra member of a domain error's report (`limit`, `allowed`, `plan`, …):
/// problem reports carry names, whole numbers and lists of names, never nested objects.
public enum ErrorMember: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    /// A list of names (the models a server has loaded, those a plan allows).
    case strings([String])
}
