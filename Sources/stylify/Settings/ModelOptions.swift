import ArgumentParser
import Foundation
import Inference

/// `--models` with `--threads` and `--blas-threading`, for every command that loads the network.
struct ModelOptions: ParsableArguments {
    @Option(help: SettingKey.models.help(SettingKey.models.summary, valueName: "dir"))
    var models: String?

    @OptionGroup var inference: InferenceOptions

    /// The models root: the flag, else `STYLIFY_MODELS`, else `./models`.
    func directory(_ reader: SettingsReader = SettingsReader()) -> URL {
        reader.path(models, .models) ?? URL(fileURLWithPath: "models").standardizedFileURL
    }

    /// The models root with the compute context of the resolved inference settings.
    ///
    /// - Throws: `SettingError` for an unusable `--threads` or `STYLIFY_THREADS`.
    func locator(_ reader: SettingsReader = SettingsReader()) throws -> ModelLocator {
        ModelLocator(directory: directory(reader), context: try inference.settings(reader).context())
    }
}
