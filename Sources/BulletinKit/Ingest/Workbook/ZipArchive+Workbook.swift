/// The ZIP archive as a workbook package: parts are entries, inflated as they are read.
extension ZipArchive: WorkbookPackage {
    func storedPath(of part: String) -> String? { entry(named: part)?.path }

    func open(_ storedPath: String) throws(WorkbookError) -> PartByteSource {
        try open(storedPath, verifiesChecksum: true)
    }

    /// The part without its CRC-32 check, for the merged-range search: the sheet is read again
    /// in full, with the check, so checking it twice would only cost a second CRC of every byte.
    func openForLookAhead(_ storedPath: String) throws(WorkbookError) -> PartByteSource {
        try open(storedPath, verifiesChecksum: false)
    }

    private func open(_ storedPath: String, verifiesChecksum: Bool) throws(WorkbookError) -> PartByteSource {
        guard let entry = entry(named: storedPath) else {
            throw WorkbookError(
                .notAWorkbook, part: storedPath, message: "the package has no part \(storedPath)")
        }
        do {
            return ZipPartSource(try stream(entry, verifiesChecksum: verifiesChecksum))
        } catch {
            throw WorkbookError(error)
        }
    }
}

/// A ZIP entry's inflating stream as the bytes of a part.
final class ZipPartSource: PartByteSource {
    private let stream: ZipEntryStream

    init(_ stream: ZipEntryStream) { self.stream = stream }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(WorkbookError) -> Int {
        do {
            return try stream.read(into: buffer)
        } catch {
            throw WorkbookError(error.part == nil ? error.inPart(stream.entryPath) : error)
        }
    }
}

extension WorkbookError {
    /// A container fault in workbook terms: what it means for the user and what to do.
    init(_ error: ContainerError) {
        switch error.kind {
        case .notZip:
            self.init(
                .notAWorkbook, part: error.part, problem: .init(.workbookNotXLSX, ["detail": .message(error.problem)]))
        case .oleCompoundFile, .encrypted:
            self.init(.legacyOrProtected, part: error.part, problem: .init(.workbookLegacyOrProtected))
        case .tooLarge:
            self.init(.tooLarge, part: error.part, problem: error.problem)
        case .truncated, .unsupported, .corrupt, .checksumMismatch:
            self.init(.damaged, part: error.part, problem: error.problem)
        }
    }
}

extension ZipArchive {
    /// Opens a workbook file as a ZIP package, its faults in workbook terms.
    static func workbook(path: String) throws(WorkbookError) -> ZipArchive {
        do {
            return try ZipArchive(path: path)
        } catch {
            throw WorkbookError(error).inFile(path)
        }
    }
}

extension SheetReader {
    /// Opens `sheet` of the workbook held by `archive`; `file` names it in errors and findings.
    init(archive: ZipArchive, file: String, sheet: SheetSelector) throws(WorkbookError) {
        try self.init(package: archive, file: file, sheet: sheet)
    }
}
