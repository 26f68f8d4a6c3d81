import Foundation

/// Reads a file (or stdin) as lines of bytes in bounded memory, tracking byte offsets so a follower can
/// resume exactly after the last complete line. Strips a UTF-8 BOM on the first line and a trailing CR.
public final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var bufferStart = 0
    public private(set) var offset: Int64
    public private(set) var lineNumber: Int
    private var reachedEOF = false
    private let chunkSize: Int

    public init(handle: FileHandle, startOffset: Int64 = 0, startLine: Int = 0, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.offset = startOffset
        self.lineNumber = startLine
        self.chunkSize = chunkSize
    }

    public struct Line {
        public var number: Int
        public var bytes: Data
        /// Byte offset just past this line's newline.
        public var endOffset: Int64
    }

    /// The next complete line. At end of input a last line without a newline is returned only when
    /// `acceptPartial` is true; a follower leaves it for the writer to finish.
    public func next(acceptPartial: Bool) -> Line? {
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: 0x0A) {
                var lineBytes = buffer[bufferStart..<newline]
                let consumed = newline + 1 - bufferStart
                bufferStart = newline + 1
                return makeLine(&lineBytes, consumed: consumed)
            }
            if reachedEOF || !fill() {
                reachedEOF = false
                guard acceptPartial, bufferStart < buffer.count else { return nil }
                var lineBytes = buffer[bufferStart...]
                let consumed = buffer.count - bufferStart
                bufferStart = buffer.count
                return makeLine(&lineBytes, consumed: consumed)
            }
        }
    }

    private func makeLine(_ bytes: inout Data.SubSequence, consumed: Int) -> Line {
        lineNumber += 1
        offset += Int64(consumed)
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        return Line(number: lineNumber, bytes: Data(bytes), endOffset: offset)
    }

    /// Reads more input; false at end of file.
    private func fill() -> Bool {
        if bufferStart > 0 {
            buffer.removeSubrange(0..<bufferStart)
            bufferStart = 0
        }
        let chunk = handle.readData(ofLength: chunkSize)
        if chunk.isEmpty {
            reachedEOF = true
            return false
        }
        buffer.append(chunk)
        return true
    }
}
