import Foundation
import QunCore
import QunStore

/// `ingest --follow`: keeps reading a growing file like `tail -F`. Survives truncation (starts over at
/// the top) and rotation (finishes the old file, then opens the new one at the same path), and resumes
/// after a restart from the cursor stored with the last batch.
public final class FeedFollower {
    let ingestor: FeedIngestor
    let store: any IngestStore
    let path: String
    public var pollInterval: TimeInterval = 0.2
    public var onEvent: (String) -> Void = { _ in }

    public init(ingestor: FeedIngestor, store: any IngestStore, path: String) {
        self.ingestor = ingestor
        self.store = store
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
    }

    static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size))
    }

    /// Runs until `shouldStop` returns true (checked between polls).
    public func run(summary: inout FeedIngestor.Summary, shouldStop: () -> Bool) throws {
        var current: (handle: FileHandle, reader: LineReader, identity: FileIdentity)?
        let saved = try store.cursor(forPath: path)
        while !shouldStop() {
            if current == nil, let id = Self.identity(of: path), let handle = FileHandle(forReadingAtPath: path) {
                var start: Int64 = 0
                var line = 0
                if let saved, saved.device == id.device, saved.inode == id.inode, saved.offset <= id.size,
                    current == nil, summary.lines == 0
                {
                    start = saved.offset
                    line = saved.line
                    onEvent("resuming \(path) at line \(line + 1)")
                }
                try handle.seek(toOffset: UInt64(start))
                current = (handle, LineReader(handle: handle, startOffset: start, startLine: line), id)
            }
            guard let open = current else {
                Thread.sleep(forTimeInterval: pollInterval)
                continue
            }
            try ingestor.drain(open.reader, name: path, acceptPartial: false, summary: &summary, totalBytes: nil) { reader in
                IngestCursor(path: path, device: open.identity.device, inode: open.identity.inode, offset: reader.offset, line: reader.lineNumber)
            }
            let now = Self.identity(of: path)
            if now == nil || now!.device != open.identity.device || now!.inode != open.identity.inode {
                // Rotated or removed: the old file was read to its end above; pick up the new one.
                try? open.handle.close()
                current = nil
                if now != nil { onEvent("\(path) was replaced; reading the new file from the top") }
                continue
            }
            if now!.size < open.reader.offset {
                try? open.handle.close()
                current = nil
                onEvent("\(path) was truncated; reading from the top")
                let fresh = now!
                if let handle = FileHandle(forReadingAtPath: path) {
                    current = (handle, LineReader(handle: handle), fresh)
                    try store.saveCursor(IngestCursor(path: path, device: fresh.device, inode: fresh.inode, offset: 0, line: 0))
                }
                continue
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
        try? current?.handle.close()
    }
}
