import Foundation

/// Why the streaming JSON reader stopped.
enum JSONStreamError: Error, CustomStringConvertible {
    /// The input ended inside a value (a truncated export).
    case truncated(offset: Int64)
    /// A byte that cannot start or continue JSON here.
    case unexpected(byte: UInt8, offset: Int64, expected: String)
    /// A raw line break inside a string: the structure is damaged (JSON strings cannot hold one).
    case lineBreakInString(offset: Int64)

    var description: String {
        switch self {
        case let .truncated(offset):
            return "the file ends inside this record (at byte \(offset)); the export looks truncated"
        case let .unexpected(byte, offset, expected):
            let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "byte 0x%02X", byte)
            return "not valid JSON: \(shown) at byte \(offset) where \(expected) was expected"
        case let .lineBreakInString(offset):
            return "not valid JSON: a line break inside a string at byte \(offset)"
        }
    }
}

/// Walks a JSON document in a file without loading it: the caller steps through objects and arrays it
/// cares about (`nextKey`, `nextElement`) and cuts out or skips the values inside (`captureValue`,
/// `skipValue`). Memory stays bounded by the largest single value captured plus one read chunk, so a
/// 1 GB export is read one message at a time. Seekable, so a list that comes before the fields it
/// needs can be read after them.
final class JSONByteStream {
    private let handle: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var index = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset: Int64
    private var atEOF = false
    /// While capturing, bytes from here on are kept across refills.
    private var captureStart: Int?

    init(handle: FileHandle, startOffset: Int64 = 0, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.chunkSize = chunkSize
        self.bufferOffset = startOffset
    }

    /// The file offset of the next unread byte.
    var offset: Int64 { bufferOffset + Int64(index) }

    func seek(to offset: Int64) throws {
        try handle.seek(toOffset: UInt64(offset))
        buffer.removeAll(keepingCapacity: true)
        index = 0
        bufferOffset = offset
        atEOF = false
        captureStart = nil
    }

    /// Reads the next chunk; false at end of input.
    private func refill() -> Bool {
        if atEOF { return false }
        let keepFrom = captureStart ?? index
        if keepFrom > 0 {
            buffer.removeSubrange(0..<keepFrom)
            bufferOffset += Int64(keepFrom)
            index -= keepFrom
            if captureStart != nil { captureStart = 0 }
        }
        let chunk = handle.readData(ofLength: chunkSize)
        if chunk.isEmpty {
            atEOF = true
            return false
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    /// The next byte that is not JSON whitespace (a UTF-8 byte-order mark is skipped too), not consumed.
    func peek() -> UInt8? {
        while true {
            while index < buffer.count {
                let b = buffer[index]
                if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                    index += 1
                } else if b == 0xEF, offset == 0, isBOM() {
                    index += 3
                } else {
                    return b
                }
            }
            if !refill() { return nil }
        }
    }

    private func isBOM() -> Bool {
        while index + 3 > buffer.count { if !refill() { return false } }
        return buffer[index + 1] == 0xBB && buffer[index + 2] == 0xBF
    }

    func consume() { index += 1 }

    func expect(_ byte: UInt8, _ what: String) throws {
        guard let b = peek() else { throw JSONStreamError.truncated(offset: offset) }
        guard b == byte else { throw JSONStreamError.unexpected(byte: b, offset: offset, expected: what) }
        index += 1
    }

    /// Steps into an object: expects `{`.
    func beginObject() throws { try expect(0x7B, "'{'") }

    /// Steps into an array: expects `[`.
    func beginArray() throws { try expect(0x5B, "'['") }

    /// The next key of the object being walked, or nil after its closing `}`. The key's value is next.
    func nextKey() throws -> String? {
        guard var b = peek() else { throw JSONStreamError.truncated(offset: offset) }
        if b == 0x7D {
            index += 1
            return nil
        }
        if b == 0x2C {
            index += 1
            guard let n = peek() else { throw JSONStreamError.truncated(offset: offset) }
            b = n
        }
        guard b == 0x22 else { throw JSONStreamError.unexpected(byte: b, offset: offset, expected: "a key or '}'") }
        let bytes = try captureValue()
        try expect(0x3A, "':'")
        guard case let .string(key) = try JSONSliceParser.parse(bytes) else { return "" }
        return key
    }

    /// Moves to the next element of the array being walked: true when there is one (read it next),
    /// false after the closing `]`.
    func nextElement() throws -> Bool {
        guard var b = peek() else { throw JSONStreamError.truncated(offset: offset) }
        if b == 0x2C {
            index += 1
            guard let n = peek() else { throw JSONStreamError.truncated(offset: offset) }
            b = n
        }
        if b == 0x5D {
            index += 1
            return false
        }
        return true
    }

    /// The bytes of the next value (object, array, string, number or literal).
    func captureValue() throws -> [UInt8] {
        guard peek() != nil else { throw JSONStreamError.truncated(offset: offset) }
        captureStart = index
        defer { captureStart = nil }
        try scanValue()
        return Array(buffer[captureStart!..<index])
    }

    /// Reads the next value as a `JSONValue` (for small values: names, ids, metadata objects).
    func readValue() throws -> JSONValue {
        try JSONSliceParser.parse(captureValue())
    }

    /// Moves past the next value without keeping it.
    func skipValue() throws {
        guard peek() != nil else { throw JSONStreamError.truncated(offset: offset) }
        try scanValue()
    }

    private func scanValue() throws {
        let first = buffer[index]
        switch first {
        case 0x7B, 0x5B:
            try scanContainer()
        case 0x22:
            index += 1
            try scanStringBody()
        case 0x2D, 0x30...0x39, 0x74, 0x66, 0x6E:
            let start = offset
            while true {
                if index >= buffer.count, !refill() { break }
                let b = buffer[index]
                if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
                index += 1
            }
            if offset == start { throw JSONStreamError.truncated(offset: offset) }
        default:
            throw JSONStreamError.unexpected(byte: first, offset: offset, expected: "a value")
        }
    }

    /// After the opening quote: moves past the closing quote.
    private func scanStringBody() throws {
        var escaped = false
        while true {
            if index >= buffer.count, !refill() { throw JSONStreamError.truncated(offset: offset) }
            let b = buffer[index]
            index += 1
            if escaped {
                escaped = false
            } else if b == 0x5C {
                escaped = true
            } else if b == 0x22 {
                return
            } else if b == 0x0A {
                throw JSONStreamError.lineBreakInString(offset: offset - 1)
            }
        }
    }

    /// At `{` or `[`: moves past the matching close, tracking strings and escapes.
    private func scanContainer() throws {
        var depth = 0
        var inString = false
        var escaped = false
        while true {
            if index >= buffer.count, !refill() { throw JSONStreamError.truncated(offset: offset) }
            let b = buffer[index]
            index += 1
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                } else if b == 0x0A {
                    throw JSONStreamError.lineBreakInString(offset: offset - 1)
                }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
    }

    /// After a damaged element that started at `elementStart` with `indent` spaces before its `{` on its
    /// line: moves to the next line that opens an element at the same indentation (pretty-printed
    /// exports put each list element on its own lines), or to the list's closing `]` on a less indented
    /// line, so reading never runs on into the next list. False when there is neither.
    func resync(after elementStart: Int64, indent: Int) throws -> Bool {
        try seek(to: elementStart)
        // Skip the rest of the damaged element's first line.
        var lineStart = false
        while true {
            if index >= buffer.count, !refill() { return false }
            let b = buffer[index]
            index += 1
            if b == 0x0A {
                lineStart = true
                break
            }
        }
        while lineStart {
            // At the start of a line: count spaces, then look for '{'.
            var spaces = 0
            while true {
                if index >= buffer.count, !refill() { return false }
                let b = buffer[index]
                if b == 0x20 || b == 0x09 {
                    spaces += 1
                    index += 1
                } else {
                    break
                }
            }
            if buffer[index] == 0x7B, spaces == indent { return true }
            // The list's own closing bracket, less indented: the damaged element was the last one.
            if buffer[index] == 0x5D, spaces < indent { return true }
            // Not an element start: skip to the next line.
            lineStart = false
            while true {
                if index >= buffer.count, !refill() { return false }
                let b = buffer[index]
                index += 1
                if b == 0x0A {
                    lineStart = true
                    break
                }
            }
        }
        return false
    }

    /// How many spaces precede the byte at the current position on its line, when only spaces do
    /// (nil when other bytes come first on the line or the line start is no longer buffered).
    func indentationOfCurrentByte() -> Int? {
        var i = index - 1
        var spaces = 0
        while i >= 0 {
            let b = buffer[i]
            if b == 0x0A { return spaces }
            if b == 0x20 || b == 0x09 { spaces += 1 } else { return nil }
            i -= 1
        }
        return bufferOffset == 0 ? spaces : nil
    }
}
