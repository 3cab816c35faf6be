import ClaimModel
import ClaimRules
import OutputFiles

/// `payments.csv` (docs/output.md, Payouts): one row per approved claim, by claim ID, with its
/// payout and where its payment is. An unknown value is an empty cell; amounts have two decimals.
public enum PaymentsExport {
    /// The columns of `payments.csv`.
    public static let columns = [
        "claimId", "engagement", "customer", "approvedOn", "payoutUSD", "state", "expectedBy", "paidOn", "paidUSD",
        "reference",
    ]
    /// Where the file goes.
    public static let path = "payments.csv"

    /// Writes `payments.csv` for `claims` (sorted by claim ID) into `sink`, row by row.
    public static func write(_ claims: [ClaimFacts], to sink: OutputSink) {
        CSV.write(
            path, header: columns,
            rows: claims.lazy.filter { $0.payment != nil }.map { facts in
                let c = facts.claim, p = facts.payment!
                return [
                    c.id, c.engagement, c.customer, facts.state.approvedOn?.description ?? "",
                    facts.payoutUSD?.moneyText ?? "", p.state.rawValue, p.expectedBy.description,
                    p.paid?.on.description ?? "", p.paid?.amountUSD.moneyText ?? "", p.paid?.reference ?? "",
                ]
            }, to: sink)
    }
}
