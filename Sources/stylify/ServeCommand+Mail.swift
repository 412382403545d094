import Accounts
import Common
import Foundation
import Mail
import Storage

extension ServeCommand {
    /// Outgoing mail: the outbox dispatcher with the SMTP sender when `--smtp-url` is set, else
    /// the log sender (the mail log file and one log line per message, with its link).
    static func makeMail(settings: ServeSettings, database: any SQLDatabase) -> MailService {
        let sender: any MailSender
        if let smtp = settings.smtp {
            sender = SMTPSender(configuration: smtp)
            log("level=info msg=\"mail goes to SMTP\" url=\(smtp.url)")
        } else {
            sender = LogSender(file: settings.mailLog, from: settings.mailFrom, log: { log($0) })
            log("level=info msg=\"mail is written to the mail log\" file=\(settings.mailLog.path)")
        }
        return MailService(database: database, sender: sender)
    }

    /// The Accounts configuration of `serve`: links in mails under `publicURL` (the configured
    /// one, else the address the server got, set once it listens).
    static func accountsConfiguration(publicURL: Locked<String>) -> AccountsConfiguration {
        var configuration = AccountsConfiguration()
        configuration.publicURL = { publicURL.withLock { $0 } }
        return configuration
    }
}
