import Foundation

/// `--archive DIR` (SPEC §8, issue 17): an as-issued copy of what each build published — the
/// index, the briefing in Markdown and Word, summary.csv — under `DIR/<as-of>/`. An issued date
/// is never rewritten: a later build for the same date that would publish different bytes says
/// which files differ and leaves the issued copy as it is, and the history page (with
/// `--history`) compares each earlier period as recomputed today with its issued summary.csv, so
/// that a ledger changed after the fact shows.
struct Archive: Sendable {
    /// The archive folder (`DIR`).
    let folder: URL

    /// The files of the output an archive keeps, in this order.
    static let files = ["index.html", "briefing.md", "briefing.docx", "summary.csv"]

    /// What keeping a build's files did.
    enum Outcome: Equatable, Sendable {
        /// The date was new: its files are now in `DIR/<date>/`.
        case issued(folder: URL)
        /// The date was issued before with the same bytes.
        case unchanged(folder: URL)
        /// The date was issued before and this build differs in `files`; the issued copy stays.
        case differs(folder: URL, files: [String])
        /// The output was published, but its issued copy could not be moved into the archive.
        case failed(reason: String)
    }

    /// A problem with the archive folder: the build fails before its output is published.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The folder of one date.
    func folder(of day: Day) -> URL { folder.appendingPathComponent(day.description, isDirectory: true) }

    /// An issued date's files not yet in place: written beside the archive, then moved into it
    /// with one rename once the output is published (`publish()`), or removed (`discard()`).
    struct Pending {
        let staging: URL?
        let outcome: Outcome

        /// Moves a new date's files into the archive.
        func publish() throws(Failure) {
            guard let staging, case .issued(let destination) = outcome else { return }
            do {
                try FileManager.default.moveItem(at: staging, to: destination)
            } catch {
                discard()
                throw Failure(
                    description:
                        "cannot move the issued copy into \(destination.path): \(error.localizedDescription)")
            }
        }

        /// Removes files that were not published.
        func discard() {
            if let staging { try? FileManager.default.removeItem(at: staging) }
        }
    }

    /// Prepares keeping the files of `output` (the build's staged output) for `day`: a copy to
    /// move into place when the date is new, or the comparison with the issued copy.
    func prepare(from output: URL, day: Day) throws(Failure) -> Pending {
        let manager = FileManager.default
        let destination = folder(of: day)
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw Failure(description: "\(destination.path) is a file, not an archive folder")
            }
            let differing = Self.files.filter { name in
                manager.contents(atPath: output.appendingPathComponent(name).path)
                    != manager.contents(atPath: destination.appendingPathComponent(name).path)
            }
            return Pending(
                staging: nil,
                outcome: differing.isEmpty
                    ? .unchanged(folder: destination) : .differs(folder: destination, files: differing))
        }
        let staging = folder.appendingPathComponent(".\(day.description).partial", isDirectory: true)
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for name in Self.files where manager.fileExists(atPath: output.appendingPathComponent(name).path)
            {
                try manager.copyItem(
                    at: output.appendingPathComponent(name), to: staging.appendingPathComponent(name))
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw Failure(
                description: "cannot write the archive in \(folder.path): \(error.localizedDescription)")
        }
        return Pending(staging: staging, outcome: .issued(folder: destination))
    }

    /// The dates whose issued copy holds a summary.csv, for the history page's comparison (a
    /// listing only: each summary is read when its period is compared, one at a time).
    func issuedDates() -> Set<Day> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return Set(
            names.compactMap(Day.init(iso:)).filter {
                FileManager.default.fileExists(atPath: summaryURL(of: $0).path)
            })
    }

    /// The summary.csv issued on `day`, if it was.
    func issuedSummary(of day: Day) -> Data? { FileManager.default.contents(atPath: summaryURL(of: day).path) }

    private func summaryURL(of day: Day) -> URL { folder(of: day).appendingPathComponent("summary.csv") }
}
