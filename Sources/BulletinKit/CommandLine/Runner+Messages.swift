import Foundation

extension Runner {
    /// The words the terminal prints a dataset's findings in (SPEC §8): the message templates of
    /// `--locale`, else of the dataset's `"locale"`, from the templates the build would use — the
    /// `--templates` folder, the dataset's own, or the shipped ones. The compiled-in English
    /// templates when bulletin.json cannot be read (its locale is then unknown) or no locale file
    /// with messages is found, so that a broken dataset still gets its errors printed.
    static func messageTexts(dataset: String, locale: String?, templates: String?, executable: String)
        -> MessageTexts
    {
        let directory = URL(fileURLWithPath: dataset)
        guard let locale = locale ?? configuredLocale(of: directory) else { return .english }
        let shipped = TemplateSearch.shipped(
            executable: executable, workingDirectory: FileManager.default.currentDirectoryPath)
        // A customised templates folder from before messages were localised has labels but no
        // messages: the shipped ones then say it.
        let folders = [TemplateLocation.find(option: templates, dataset: directory, shipped: shipped), shipped]
        for folder in folders.compactMap({ $0 }) {
            guard let labels = try? TemplateLocation.labels(in: folder, locale: locale) else { continue }
            let texts = MessageTexts(labels: labels)
            if !texts.isEmpty { return texts }
        }
        return .english
    }

    /// The `"locale"` of the dataset's bulletin.json — its default when the key is absent — or
    /// nil when the file cannot be read as JSON or names no locale Bulletin has.
    static func configuredLocale(of directory: URL) -> String? {
        let path = directory.appendingPathComponent(Dataset.configurationFile).path
        guard let data = FileManager.default.contents(atPath: path), let top = try? JSONValue.parse(data),
            case .object = top
        else { return nil }
        guard let value = top["locale"] else { return Configuration.defaultLocale }
        return value.stringValue.flatMap { Configuration.locales.contains($0) ? $0 : nil }
    }
}
