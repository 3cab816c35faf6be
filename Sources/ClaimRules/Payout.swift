import ClaimModel
import Foundation

/// Payouts and referral links (docs/rules.md#referrals).
public enum Payout {
    /// The payout of a claim: the approved `amountUSD` when the claim is approved with one;
    /// else fixed pay's `fixedPayoutUSD`, or variable pay's
    /// `min(hours × hourlyRateUSD, maxPayoutUSD, maxShareOfOpportunity × estimatedRevenueUSD)`
    /// with absent caps skipped; rounded half-up to cents.
    public static func amount(
        claim: Claim, engagement: Engagement, status: ClaimStatus,
        opportunity: Opportunity?
    ) -> (amount: Decimal?, approved: Bool) {
        let approved = status == .approved
        if approved, let amount = claim.events.last(where: { $0.type == .approved })?.amountUSD {
            return (roundedToCents(amount), true)
        }
        switch engagement.pay {
        case .fixed:
            return (engagement.fixedPayoutUSD.map(roundedToCents), approved)
        case .variable:
            guard let terms = engagement.variablePay, let hours = claim.hours else { return (nil, approved) }
            return (variable(hours: hours, terms: terms, opportunity: opportunity).amountUSD, approved)
        }
    }

    /// Variable pay for `hours` under `terms`, the one formula the claims' payouts and
    /// `nominate` share: `hours × hourlyRateUSD`, capped at `maxPayoutUSD` and at
    /// `maxShareOfOpportunity × estimatedRevenueUSD` of `opportunity` (a cap that is absent is
    /// skipped; so is the share cap without an opportunity), rounded half-up to cents; with the
    /// steps that made it, for `nominate` to say (docs/rules.md#payouts).
    public static func variable(hours: Int, terms: VariablePay, opportunity: Opportunity?) -> VariablePayout {
        var amount = Decimal(hours) * terms.hourlyRateUSD
        var steps: [PayoutStep] = [.hours(hours, rateUSD: terms.hourlyRateUSD, amountUSD: amount)]
        if let cap = terms.maxPayoutUSD, cap < amount {
            amount = cap
            steps.append(.cappedAtMaximum(capUSD: cap))
        }
        if let share = terms.maxShareOfOpportunity {
            if let opportunity {
                let shareCap = share * opportunity.estimatedRevenueUSD
                if shareCap < amount {
                    amount = shareCap
                    steps.append(
                        .cappedAtShare(
                            share: share, opportunity: opportunity.id,
                            revenueUSD: opportunity.estimatedRevenueUSD, capUSD: shareCap))
                }
            } else {
                steps.append(.shareCapSkipped)
            }
        }
        return VariablePayout(amountUSD: roundedToCents(amount), steps: steps)
    }

    /// `value` rounded half-up (away from zero) to two decimals.
    public static func roundedToCents(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }

    /// `pattern` with `{id}` replaced by `id`, percent-encoded except RFC 3986 unreserved characters.
    public static func referralURL(pattern: String, id: String) -> String {
        // By bytes, left to right (Foundation's replacingOccurrences is slow, and a site has a
        // hundred thousand referrals).
        let placeholder = Array("{id}".utf8)
        let bytes = Array(pattern.utf8)
        guard bytes.count >= placeholder.count else { return pattern }
        let encoded = Array(percentEncoded(id).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + encoded.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == placeholder[0], i + placeholder.count <= bytes.count,
                bytes[i..<i + placeholder.count].elementsEqual(placeholder)
            {
                out += encoded
                i += placeholder.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes every byte that is not an RFC 3986 unreserved character.
    public static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A variable-pay amount and how it was reached.
public struct VariablePayout: Hashable, Sendable {
    /// The amount in USD, rounded half-up to cents.
    public var amountUSD: Decimal
    /// The steps, in order: hours at the rate first, then each cap that applied or was skipped.
    public var steps: [PayoutStep]
}

/// One step of a variable-pay amount, as data (`nominate` says it in words).
public enum PayoutStep: Hashable, Sendable {
    /// `hours` at `rateUSD` an hour make `amountUSD`.
    case hours(Int, rateUSD: Decimal, amountUSD: Decimal)
    /// Capped at the engagement's `maxPayoutUSD`.
    case cappedAtMaximum(capUSD: Decimal)
    /// Capped at `share` of the estimated revenue of `opportunity`, which makes `capUSD`.
    case cappedAtShare(share: Decimal, opportunity: String, revenueUSD: Decimal, capUSD: Decimal)
    /// The engagement caps by a share of the opportunity, but there is no opportunity to
    /// measure (not in opportunities.yaml).
    case shareCapSkipped
}

extension Decimal {
    /// The amount with exactly two decimals (`5000.00`), as money is printed.
    public var moneyText: String { Decimal.moneyText(self, grouped: false) }

    /// The amount with two decimals and its thousands grouped by commas (`12,345.00`), as
    /// pages print it after `USD`.
    public var groupedMoneyText: String { Decimal.moneyText(self, grouped: true) }

    /// `moneyText` as Foundation prints a decimal: the slow way, and the one that holds for
    /// amounts of any size. `moneyText` gives the same text (`MoneyTextTests`).
    package var moneyTextByFoundation: String {
        let rounded = Payout.roundedToCents(self)
        var text = NSDecimalNumber(decimal: rounded).stringValue
        if !text.contains(".") { text += ".00" }
        let decimals = text.split(separator: ".").last!.count
        if decimals == 1 { text += "0" }
        return text
    }

    /// `groupedMoneyText` the slow way, from `moneyTextByFoundation`.
    package var groupedMoneyTextByFoundation: String {
        let parts = moneyTextByFoundation.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var grouped = ""
        for (i, c) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return "\(negative ? "-" : "")\(String(grouped.reversed())).\(parts.count > 1 ? parts[1] : "00")"
    }

    /// Money text from the amount in whole cents when it is exactly that many (pages print
    /// hundreds of thousands of amounts, and Foundation's decimal printing is slow); else
    /// Foundation's text.
    private static func moneyText(_ value: Decimal, grouped: Bool) -> String {
        let rounded = Payout.roundedToCents(value)
        let scaled = rounded * 100
        let cents = Int64(truncating: NSDecimalNumber(decimal: scaled))
        guard !rounded.isNaN, cents > -1_000_000_000_000_000, cents < 1_000_000_000_000_000,
            Decimal(cents) == scaled
        else { return grouped ? value.groupedMoneyTextByFoundation : value.moneyTextByFoundation }
        var magnitude = cents.magnitude
        // Digits from the right: two decimals, the point, then the whole part in threes.
        var reversed: [UInt8] = []
        reversed.reserveCapacity(28)
        for _ in 0..<2 {
            reversed.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        reversed.append(UInt8(ascii: "."))
        var digits = 0
        repeat {
            if grouped && digits > 0 && digits % 3 == 0 { reversed.append(UInt8(ascii: ",")) }
            reversed.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
            digits += 1
        } while magnitude > 0
        if cents < 0 { reversed.append(UInt8(ascii: "-")) }
        return String(decoding: reversed.reversed(), as: UTF8.self)
    }
}
