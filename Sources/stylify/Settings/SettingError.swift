import ArgumentParser

/// A configured value that cannot be used, named the way the operator wrote it: a flag is a
/// usage error (exit 64, EX_USAGE), an environment variable a configuration error (exit 78,
/// EX_CONFIG). `CommandFailure` prints `description` as the command's one line on stderr.
struct SettingError: Error, CustomStringConvertible, Equatable {
    let origin: SettingOrigin
    /// The value as given; nil for a secret, which is never repeated.
    let value: String?
    /// What is wrong, or what is expected ("must be a positive integer").
    let problem: String

    var description: String {
        switch (origin, value) {
        case (.flag(let flag), let value?): "\(flag) \(value): \(problem)"
        case (.environment(let variable), let value?): "\(variable)=\(value): \(problem)"
        case (.flag(let name), nil), (.environment(let name), nil): "\(name): \(problem)"
        }
    }

    var exitCode: ExitCode {
        switch origin {
        case .flag: .validationFailure
        case .environment: .configurationError
        }
    }
}

/// What a setting's parser throws for a value it refuses: the sentence after the name.
struct SettingProblem: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Where a configured value came from.
enum SettingOrigin: Sendable, Equatable {
    case flag(String)
    case environment(String)
}

extension ExitCode {
    /// EX_CONFIG (78): a configuration value (here: an environment variable) is unusable.
    static let configurationError = ExitCode(78)
}
