import Foundation

/// ncursesw draws non-ASCII text only under a UTF-8 locale; under `LANG=C`, with `LANG` unset or with a
/// UTF-8 locale that is not installed, every wide character (borders included) silently disappears. So the
/// dashboard takes the user's locale when it is UTF-8 and otherwise falls back to one that is.
public enum UTF8Locale {
    /// Tried in order after the environment's own locale.
    public static let fallbacks = ["C.UTF-8", "en_US.UTF-8"]

    public enum Outcome: Equatable, Sendable {
        /// The environment's locale is UTF-8.
        case environment
        /// The environment's was not; this fallback is in effect.
        case fallback(String)
    }

    public struct Unavailable: Error, CustomStringConvertible, Equatable {
        public var tried: [String]
        public var description: String {
            "qundeck: no UTF-8 locale is available (tried the environment's, then \(tried.joined(separator: ", "))); "
                + "the dashboard cannot draw Chinese text, emoji or borders. Install one (Debian: apt-get install locales, "
                + "then dpkg-reconfigure locales) or set LANG to an installed UTF-8 locale (`locale -a` lists them)."
        }
    }

    /// Picks the locale. `apply` sets a locale by name ("" means the environment's) and returns the codeset
    /// it then has, or nil when the system has no such locale.
    public static func choose(apply: (String) -> String?) -> Result<Outcome, Unavailable> {
        if isUTF8(apply("")) { return .success(.environment) }
        for name in fallbacks where isUTF8(apply(name)) { return .success(.fallback(name)) }
        return .failure(Unavailable(tried: fallbacks))
    }

    /// Sets the process locale for real (LC_ALL); the choice stays in effect for ncurses.
    public static func install() -> Result<Outcome, Unavailable> {
        choose { name in
            guard setlocale(LC_ALL, name) != nil else { return nil }
            return String(cString: nl_langinfo(nl_item(CODESET)))
        }
    }

    static func isUTF8(_ codeset: String?) -> Bool {
        guard let codeset else { return false }
        let folded = codeset.lowercased().replacingOccurrences(of: "-", with: "")
        return folded == "utf8"
    }
}
