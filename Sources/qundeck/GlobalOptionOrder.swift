/// Lets the options every command shares come before the subcommand, as git and kubectl allow:
/// `qundeck --store X demo` is read as `qundeck demo --store X`. ArgumentParser only accepts a
/// subcommand's options after its name, so the leading ones are moved to the end of the line (before a
/// `--`, after which everything is a positional argument).
enum GlobalOptionOrder {
    /// Options that take a value.
    static let valued: Set<String> = ["--store", "--actor", "--lang", "--theme"]
    static let flags: Set<String> = ["--json"]

    /// `arguments` without the program name. Unchanged unless global options come before a known subcommand.
    static func reorder(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if valued.contains(name) {
                let takesNext = !argument.contains("=")
                guard !takesNext || index + 1 < arguments.count else { return arguments }
                leading += takesNext ? [argument, arguments[index + 1]] : [argument]
                index += takesNext ? 2 : 1
            } else if flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count, subcommands.contains(arguments[index]) else { return arguments }
        var rest = Array(arguments[index...])
        let end = rest.firstIndex(of: "--") ?? rest.count
        rest.insert(contentsOf: leading, at: end)
        return rest
    }
}
