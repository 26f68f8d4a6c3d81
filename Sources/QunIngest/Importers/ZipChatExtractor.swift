import Foundation

/// Takes the chat text out of a WhatsApp `.zip` export (`_chat.txt` on iOS, `WhatsApp Chat with ….txt`
/// on Android) with the system's `unzip` into a temporary file. No zip code of our own: the package
/// has no zip dependency, and `unzip` handles every compression method phones use.
enum ZipChatExtractor {
    struct Extracted {
        var url: URL
        var entry: String
        var directory: URL
    }

    static func unzipPath() -> String? {
        ExecutableSearch.find("unzip", alsoIn: ["/usr/bin", "/bin", "/usr/local/bin"])
    }

    static func extract(_ zip: URL) throws -> Extracted {
        guard let unzip = unzipPath() else {
            throw ImportError.archive(
                path: zip.path,
                detail: "reading a .zip needs the unzip program, which is not installed; unzip the export and import its .txt file")
        }
        let listing = try run(unzip, ["-Z1", zip.path], zip: zip)
        let entries = String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init)
        let texts = entries.filter { $0.lowercased().hasSuffix(".txt") && !$0.hasPrefix("__MACOSX/") }
        guard let entry = texts.first(where: { ($0 as NSString).lastPathComponent == "_chat.txt" })
            ?? texts.first(where: { ($0 as NSString).lastPathComponent.hasPrefix("WhatsApp") }) ?? texts.first
        else {
            throw ImportError.notFormat(path: zip.path, format: .whatsapp, detail: "the archive holds no _chat.txt or other .txt file")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qundeck-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let out = directory.appendingPathComponent("chat.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: out.path) else {
            throw ImportError.archive(path: zip.path, detail: "cannot create a temporary file in \(directory.path)")
        }
        defer { try? handle.close() }
        // unzip reads entry names as patterns: escape the pattern characters.
        var pattern = ""
        for c in entry {
            if "[]*?\\".contains(c) { pattern.append("\\") }
            pattern.append(c)
        }
        do {
            _ = try run(unzip, ["-p", zip.path, pattern], zip: zip, stdout: handle)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        return Extracted(url: out, entry: entry, directory: directory)
    }

    @discardableResult
    private static func run(_ program: String, _ arguments: [String], zip: URL, stdout: FileHandle? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        let output = Pipe()
        if let stdout {
            process.standardOutput = stdout
        } else {
            process.standardOutput = output
        }
        do {
            try process.run()
        } catch {
            throw ImportError.archive(path: zip.path, detail: "cannot run \(program): \(error)")
        }
        var data = Data()
        if stdout == nil { data = output.fileHandleForReading.readDataToEndOfFile() }
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let detail = errorText.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ImportError.archive(
                path: zip.path, detail: "not a readable .zip (unzip: \(detail.isEmpty ? "exit status \(process.terminationStatus)" : detail))")
        }
        return data
    }
}
