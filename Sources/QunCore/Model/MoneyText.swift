import Foundation

extension Money {
    /// An amount an admin typed in yuan: "500", "99.50", "¥3"; nil for anything else (negative, text).
    public init?(yuanText text: String) {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "¥", with: "").replacingOccurrences(of: "￥", with: "")
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), cleaned.filter({ $0 == "." }).count <= 1,
            let yuan = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")), yuan >= 0
        else { return nil }
        self.init(yuan: yuan)
    }
}
