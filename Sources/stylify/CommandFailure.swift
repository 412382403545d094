import Accounts
import ArgumentParser
import Foundation
import Inference
import Media
import ObjectStorage
import Quotas
import Storage

/// Turns domain and storage errors into one line on stderr and a sysexits(3) exit code, for every
/// command: 64 an unusable flag value, 65 bad data (unknown id, corrupt database, an unusable
/// image or weights file), 66 missing input, 69 a service that cannot start (serve) or a blob store
/// or database server that is unavailable, 70 internal, 78 an unusable environment variable or S3
/// setting, a blob store that refuses the credentials, bucket or region, or a database URL that is
/// malformed or names a user or database the server refuses.
/// Other usage errors (64) are reported by ArgumentParser itself.
struct CommandFailure: Error {
    let message: String
    let code: ExitCode

    init(message: String, code: ExitCode) {
        self.message = message
        self.code = code
    }

    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as SettingError:
            self.init(message: error.description, code: error.exitCode)
        case let error as AccountsError:
            if case .storage(let storage) = error {
                self.init(storage)
            } else {
                self.init(message: error.description, code: .dataError)
            }
        case let error as QuotaError:
            self.init(quota: error)
        case let error as MediaError:
            if case .unreadableFile = error {
                self.init(message: error.description, code: .noInput)
            } else {
                self.init(message: error.description, code: .dataError)
            }
        case let error as VideoError:
            switch error {
            case .fileNotFound: self.init(message: error.description, code: .noInput)
            case .encoderUnavailable, .encoderClosed, .frameSizeMismatch, .nonIncreasingTimestamp:
                self.init(message: error.description, code: .internalSoftware)
            default: self.init(message: error.description, code: .dataError)
            }
        case let error as InferenceError:
            if case .missingModelFiles = error {
                self.init(message: error.description, code: .noInput)
            } else {
                self.init(message: error.description, code: .dataError)
            }
        case let error as S3ConfigurationError:
            self.init(message: error.description, code: ExitCode(78))
        case let error as StorageError:
            switch error {
            case .blobStoreUnavailable:
                self.init(message: error.description, code: ExitCode(69))
            case .blobStoreRefused, .invalidDatabaseURL, .authenticationFailed, .databaseNotFound:
                self.init(message: error.description, code: ExitCode(78))
            case .unavailable:
                self.init(message: error.description, code: ExitCode(69))
            case .fileNotFound, .schemaDirectoryNotFound:
                self.init(message: error.description, code: .noInput)
            case .notADatabase, .corrupt, .migrationEdited, .unknownAppliedMigration, .invalidMigrationFile:
                self.init(message: error.description, code: .dataError)
            default:
                self.init(message: error.description, code: .internalSoftware)
            }
        default:
            self.init(message: "\(error)", code: .internalSoftware)
        }
    }

    /// Runs a command body, reporting any failure the sysexits way.
    static func reporting(command: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            let failure = CommandFailure(error)
            FileHandle.standardError.write(Data("stylify \(command): \(failure.message)\n".utf8))
            throw failure.code
        }
    }
}

extension CommandFailure {
    /// Malformed operator input (a limit name, a value, a period, a model list) is a usage error (64); a name
    /// that does not match anything stored (account, plan) or a clash is bad data (65).
    init(quota error: QuotaError) {
        switch error {
        case .storage(let storage):
            self.init(storage)
        case .unknownLimit, .invalidLimitValue, .invalidPeriod, .invalidModels:
            self.init(message: error.description, code: .validationFailure)
        default:
            self.init(message: error.description, code: .dataError)
        }
    }
}

extension ExitCode {
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let unavailable = ExitCode(69)
    static let internalSoftware = ExitCode(70)
}
