import QunCore

/// A plain table for listing commands, aligned by display width so Chinese names line up.
struct TextTable {
    let columns: [String]
    private var rows: [[String]] = []

    init(columns: [String]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row.map(TerminalText.sanitize)) }

    func render() -> String {
        let all = [columns] + rows
        let widths = columns.indices.map { i in min(40, all.map { DisplayWidth.of($0[i]) }.max() ?? 0) }
        return all.map { row in
            row.indices.map { TerminalText.fit(row[$0], width: widths[$0]) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }.joined()
    }
}
