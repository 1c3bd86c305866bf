/// Why a workbook (`.xlsx`, SPEC §2.4) could not be read: what kind of fault, in which file and
/// which part of its package, where in that part, and what the user can do about it.
struct WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of fault, each with its own remedy.
    enum Kind: String, Sendable, Equatable {
        /// Not a ZIP package, or a ZIP without a workbook in it.
        case notAWorkbook
        /// A legacy `.xls` or a password-protected workbook (both OLE compound files).
        case legacyOrProtected
        /// A damaged package: broken ZIP structure, bad DEFLATE data, a CRC mismatch.
        case damaged
        /// A part whose XML is not well-formed (the part and byte offset are given).
        case notWellFormed
        /// The sheet asked for is not in the workbook (the message lists the sheet names).
        case noSuchSheet
        /// A part, text or value past the limits that keep memory bounded.
        case tooLarge
    }

    /// The kind of fault.
    var kind: Kind
    /// The workbook's file as the user named it (empty when read from memory).
    var file: String
    /// The part of the package, e.g. `xl/worksheets/sheet1.xml`, when one is concerned.
    var part: String?
    /// The 0-based byte offset in the (inflated) part, for XML faults.
    var byteOffset: Int?
    /// What was wrong and what to do, as a message any locale can word.
    var problem: Diagnostic.Message
    /// The problem in English.
    var message: String { problem.description }

    /// A fault of `kind` described by `problem`.
    init(
        _ kind: Kind, file: String = "", part: String? = nil, byteOffset: Int? = nil, problem: Diagnostic.Message
    ) {
        self.kind = kind
        self.file = file
        self.part = part
        self.byteOffset = byteOffset
        self.problem = problem
    }

    /// A fault whose description is technical English made where it is found (a damaged
    /// part's XML, a ZIP structure).
    init(_ kind: Kind, file: String = "", part: String? = nil, byteOffset: Int? = nil, message: String) {
        self.init(kind, file: file, part: part, byteOffset: byteOffset, problem: .plain(message))
    }

    /// `file[part]@offset: message`, naming only what is known.
    var description: String {
        var location = file
        if let part { location += "[\(part)]" }
        if let byteOffset { location += "@\(byteOffset)" }
        return location.isEmpty ? message : "\(location): \(message)"
    }

    /// The same fault, attributed to `file`.
    func inFile(_ file: String) -> WorkbookError {
        var error = self
        error.file = file
        return error
    }
}

/// The bytes of one part of a workbook package, handed out a chunk at a time, so that the XML
/// scanner does not care whether they come from a ZIP entry being inflated, a file or memory.
protocol PartByteSource: AnyObject {
    /// Fills the front of `buffer` with the next bytes; returns how many, 0 only at the end.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(WorkbookError) -> Int
}

/// A workbook package: named parts that can be opened as byte streams. The ZIP archive is the
/// real one; tests also read extracted folders and in-memory parts through it.
protocol WorkbookPackage {
    /// The part's path as stored, found exactly or tolerantly (leading `/`, `\`, ASCII case);
    /// nil when there is no such part.
    func storedPath(of part: String) -> String?
    /// The bytes of a part named by its stored path.
    func open(_ storedPath: String) throws(WorkbookError) -> PartByteSource
    /// The bytes of a part for a pass that only looks ahead (the merged-range search), which the
    /// package may hand out with fewer checks when the part is then read in full with `open`.
    func openForLookAhead(_ storedPath: String) throws(WorkbookError) -> PartByteSource
}

extension WorkbookPackage {
    func openForLookAhead(_ storedPath: String) throws(WorkbookError) -> PartByteSource { try open(storedPath) }
}

/// A part held in memory.
final class MemoryPartSource: PartByteSource {
    private let bytes: [UInt8]
    private var position = 0
    /// At most this many bytes per read, so tests can split tokens at every boundary.
    private let chunk: Int

    init(_ bytes: [UInt8], chunk: Int = .max) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(WorkbookError) -> Int {
        let count = min(buffer.count, chunk, bytes.count - position)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.update(from: from + position, count: count) }
        }
        position += count
        return count
    }
}
