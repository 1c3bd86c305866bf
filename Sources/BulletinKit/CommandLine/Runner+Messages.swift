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

    /// The words a command-line mistake is told in: those of `--locale` when it names a locale
    /// Bulletin has, else those of the first argument that is a dataset folder (it holds
    /// bulletin.json), else English — the arguments could not be parsed, so they are searched.
    static func usageTexts(_ arguments: [String], executable: String) -> MessageTexts {
        var locale: String?
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--locale=") {
                locale = String(argument.dropFirst("--locale=".count))
            } else if argument == "--locale", index + 1 < arguments.count {
                locale = arguments[index + 1]
            }
        }
        if let chosen = locale, !Arguments.locales.contains(chosen) { locale = nil }
        let dataset = arguments.first { argument in
            !argument.hasPrefix("-")
                && FileManager.default.fileExists(
                    atPath: URL(fileURLWithPath: argument).appendingPathComponent(Dataset.configurationFile).path)
        }
        guard locale != nil || dataset != nil else { return .english }
        return messageTexts(dataset: dataset ?? "", locale: locale, templates: nil, executable: executable)
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
