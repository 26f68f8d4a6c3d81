import Foundation

/// What the `:` palette offers for what has been typed: commands while the first word is typed, then
/// that command's arguments (theme names, languages, group ids and names, sort orders).
public struct PaletteSuggestion: Equatable, Sendable {
    /// The whole line Tab (or Enter on a partial word) puts in the palette.
    public var line: String
    public var label: String
    public var detail: String
}

public enum PaletteCompletion {
    public static func suggestions(_ typed: String, state: AppState) -> [PaletteSuggestion] {
        let zh = state.language == .zh
        guard let space = typed.firstIndex(of: " ") else {
            return paletteSuggestions(typed).map { command in
                PaletteSuggestion(
                    line: command.name + (command.arguments.isEmpty ? "" : " "),
                    label: command.name + (command.arguments.isEmpty ? "" : " " + command.arguments),
                    detail: zh ? command.summary.zh : command.summary.en)
            }
        }
        let name = typed[..<space].lowercased()
        let argument = typed[typed.index(after: space)...].trimmingCharacters(in: .whitespaces).lowercased()
        let candidates: [(value: String, detail: String)]
        switch name {
        case "theme":
            candidates = state.themeNames.map { ($0, $0 == state.themeName ? "✓" : "") }
        case "lang", "language":
            candidates = [("en", "English"), ("zh", "简体中文")]
        case "group":
            candidates = [("all", zh ? "全部群" : "all groups")] + state.data.groups.map { ($0.id, $0.name) }
        case "sort":
            candidates = ActivitySort.allCases.map { ($0.rawValue, ValueLabels.sort($0, state.language)) }
        default:
            candidates = []
        }
        return candidates
            .filter { argument.isEmpty || $0.value.lowercased().hasPrefix(argument) || $0.detail.lowercased().contains(argument) }
            .map { PaletteSuggestion(line: "\(name) \($0.value)", label: $0.value, detail: $0.detail) }
    }

    /// Whether the typed line already names a command and, if it takes one, a known argument exactly.
    static func isComplete(_ typed: String, state: AppState) -> Bool {
        suggestions(typed, state: state).contains { $0.line.trimmingCharacters(in: .whitespaces) == typed }
            || (!typed.contains(" ") && PaletteCommand.all.contains { $0.name == typed })
    }
}
