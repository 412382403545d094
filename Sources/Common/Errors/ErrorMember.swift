/// The value of an extra member of a domain error's report (`limit`, `allowed`, `plan`, …):
/// problem reports carry names and whole numbers, never nested objects.
public enum ErrorMember: Sendable, Equatable {
    case string(String)
    case integer(Int64)
}
