import ArgumentParser
import Foundation
import QunTUI

/// Prints the dashboard's key map: the defaults with the user's keys.toml applied (and checked).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Show the dashboard's keys, with $XDG_CONFIG_HOME/qundeck/keys.toml applied (and checked).",
        discussion: "keys.toml has a table per context ([normal], [moderation], [campaigns], [overlay], [confirm], [input]) of command = \"key\" or [\"key\", …]; see docs/keys.md.")
    @Flag(name: .long, help: "Markdown tables, as in docs/keys.md.") var markdown = false
    @Flag(name: .long, help: "The defaults, ignoring keys.toml.") var defaults = false

    func run() throws {
        let map: KeyMap
        do {
            map = defaults ? .standard : try KeyMapFile.load(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure("\(error)")
        }
        print(markdown ? KeyMapDocs.markdown(map) : KeyMapDocs.text(map), terminator: "")
    }
}
