import Foundation

/// Which message of a campaign a template is for.
public enum MessagePurpose: String, Codable, CodingKeyRepresentable, Hashable, Sendable, CaseIterable {
    /// The hourly 秒杀 push, a red-packet drop's announcement.
    case push
    /// The text carried by a red packet (the product's name).
    case redPacket = "red_packet"
    /// Tomorrow's product (预告).
    case preview
    /// A scheduled reminder (the 07:00 check-in greeting, a referral leaderboard nudge, a live pre-warm).
    case reminder
    /// The welcome for a new member.
    case welcome
    /// The launch announcement.
    case announcement
    /// Lottery winners.
    case winners
    /// A member earned a reward.
    case reward
}

/// The result of filling a template: the text, and the placeholders that had no value (left in the text as-is).
public struct RenderedMessage: Hashable, Sendable {
    public var text: String
    /// Placeholder names without a value, in order of first appearance, each once.
    public var unknownPlaceholders: [String]

    public init(text: String, unknownPlaceholders: [String] = []) {
        self.text = text
        self.unknownPlaceholders = unknownPlaceholders
    }

    public var isComplete: Bool { unknownPlaceholders.isEmpty }
}

/// Message templates with `{name}`, `{product}`, `{price}`, `{time}` placeholders (and any other `{word}`).
///
/// A placeholder is `{` + an ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`) + `}`; any other brace is plain text
/// ("{ }", "{你好}", a lone "{"). Values are inserted verbatim, plain text, never expanded again (a value
/// containing "{price}" stays "{price}"). A placeholder with no value is left as-is and reported.
public enum MessageTemplate {
    /// The placeholders every campaign understands.
    public static let standardPlaceholders = ["name", "product", "price", "time"]

    public static func render(template: String, values: [String: String]) -> RenderedMessage {
        var out = ""
        var unknown: [String] = []
        forEachPart(of: template) { part in
            switch part {
            case let .text(text): out += text
            case let .placeholder(name):
                if let value = values[name] {
                    out += value
                } else {
                    out += "{\(name)}"
                    if !unknown.contains(name) { unknown.append(name) }
                }
            }
        }
        return RenderedMessage(text: out, unknownPlaceholders: unknown)
    }

    /// The placeholder names a template uses, in order of first appearance, each once.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        forEachPart(of: template) { part in
            if case let .placeholder(name) = part, !names.contains(name) { names.append(name) }
        }
        return names
    }

    private enum Part {
        case text(String)
        case placeholder(String)
    }

    private static func forEachPart(of template: String, _ body: (Part) -> Void) {
        let scalars = Array(template.unicodeScalars)
        var i = 0
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty { body(.text(String(text))) }
            text = String.UnicodeScalarView()
        }
        while i < scalars.count {
            if scalars[i] == "{", let close = identifierEnd(scalars, from: i + 1), close < scalars.count, scalars[close] == "}" {
                flush()
                var name = String.UnicodeScalarView()
                name.append(contentsOf: scalars[(i + 1)..<close])
                body(.placeholder(String(name)))
                i = close + 1
            } else {
                text.append(scalars[i])
                i += 1
            }
        }
        flush()
    }

    /// The index just past an identifier starting at `start`, or nil when none starts there.
    private static func identifierEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        func isStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        func isPart(_ c: Unicode.Scalar) -> Bool { isStart(c) || ("0"..."9").contains(c) }
        guard start < s.count, isStart(s[start]) else { return nil }
        var end = start + 1
        while end < s.count, isPart(s[end]) { end += 1 }
        return end
    }
}
