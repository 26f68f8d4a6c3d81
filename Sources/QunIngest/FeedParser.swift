import Foundation
import QunCore

/// Why one line of the event feed was rejected. `description` is the reason part of `FILE:LINE: reason`.
public struct FeedLineError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String?
    public var message: String
    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { field.map { "field \"\($0)\": \(message)" } ?? message }
}

/// Parses one line of the qundeck event feed (JSON Lines, `v` = 1; see docs/events.md).
public struct FeedParser: Sendable {
    public static let version = 1

    public init() {}

    public func parse(_ line: Data) -> Result<Event, FeedLineError> {
        let value: JSONValue
        do {
            // Foundation's JSONDecoder cost 23 µs a line, more than storing the event; this parser reads the
            // bytes in place and keeps integers apart from floats, which the field checks below rely on.
            value = try JSONSliceParser.parse(line)
        } catch {
            return .failure(FeedLineError(field: nil, "\(error)"))
        }
        guard case let .object(fields) = value else {
            return .failure(FeedLineError(field: nil, "expected a JSON object, got \(value.typeName)"))
        }
        do {
            return .success(try event(from: fields))
        } catch let error as FeedLineError {
            return .failure(error)
        } catch {
            return .failure(FeedLineError(field: nil, "\(error)"))
        }
    }

    public func parse(_ line: String) -> Result<Event, FeedLineError> { parse(Data(line.utf8)) }

    func event(from f: [String: JSONValue]) throws -> Event {
        guard let v = f["v"], v != .null else { throw FeedLineError(field: "v", "missing (required; use 1)") }
        guard v == .integer(Int64(Self.version)) || v == .number(Double(Self.version)) else {
            throw FeedLineError(field: "v", "unsupported version \(v.rendered) (this qundeck reads v 1)")
        }
        let id = try identifier(f, "id")
        let source = try requiredString(f, "source")
        let group = try identifier(f, "group")
        let ts = try timestamp(f)
        let kindText = try requiredString(f, "kind")
        guard let kind = EventKind(rawValue: kindText) else {
            throw FeedLineError(
                field: "kind", "unknown kind \"\(kindText)\" (one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let member = try identifier(f, "member")
        var event = Event(source: source, externalID: id, groupID: group, timestamp: ts, kind: kind, memberID: member)
        event.groupName = try optionalString(f, "group_name")
        event.memberName = try optionalString(f, "member_name")
        event.text = try optionalString(f, "text")
        event.actorID = try optionalIdentifier(f, "actor")
        event.replyTo = try optionalIdentifier(f, "reply_to")
        event.campaignID = try optionalIdentifier(f, "campaign")
        if let via = try optionalString(f, "via") {
            guard let source = JoinSource(rawValue: via) else {
                throw FeedLineError(
                    field: "via", "unknown value \"\(via)\" (one of \(JoinSource.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            event.via = source
        }
        if let platform = try optionalString(f, "platform") {
            guard let p = Platform(rawValue: platform) else {
                throw FeedLineError(
                    field: "platform",
                    "unknown platform \"\(platform)\" (one of \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            event.groupPlatform = p
        }
        if let zone = try optionalString(f, "group_tz") {
            guard TimeZone(identifier: zone) != nil else {
                throw FeedLineError(field: "group_tz", "unknown time zone \"\(zone)\" (use an IANA name such as Asia/Shanghai)")
            }
            event.groupTimeZoneID = zone
        }
        if let role = try optionalString(f, "role") {
            guard let r = MemberRole(rawValue: role), r != .pending else {
                throw FeedLineError(field: "role", "unknown role \"\(role)\" (one of owner, admin, agent, member)")
            }
            event.memberRole = r
        }
        if let amount = f["amount"], amount != .null {
            event.amount = try money(amount)
        }
        if kind == .rename, event.memberName.map(Self.isBlank) ?? true {
            throw FeedLineError(field: "member_name", "required for kind \"rename\" (the new name)")
        }
        return event
    }

    // MARK: fields

    /// Empty or only spaces and tabs (what `CharacterSet.whitespaces` holds), decided at the first other
    /// character: trimming through Foundation to ask this was half of all parsing time.
    static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    private func requiredString(_ f: [String: JSONValue], _ key: String) throws -> String {
        guard let value = f[key], value != .null else { throw FeedLineError(field: key, "missing (required)") }
        guard let s = value.stringValue else { throw FeedLineError(field: key, "expected a string, got \(value.typeName)") }
        guard !Self.isBlank(s) else { throw FeedLineError(field: key, "must not be empty") }
        return s
    }

    /// Ids may be strings or integers (platform ids are often numbers); both become strings.
    private func identifier(_ f: [String: JSONValue], _ key: String) throws -> String {
        guard let value = f[key], value != .null else { throw FeedLineError(field: key, "missing (required)") }
        return try identifierValue(value, key)
    }

    private func optionalIdentifier(_ f: [String: JSONValue], _ key: String) throws -> String? {
        guard let value = f[key], value != .null else { return nil }
        return try identifierValue(value, key)
    }

    private func identifierValue(_ value: JSONValue, _ key: String) throws -> String {
        switch value {
        case let .string(s):
            guard !Self.isBlank(s) else { throw FeedLineError(field: key, "must not be empty") }
            return s
        case let .integer(i):
            return String(i)
        default:
            throw FeedLineError(field: key, "expected a string or an integer, got \(value.typeName)")
        }
    }

    private func optionalString(_ f: [String: JSONValue], _ key: String) throws -> String? {
        guard let value = f[key], value != .null else { return nil }
        guard let s = value.stringValue else { throw FeedLineError(field: key, "expected a string, got \(value.typeName)") }
        return s
    }

    private func timestamp(_ f: [String: JSONValue]) throws -> Date {
        guard let value = f["ts"], value != .null else { throw FeedLineError(field: "ts", "missing (required)") }
        let seconds: Double
        switch value {
        case let .integer(i): seconds = Double(i)
        case let .number(d): seconds = d
        case let .string(s):
            if let date = RFC3339.parse(s) { return date }
            throw FeedLineError(
                field: "ts", "\"\(s)\" is not an RFC 3339 time with an offset (e.g. 2026-11-23T07:00:05+08:00) or unix seconds")
        default:
            throw FeedLineError(field: "ts", "expected an RFC 3339 string or unix seconds, got \(value.typeName)")
        }
        guard seconds.isFinite, seconds >= 0, seconds < 32_503_680_000 else {
            throw FeedLineError(field: "ts", "unix time \(value.rendered) is out of range")
        }
        return Date(timeIntervalSince1970: seconds)
    }

    private func money(_ value: JSONValue) throws -> Money {
        let decimal: Decimal?
        switch value {
        case let .integer(i): decimal = Decimal(i)
        case let .number(d): decimal = Decimal(string: String(d))
        case let .string(s) where Self.isPlainDecimal(s):
            decimal = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))
        default: decimal = nil
        }
        guard let decimal else {
            throw FeedLineError(field: "amount", "expected a number of yuan such as 2.5, got \(value.rendered)")
        }
        guard decimal >= 0, decimal < 100_000_000 else {
            throw FeedLineError(field: "amount", "\(decimal) is out of range (0 to 100000000 yuan)")
        }
        return Money(yuan: decimal)
    }

    /// "12", "2.50" — digits with at most one dot between digits; Decimal(string:) alone accepts "2.5.0" as 2.5.
    static func isPlainDecimal(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
