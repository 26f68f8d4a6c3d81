/// Finds keywords in the squeezed view of a `FoldedText`.
///
/// Keywords are folded like messages, so one entry "微信" also finds 微 信, 微-信, 微🌹信 and
/// 微\u{200B}信. Matching is substring matching, which is what Chinese needs (there are no spaces
/// between words). Latin keywords are the exception: "vx" must not match inside "vortex"'s
/// neighbours or "lvxe", so a Latin keyword must start and end at a word boundary, and when its
/// letters are spread out ("v x", "V.X") every letter must stand alone.
struct KeywordTable<Payload: Sendable>: Sendable {
    struct Match {
        let core: Range<Int>
        let keyword: String
        let payload: Payload
    }

    private struct Entry: Sendable {
        let scalars: [Unicode.Scalar]
        let keyword: String
        let payload: Payload
    }

    private var entries: [Entry] = []
    private var byFirst: [Unicode.Scalar: [Int]] = [:]
    /// How many squeezed-out scalars may sit between two characters of a keyword (加 🌹 微 is 3).
    let maxGap: Int

    init(_ keywords: [(String, Payload)], maxGap: Int = 3) {
        self.maxGap = maxGap
        for (keyword, payload) in keywords {
            let scalars = FoldedText(keyword).core
            guard !scalars.isEmpty else { continue }
            entries.append(Entry(scalars: scalars, keyword: keyword, payload: payload))
            byFirst[scalars[0], default: []].append(entries.count - 1)
        }
        // Longest first, so that at one position "微信号" wins over "微信".
        for key in byFirst.keys {
            byFirst[key]!.sort { entries[$0].scalars.count > entries[$1].scalars.count }
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The longest keyword at each core position, in order. Matches may overlap ("加微信" gives 加 and 微信).
    func matches(in text: FoldedText) -> [Match] {
        var found: [Match] = []
        for position in text.core.indices {
            if let match = longestMatch(at: position, in: text) { found.append(match) }
        }
        return found
    }

    func longestMatch(at position: Int, in text: FoldedText) -> Match? {
        guard position < text.core.count, let candidates = byFirst[text.core[position]] else { return nil }
        for index in candidates where accepts(entries[index].scalars, at: position, in: text) {
            let entry = entries[index]
            return Match(core: position..<(position + entry.scalars.count), keyword: entry.keyword, payload: entry.payload)
        }
        return nil
    }

    private func accepts(_ keyword: [Unicode.Scalar], at position: Int, in text: FoldedText) -> Bool {
        let count = keyword.count
        guard position + count <= text.core.count else { return false }
        for k in 0..<count where text.core[position + k] != keyword[k] { return false }
        var latinLettersSpreadOut = false
        for k in 1..<max(count, 1) {
            let before = text.coreToFolded[position + k - 1]
            let after = text.coreToFolded[position + k]
            let gap = after - before - 1
            guard gap > 0 else { continue }
            if gap > maxGap { return false }
            for g in (before + 1)..<after where text.lower[g] == "\n" { return false }
            if FoldedText.isASCIILetter(keyword[k - 1]) && FoldedText.isASCIILetter(keyword[k]) {
                latinLettersSpreadOut = true
            }
        }
        let first = text.coreToFolded[position]
        let last = text.coreToFolded[position + count - 1]
        if FoldedText.isASCIILetter(keyword[0]), first > 0, FoldedText.isASCIILetter(text.lower[first - 1]) { return false }
        if FoldedText.isASCIILetter(keyword[count - 1]), last + 1 < text.lower.count,
            FoldedText.isASCIILetter(text.lower[last + 1])
        {
            return false
        }
        if latinLettersSpreadOut {
            for k in 0..<count where FoldedText.isASCIILetter(keyword[k]) {
                let f = text.coreToFolded[position + k]
                if f > 0, FoldedText.isASCIILetter(text.lower[f - 1]) { return false }
                if f + 1 < text.lower.count, FoldedText.isASCIILetter(text.lower[f + 1]) { return false }
            }
        }
        return true
    }
}
