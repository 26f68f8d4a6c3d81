import Foundation
import QunCore

/// `?`: every command and the keys it has now, generated from the key map (keys.toml included), one
/// section per context, then the palette's commands. Typing filters it, as in lazygit.
struct HelpOverlay {
    let state: AppState

    /// (section title, [(keys, description)]) for a key map, in one language.
    static func sections(_ keyMap: KeyMap, _ language: Language) -> [(title: String, rows: [(keys: String, text: String)])] {
        let zh = language == .zh
        var sections: [(String, [(String, String)])] = KeyContext.allCases.map { context in
            let rows = Command.allCases.filter { $0.context == context }.map { command in
                (keyMap.label(command), zh ? command.summary.zh : command.summary.en)
            }
            return (zh ? context.title.zh : context.title.en, rows)
        }
        sections.append((zh ? "命令（: 面板）" : "Commands (the : palette)", PaletteCommand.all.map {
            (":" + $0.name + ($0.arguments.isEmpty ? "" : " " + $0.arguments), zh ? $0.summary.zh : $0.summary.en)
        }))
        return sections
    }

    /// The help's lines with the filter applied: a row stays when its keys, command or description contain
    /// the filter; a section stays when any of its rows does.
    static func lines(_ state: AppState) -> [(String, StyleRole)] {
        let needle = state.helpFilter.lowercased()
        var lines: [(String, StyleRole)] = []
        for section in sections(state.keyMap, state.language) {
            let rows = section.rows.filter { needle.isEmpty || ($0.keys + " " + $0.text).lowercased().contains(needle) }
            guard !rows.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", .text)) }
            lines.append((section.title, .tableHeader))
            for row in rows { lines.append((TerminalText.fit(row.keys, width: 22) + " " + row.text, .text)) }
        }
        if lines.isEmpty { lines.append((state.t(.noMatches), .textDim)) }
        return lines
    }

    func draw(into screen: inout Screen) {
        let lines = Self.lines(state)
        let rect = OverlayFrame.rect(in: screen, width: 86, height: lines.count + 2)
        let filter = state.helpFilter.isEmpty ? (state.language == .zh ? "输入以筛选" : "type to filter") : "/" + state.helpFilter
        OverlayFrame.draw(&screen, rect, title: "? " + state.t(.help) + " · " + filter + " · Esc")
        OverlayFrame.lines(&screen, rect, lines, scroll: state.overlayScroll)
        // Key names stand out from their descriptions.
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            let cell = screen[rect.x + 2, y]
            if cell.role == .text { screen.restyle(Rect(x: rect.x + 2, y: y, width: 22, height: 1), role: .keyHint) }
        }
    }
}
