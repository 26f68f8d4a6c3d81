import Foundation
import QunCore

/// `qundeck import FILE`: reads a platform export and streams its events, in batches, to a sink (the
/// store's `append`). Bad records are reported through `onProblem` and skipped; the rest still goes in.
/// Nothing is kept in memory beyond one batch and one record (plus, for Telegram exports, the
/// name-only joins of one chat, and for Bot API updates the ids already seen).
///
/// Idempotent: every event's external id comes from the export itself, so importing the same file
/// twice produces the same ids and the store adds nothing the second time. See docs/imports.md.
public struct Importer {
    public var options: ImportOptions

    public init(options: ImportOptions) {
        self.options = options
    }

    public func run(url: URL, sink: ([Event]) throws -> Void, onProblem: (ImportProblem) -> Void) throws -> ImportSummary {
        try withoutActuallyEscaping(sink) { sink in
            try withoutActuallyEscaping(onProblem) { onProblem in
                try runEscaping(url: url, sink: sink, onProblem: onProblem)
            }
        }
    }

    private func runEscaping(
        url: URL, sink: @escaping ([Event]) throws -> Void, onProblem: @escaping (ImportProblem) -> Void
    ) throws -> ImportSummary {
        let format = try options.format ?? ImportDetector.detect(url: url)
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.cannotOpen(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError.cannotOpen(path: path, reason: "it is a directory") }
        let context = ImportContext(format: format, options: options, url: url, sink: sink, onProblem: onProblem)
        switch format {
        case .whatsapp:
            if url.pathExtension.lowercased() == "zip" {
                let extracted = try ZipChatExtractor.extract(url)
                defer { try? FileManager.default.removeItem(at: extracted.directory) }
                try WhatsAppImporter(context: context, url: extracted.url, fileName: url.lastPathComponent).run()
            } else {
                try WhatsAppImporter(context: context, url: url, fileName: url.lastPathComponent).run()
            }
        case .telegram:
            let handle = try open(url)
            defer { try? handle.close() }
            try TelegramExportImporter(context: context, handle: handle).run()
        case .telegramBot:
            let handle = try open(url)
            defer { try? handle.close() }
            try TelegramBotImporter(context: context, handle: handle).run()
        case .discord:
            let handle = try open(url)
            defer { try? handle.close() }
            try DiscordImporter(context: context, handle: handle).run()
        }
        try context.flush()
        return context.summary
    }

    private func open(_ url: URL) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ImportError.cannotOpen(path: url.path, reason: "permission denied")
        }
        return handle
    }
}
