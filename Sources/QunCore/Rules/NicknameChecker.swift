import Foundation

/// Checks a group nickname against the group's format, e.g. 城市+社区+名字.
///
/// The scheme (documented in docs/rules.md):
/// - the format names its parts, joined by "+": "城市+社区+名字" has three parts;
/// - a nickname is split at any run of separator characters (+ - _ · | / 、 space and their
///   full-width forms), so 郑州+金水+小李, 郑州-金水-小李 and 郑州 金水 小李 all have three parts;
/// - it must have exactly as many parts as the format, none longer than `maxPartLength` characters;
/// - no emoji or decorative symbols (Lucky🍀, ★小美★), no links, no contact details or ads;
/// - a part named 城市 / 城 / 市 / city must be a known city when `knownCity` is on;
/// - a part named 名字 / 姓名 / name must not be only digits;
/// - a part with configured `values` must be one of them (社区 = ["金水", "金水花园"]).
struct NicknameChecker {
    let rule: NicknameFormatRule
    let format: String

    struct Problems {
        var english: [String] = []
        var chinese: [String] = []
        var isEmpty: Bool { english.isEmpty }

        mutating func add(_ english: String, _ chinese: String) {
            self.english.append(english)
            self.chinese.append(chinese)
        }
    }

    /// Part names of a format: "城市+社区+名字" → ["城市", "社区", "名字"].
    static func partNames(of format: String) -> [String] {
        format.split { $0 == "+" || $0 == "＋" }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func problems(in name: String) -> Problems {
        var problems = Problems()
        let expected = Self.partNames(of: format)
        let visible = String(String.UnicodeScalarView(name.unicodeScalars.filter { !FoldedText.isInvisible($0) }))
        let trimmed = visible.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            problems.add("it is empty", "昵称为空")
            return problems
        }
        let separators = Set(rule.separators)
        let parts = trimmed.split(omittingEmptySubsequences: true) { separators.contains($0) }.map(String.init)
        if parts.count != expected.count {
            problems.add(
                "has \(parts.count) part\(parts.count == 1 ? "" : "s") instead of \(expected.count)",
                "应有 \(expected.count) 段，实际 \(parts.count) 段")
        }
        if trimmed.unicodeScalars.contains(where: Self.isDecoration) {
            problems.add("contains emoji or symbols", "含表情或符号")
        }
        let folded = FoldedText(trimmed)
        if !LinkDetector.detect(in: folded).isEmpty {
            problems.add("contains a link", "含链接")
        } else if let ad = AdDetector.find(in: folded) {
            problems.add("contains an ad: \(ad.reason)", "含广告：\(ad.chineseReason)")
        }
        // Part-by-part checks only make sense when the parts line up with the format.
        guard parts.count == expected.count else { return problems }
        for (partName, part) in zip(expected, parts) {
            if part.count > rule.maxPartLength {
                problems.add(
                    "\(partName) '\(part)' is longer than \(rule.maxPartLength) characters", "\(partName)“\(part)”超过 \(rule.maxPartLength) 个字")
            }
            if let allowed = rule.values[partName], !allowed.isEmpty {
                let value = Self.comparable(part)
                if !allowed.contains(where: { Self.comparable($0) == value }) {
                    problems.add(
                        "\(partName) should be one of \(allowed.joined(separator: ", ")) (got '\(part)')",
                        "\(partName)应为 \(allowed.joined(separator: "/"))（当前“\(part)”）")
                }
            } else if rule.knownCity, Self.isCityPart(partName), !KnownCities.contains(part) {
                problems.add("'\(part)' is not a known city", "“\(part)”不是已知城市")
            }
            if Self.isNamePart(partName), part.allSatisfy(\.isNumber) {
                problems.add("\(partName) '\(part)' is only digits", "\(partName)“\(part)”只有数字")
            }
        }
        return problems
    }

    static func isCityPart(_ partName: String) -> Bool {
        partName.contains("城市") || partName == "城" || partName == "市" || partName.lowercased().contains("city")
    }

    static func isNamePart(_ partName: String) -> Bool {
        partName.contains("名") || partName.contains("称呼") || partName.lowercased().contains("name")
    }

    /// Emoji and decorative symbols (🍀 ★ ♥ ✨); letters, digits and punctuation are fine.
    static func isDecoration(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return false }
        return s.properties.generalCategory == .otherSymbol || s.properties.isEmojiPresentation
            || (0x1F1E6...0x1F1FF).contains(s.value)
    }

    private static func comparable(_ value: String) -> String { FoldedText(value).coreString }
}
