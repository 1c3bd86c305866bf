import Dispatch
import Foundation

/// Renders a site's pages and writes each into a folder as soon as it is made, on every core,
/// so that thousands of unit pages are never all held in memory. The bytes of every file are
/// the same whatever the number of threads or the order they finish in.
struct PageWriter {
    /// The folder written into (a build's staging folder).
    let folder: URL
    /// How many pages render at once; 1 renders in order on the calling thread.
    var concurrency = ProcessInfo.processInfo.activeProcessorCount
    /// Called after each page with the number written so far (from any thread).
    var progress: (@Sendable (Int) -> Void)?
    /// Stops the writing of further pages when cancelled (Ctrl-C).
    var cancellation = Cancellation()

    /// Why a page could not be made or written.
    enum Failure: Error {
        case template(MustacheError)
        case file(path: String, Error)
    }

    /// Renders and writes every page; on failure, throws the failure of the first page (in page
    /// order) that failed, so the message does not depend on thread timing.
    func write(_ pages: [Site.Page]) throws(Failure) {
        // Folders first, once each, rather than a "create if missing" per file.
        let folders = Set(
            pages.compactMap { page -> String? in
                let parent = (page.path as NSString).deletingLastPathComponent
                return parent.isEmpty ? nil : parent
            })
        for relative in folders.sorted() {
            do {
                try OutputDirectory.makeFolders(relative, in: folder)
            } catch {
                throw .file(path: relative, error)
            }
        }
        let state = State(cancellation: cancellation)
        let workers = max(1, min(concurrency, pages.count))
        let folder = self.folder
        let progress = self.progress
        let work: @Sendable (Int) -> Void = { _ in
            while let index = state.next(limit: pages.count) {
                let page = pages[index]
                do {
                    try PageWriter.write(page, to: folder.appendingPathComponent(page.path).path)
                    let written = state.finished()
                    progress?(written)
                } catch let error as MustacheError {
                    state.fail(index, .template(error))
                } catch {
                    state.fail(index, .file(path: page.path, error))
                }
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        if let failure = state.firstFailure { throw failure }
    }
}

extension PageWriter {
    /// Renders a page into a new file a chunk at a time, as it is made.
    static func write(_ page: Site.Page, to path: String) throws {
        let descriptor = try FileWriting.create(path)
        defer { close(descriptor) }
        let sink = ChunkSink(descriptor: descriptor)
        try page.write(sink)
        if let error = sink.error { throw error }
    }

    /// The shared cursor and failures of the workers.
    fileprivate final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var written = 0
        private var failures: [(index: Int, failure: Failure)] = []
        private let cancellation: Cancellation

        init(cancellation: Cancellation) { self.cancellation = cancellation }

        func next(limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            // After a failure or Ctrl-C nothing more is started: the build is going to be discarded.
            guard nextIndex < limit, failures.isEmpty, !cancellation.isCancelled else {
                return nil
            }
            nextIndex += 1
            return nextIndex - 1
        }

        func finished() -> Int {
            lock.lock()
            defer { lock.unlock() }
            written += 1
            return written
        }

        func fail(_ index: Int, _ failure: Failure) {
            lock.lock()
            failures.append((index, failure))
            lock.unlock()
        }

        var firstFailure: Failure? {
            lock.lock()
            defer { lock.unlock() }
            return failures.min { $0.index < $1.index }?.failure
        }
    }
}
