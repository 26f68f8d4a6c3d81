/// Turns a message into the features the spam classifier counts, after the same folding the rules use
/// (full-width, zero-width, traditional → simplified, look-alikes; see `FoldedText`).
///
/// Chinese is not written with spaces, so splitting on whitespace (what tg-spam does) turns a whole
/// Chinese sentence into one token that never repeats. Instead:
/// - runs of Han characters in the squeezed text give character bigrams and trigrams (加微信 → 加微, 微信,
///   加微信); the squeezed view drops the emoji and punctuation wedged between characters (加🌹微🌹信);
/// - Latin text gives lowercase words; letters spelled out one by one (v x, w e c h a t) are also joined;
/// - numbers give their shape, not their value: "<num:11>" for a phone-like run, so every phone number
///   counts as the same feature (digits split by a space or dash still count as one run);
/// - letter-and-digit ids (abc8888, wxid_x9) give "<id>", links "<url>" and their domain, emoji themselves,
///   @mentions "<mention>".
/// Each feature is counted once per message.
public enum SpamTokenizer {
    public static func tokens(in text: String) -> [String] {
        tokens(in: FoldedText(text))
    }

    static func tokens(in folded: FoldedText) -> [String] {
        var builder = TokenBuilder()
        collect(folded, into: &builder)
        return builder.tokens
    }

    /// The same features as `tokens`, each as `StableHash.fnv1a` of its text, without building the strings:
    /// scoring needs only the hashes, and ingest scores every message.
    public static func featureHashes(in text: String) -> [UInt64] {
        var builder = HashBuilder()
        collect(FoldedText(text), into: &builder)
        return builder.hashes
    }

    private static func collect<Builder: FeatureBuilder>(_ folded: FoldedText, into builder: inout Builder) {
        hanGrams(folded, into: &builder)
        spelledOutWords(folded, into: &builder)
        latinAndNumbers(folded, into: &builder)
        for link in LinkDetector.detect(in: folded) {
            builder.add("<url>")
            builder.add("<host:" + registeredDomain(link.host) + ">")
        }
    }

    private static func hanGrams<Builder: FeatureBuilder>(_ folded: FoldedText, into builder: inout Builder) {
        let core = folded.core
        var start = 0
        while start < core.count {
            guard FoldedText.isHan(core[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < core.count, FoldedText.isHan(core[end]) { end += 1 }
            if end - start == 1 { builder.add(core[start..<end]) }
            for i in start..<(end - 1) { builder.add(core[i..<(i + 2)]) }
            if end - start >= 3 { for i in start..<(end - 2) { builder.add(core[i..<(i + 3)]) } }
            start = end
        }
    }

    /// "v x", "w.e.c.h.a.t", "Q Q": letters that each stand alone in the folded text but sit next to each
    /// other in the squeezed one are one word that was spread out to dodge filters.
    private static func spelledOutWords<Builder: FeatureBuilder>(_ folded: FoldedText, into builder: inout Builder) {
        let core = folded.core
        let positions = folded.coreToFolded
        var i = 0
        while i < core.count {
            guard FoldedText.isASCIIAlphanumeric(core[i]) else {
                i += 1
                continue
            }
            var end = i + 1
            while end < core.count, FoldedText.isASCIIAlphanumeric(core[end]), positions[end] > positions[end - 1] + 1,
                isAlone(positions[end], in: folded.lower), isAlone(positions[end - 1], in: folded.lower)
            {
                end += 1
            }
            if end - i >= 2 { builder.add(core[i..<end]) }
            i = end
        }
    }

    private static func isAlone(_ position: Int, in lower: [Unicode.Scalar]) -> Bool {
        (position == 0 || !FoldedText.isASCIIAlphanumeric(lower[position - 1]))
            && (position + 1 >= lower.count || !FoldedText.isASCIIAlphanumeric(lower[position + 1]))
    }

    private static func latinAndNumbers<Builder: FeatureBuilder>(_ folded: FoldedText, into builder: inout Builder) {
        let lower = folded.lower
        var i = 0
        while i < lower.count {
            let scalar = lower[i]
            if FoldedText.isASCIIAlphanumeric(scalar) || scalar == "_" {
                var end = i
                var letters = 0
                var digits = 0
                var digitRun = 0
                func flushDigits() {
                    if digitRun > 0 { builder.add(numberShape(digitRun)) }
                    digitRun = 0
                }
                var word = String.UnicodeScalarView()
                func flushWord() {
                    if !word.isEmpty { builder.add(String(word)) }
                    word = String.UnicodeScalarView()
                }
                while end < lower.count {
                    let c = lower[end]
                    if FoldedText.isASCIILetter(c) {
                        flushDigits()
                        word.append(c)
                        letters += 1
                    } else if FoldedText.isASCIIDigit(c) {
                        flushWord()
                        digitRun += 1
                        digits += 1
                    } else if (c == " " || c == "-") && digitRun > 0 && end + 1 < lower.count
                        && FoldedText.isASCIIDigit(lower[end + 1])
                    {
                        // 138 1234 5678 and 138-1234-5678 are one number.
                    } else if c == "_" {
                        flushWord()
                        flushDigits()
                    } else {
                        break
                    }
                    end += 1
                }
                flushWord()
                flushDigits()
                if letters > 0 && digits > 0 && letters + digits >= 5 { builder.add("<id>") }
                i = end
            } else if scalar == "@" {
                builder.add("<mention>")
                i += 1
            } else if scalar.value > 0x2000 && scalar.properties.isEmoji && !FoldedText.isHan(scalar) {
                builder.add(String(Character(scalar)))
                i += 1
            } else {
                i += 1
            }
        }
    }

    /// Phone-like lengths keep their exact count; very long runs (order numbers, ids) share one feature.
    static func numberShape(_ digits: Int) -> String {
        digits > 12 ? "<num:13+>" : "<num:\(digits)>"
    }

    /// "m.tb.cn" → "tb.cn", "www.xx88.com" → "xx88.com": what a spammer has to register.
    static func registeredDomain(_ host: String) -> String {
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        let secondLevel: Set<Substring> = ["com", "net", "org", "gov", "edu", "co"]
        let keep = secondLevel.contains(labels[labels.count - 2]) && labels.count >= 3 ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}

/// Where the tokenizer puts each feature: as text (learning, `rules model`) or as a hash (scoring).
protocol FeatureBuilder {
    mutating func add(_ token: String)
    mutating func add(_ scalars: ArraySlice<Unicode.Scalar>)
}

/// Features as strings, each once, in first-seen order.
struct TokenBuilder: FeatureBuilder {
    var tokens: [String] = []
    private var seen: Set<String> = []

    mutating func add(_ token: String) {
        if seen.insert(token).inserted { tokens.append(token) }
    }

    mutating func add(_ scalars: ArraySlice<Unicode.Scalar>) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        add(String(view))
    }
}

/// Features as `StableHash.fnv1a` of their UTF-8 text, each once, in first-seen order.
struct HashBuilder: FeatureBuilder {
    var hashes: [UInt64] = []
    private var seen: Set<UInt64> = []

    mutating func add(_ token: String) {
        insert(StableHash.fnv1a(token))
    }

    mutating func add(_ scalars: ArraySlice<Unicode.Scalar>) {
        var hash = StableHash.fnv1aBasis
        for scalar in scalars { StableHash.fnv1a(&hash, scalar) }
        insert(hash)
    }

    private mutating func insert(_ hash: UInt64) {
        if seen.insert(hash).inserted { hashes.append(hash) }
    }
}
