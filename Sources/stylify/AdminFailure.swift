import Accounts
import ArgumentParser
import Foundation
import Quotas
import Storage

/// Turns domain and storage errors into a message on stderr and a sysexits(3) exit code:
/// 65 bad data (unknown id, corrupt database), 66 missing file, 70 internal. Usage errors (64) are
/// reported by ArgumentParser itself.
struct AdminFailure: Error {
    let message: String
    let code: ExitCode

    init(message: String, code: ExitCode) {
        self.message = message
        self.code = code
    }

    init(_ error: any Error) {
        switch error {
        case let failure as AdminFailure:
            self = failure
        case let error as AccountsError:
            if case .storage(let storage) = error {
                self.init(storage)
            } else {
                self.init(message: error.description, code: .dataError)
            }
        case let error as QuotaError:
            self.init(quota: error)
        case let error as StorageError:
            switch error {
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
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            let failure = AdminFailure(error)
            FileHandle.standardError.write(Data("stylify admin: \(failure.message)\n".utf8))
            throw failure.code
        }
    }
}

extension ExitCode {
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let internalSoftware = ExitCode(70)
}
