import Foundation

/// A ledger entry to book, with a key that makes booking it twice impossible (the store should keep
/// `ledger.dedupe_key` UNIQUE and insert with OR IGNORE).
public struct LedgerDraft: Codable, Hashable, Sendable {
    public var campaignID: String
    public var kind: LedgerKind
    public var amount: Money
    public var memberID: String?
    public var groupID: String?
    public var note: String
    public var dedupeKey: String

    public init(campaignID: String, kind: LedgerKind, amount: Money, memberID: String? = nil, groupID: String? = nil, note: String, dedupeKey: String) {
        self.campaignID = campaignID
        self.kind = kind
        self.amount = amount
        self.memberID = memberID
        self.groupID = groupID
        self.note = note
        self.dedupeKey = dedupeKey
    }

    public func entry(id: Int64, recordedAt: Date) -> LedgerEntry {
        LedgerEntry(id: id, campaignID: campaignID, kind: kind, amount: amount, memberID: memberID, groupID: groupID, note: note, recordedAt: recordedAt)
    }
}

/// The ledger rules: what each campaign action costs and which entries it books.
///
/// - Red packets: the money that leaves is what members claim; the store books each `redpacket_claim` naming the
///   campaign as it arrives. A drop that is out but not yet emptied is *reserved* for the budget check
///   (`outstanding`), so a new drop cannot overspend while the last one is still being claimed; after the
///   packet's validity (24 h) the unclaimed rest goes back to the wallet and is no longer reserved.
/// - The best-luck prize of a drop (`RedPacketRules.prizeValue`), one `prize` entry per drop with a winner.
/// - Rewards: one `reward` entry per referral threshold reached, per qualified invite (when paid per invite),
///   per completed challenge, per rewarded first order. One `prize` entry per lottery winner.
public enum CampaignSpend {
    /// What posting `posts` commits: the sum of their red packets.
    public static func proposed(_ posts: [CampaignPost]) -> Money { posts.reduce(.zero) { $0 + $1.spend } }

    /// Reserved for drops still being claimed: the unclaimed rest of each drop sent within `validity` of `now`.
    public static func outstanding(_ outcomes: [RedPacketOutcome], now: Date, validity: TimeInterval = 86_400) -> Money {
        outcomes.filter { $0.drop.sentAt <= now && now.timeIntervalSince($0.drop.sentAt) < validity }.reduce(.zero) { $0 + $1.unclaimed }
    }

    /// The best-luck prize of each drop that has a winner (none when `prizeValue` is zero).
    public static func bestLuckPrizes(_ outcomes: [RedPacketOutcome], campaignID: String, prizeValue: Money) -> [LedgerDraft] {
        guard prizeValue.fen > 0 else { return [] }
        return outcomes.compactMap { o in
            guard let winner = o.bestLuck else { return nil }
            let dropKey = o.drop.idempotencyKey ?? "campaign:\(campaignID):group:\(o.drop.groupID):drop:\(Int(o.drop.sentAt.timeIntervalSince1970))"
            return LedgerDraft(
                campaignID: campaignID, kind: .prize, amount: prizeValue, memberID: winner.memberID, groupID: winner.groupID,
                note: "手气最佳 \(winner.amount)", dedupeKey: dropKey + ":best_luck")
        }
    }

    public static func referralRewards(_ report: ReferralReport, rules: ReferralRules, campaignID: String) -> [LedgerDraft] {
        var drafts: [LedgerDraft] = []
        let qualified = report.invites.filter { $0.status == .qualified }.sorted { ($0.joinedAt, $0.inviteeID) < ($1.joinedAt, $1.inviteeID) }
        if rules.perInviteReward.fen > 0 {
            for invite in qualified {
                drafts.append(LedgerDraft(
                    campaignID: campaignID, kind: .reward, amount: rules.perInviteReward, memberID: invite.inviterID, groupID: invite.groupID,
                    note: "invite \(invite.inviteeID)", dedupeKey: "campaign:\(campaignID):reward:invite:\(invite.inviteeID)"))
            }
        }
        for standing in report.standings where standing.earnedReward && rules.reward.fen > 0 {
            let mine = qualified.filter { $0.inviterID == standing.inviterID }
            let reaching = mine[min(mine.count, max(1, rules.requiredInvites)) - 1]
            drafts.append(LedgerDraft(
                campaignID: campaignID, kind: .reward, amount: rules.reward, memberID: standing.inviterID, groupID: reaching.groupID,
                note: "\(standing.qualified) qualified invites: \(rules.rewardName)",
                dedupeKey: "campaign:\(campaignID):reward:referral:\(standing.inviterID)"))
        }
        return drafts
    }

    /// One reward per member id that completed (in the group where they completed first).
    public static func challengeRewards(_ report: ChallengeReport, rules: CheckinChallengeRules, campaignID: String) -> [LedgerDraft] {
        guard rules.reward.fen > 0 else { return [] }
        var seen = Set<String>()
        return report.standings.filter(\.completed)
            .sorted { ($0.completedOn!, $0.member) < ($1.completedOn!, $1.member) }
            .compactMap { s in
                guard seen.insert(s.member.memberID).inserted else { return nil }
                return LedgerDraft(
                    campaignID: campaignID, kind: .reward, amount: rules.reward, memberID: s.member.memberID, groupID: s.member.groupID,
                    note: "\(rules.requiredDays) days: \(rules.rewardName)", dedupeKey: "campaign:\(campaignID):reward:challenge:\(s.member.memberID)")
            }
    }

    public static func lotteryPrizes(_ draw: LotteryDraw, rules: LotteryRules, campaignID: String) -> [LedgerDraft] {
        draw.winners.map { w in
            LedgerDraft(
                campaignID: campaignID, kind: .prize, amount: rules.prizeValue, memberID: w.memberID, groupID: w.groupID,
                note: "round \(w.round) #\(w.position): \(rules.prize) (seed \(draw.seed))", dedupeKey: "campaign:\(campaignID):prize:\(w.memberID)")
        }
    }

    public static func firstOrderRewards(_ report: FirstOrderReport, campaignID: String) -> [LedgerDraft] {
        report.rewarded.filter { $0.reward.fen > 0 }.map { r in
            LedgerDraft(
                campaignID: campaignID, kind: .reward, amount: r.reward, memberID: r.member.memberID, groupID: r.member.groupID,
                note: "first order #\(r.ordinal) \(r.amount)",
                dedupeKey: "campaign:\(campaignID):reward:first_order:\(r.member.memberID):\(r.ordinal)")
        }
    }

    /// Which drafts to book now: drafts already booked (by key) are dropped, the rest are admitted in order
    /// while they fit the budget; the first that does not fit and everything after it are `overBudget` (owed,
    /// not paid: the campaign stops and says so with `message`).
    public static func admit(
        _ drafts: [LedgerDraft], budget: Money, spent: Money, reserved: Money = .zero, alreadyBooked: Set<String> = []
    ) -> (book: [LedgerDraft], overBudget: [LedgerDraft], message: String?) {
        var book: [LedgerDraft] = []
        var over: [LedgerDraft] = []
        var running = spent
        var message: String?
        var seen = alreadyBooked
        for draft in drafts where seen.insert(draft.dedupeKey).inserted {
            if !over.isEmpty {
                over.append(draft)
                continue
            }
            let check = BudgetCheck(budget: budget, spent: running, reserved: reserved, proposed: draft.amount)
            if check.allows {
                book.append(draft)
                running = running + draft.amount
            } else {
                over.append(draft)
                message = check.message
            }
        }
        if !over.isEmpty, let m = message {
            message = m + "; \(over.count) payout(s) of \(over.reduce(Money.zero) { $0 + $1.amount }) owed over budget"
        }
        return (book, over, message)
    }
}
