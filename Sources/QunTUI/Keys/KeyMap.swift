/// Which keys run which command, per context: the defaults, with keys.toml's choices on top.
public struct KeyMap: Equatable, Sendable {
    public private(set) var keys: [Command: [Key]]

    public static let standard = KeyMap(keys: Dictionary(uniqueKeysWithValues: Command.allCases.map { ($0, $0.defaultKeys) }))

    public init(keys: [Command: [Key]]) { self.keys = keys }

    /// Replaces a command's keys (an empty list unbinds it).
    public mutating func bind(_ command: Command, to keys: [Key]) { self.keys[command] = keys }

    public func keys(for command: Command) -> [Key] { keys[command] ?? [] }

    /// The contexts a key is looked up in, most specific first, for what the dashboard shows now.
    static func chain(for state: AppState) -> [KeyContext] {
        if state.input != nil { return [.input] }
        switch state.overlay {
        case .campaignForm: return [.input]
        case .confirm, .confirmCampaign, .confirmCampaigns: return [.confirm]
        case .detail(.moderation): return [.overlay, .moderation, .normal]
        case .some: return [.overlay, .normal]
        case nil:
            switch state.focus {
            case .checkins: return [.checkins, .normal]
            case .moderation: return [.moderation, .normal]
            case .campaigns: return [.campaigns, .normal]
            default: return [.normal]
            }
        }
    }

    /// The command a key runs in these contexts, if any.
    func command(for key: Key, in chain: [KeyContext]) -> Command? {
        for context in chain {
            if let command = Command.allCases.first(where: { $0.context == context && keys(for: $0).contains(key) }) { return command }
        }
        return nil
    }

    /// The pressed key as the reducer understands it: a bound key becomes its command's canonical key; a key
    /// that only a default binding gave meaning (since rebound) becomes nothing; any other key (typed text,
    /// arrows in a text field, digits in the member view) passes through.
    func translate(_ key: Key, in chain: [KeyContext]) -> Key? {
        if let command = command(for: key, in: chain) { return command.canonicalKey }
        let rebound = Command.allCases.contains { chain.contains($0.context) && $0.defaultKeys.contains(key) }
        return rebound ? nil : key
    }

    /// Keys bound to more than one command in one context: the later ones could never run.
    public var collisions: [(context: KeyContext, key: Key, commands: [Command])] {
        var found: [(KeyContext, Key, [Command])] = []
        for context in KeyContext.allCases {
            var byKey: [Key: [Command]] = [:]
            for command in Command.allCases where command.context == context {
                for key in Set(keys(for: command)) { byKey[key, default: []].append(command) }
            }
            for (key, commands) in byKey where commands.count > 1 { found.append((context, key, commands)) }
        }
        return found.sorted { ($0.0.rawValue, KeyName.name(of: $0.1)) < ($1.0.rawValue, KeyName.name(of: $1.1)) }
    }

    public var unbound: [Command] { Command.allCases.filter { keys(for: $0).isEmpty } }

    /// "j / ↓" — how help and the footer show a command's keys.
    public func label(_ command: Command) -> String {
        keys(for: command).map(\.name).joined(separator: " ")
    }
}
