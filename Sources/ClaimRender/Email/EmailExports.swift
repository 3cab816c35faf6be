import ClaimModel
import ClaimRules
import Foundation

/// The files of `OUTPUT/email/`: `summary.txt`, `summary.html`, `summary.eml` (when
/// `site.yaml` has `email` with recipients) and `users/ADDRESS.eml` per user of `users.yaml`
/// who created claims (only for an audience that may see contact details).
public enum EmailExports {
    /// The email files by path relative to the output folder (`email/...`).
    /// - Parameter templates: the templates the parts are rendered with (default: the built-in
    ///   ones).
    /// - Parameter recipients: replaces `email.to` when given (`claimsite email --to`).
    public static func files(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths,
                             audience: Audience, templates: TemplateSet = TemplateSet.load(overrides: [:]),
                             recipients: [String]? = nil) -> [String: Data] {
        var files: [String: Data] = [:]
        let renderer = templates.compiled().renderer
        let summary = EmailSummary.build(claims: evaluation.claims, evaluation: evaluation, settings: settings, paths: paths,
                                         audienceTitle: "summary of all claims", renderer: renderer)
        files["email/summary.txt"] = Data(summary.text.utf8)
        files["email/summary.html"] = Data(summary.html.utf8)
        guard let email = settings.email else { return files }
        let from = email.from ?? "\(settings.partnerName) <noreply@claimsite.invalid>"
        let date = Date(timeIntervalSince1970: TimeInterval(evaluation.asOf.ordinal) * 86_400)
        let to = recipients ?? email.to
        if !to.isEmpty {
            files["email/summary.eml"] = MIMEMessage(from: from, to: to, subject: summary.subject, date: date,
                                                     text: summary.text, html: summary.html).rendered()
        }
        guard audience.showsContacts, let users = model.users else { return files }
        var written = Set<String>()
        for user in users where written.insert(user.email.lowercased()).inserted {
            let mine = evaluation.claims.filter { $0.claim.createdBy?.lowercased() == user.email.lowercased() }
            guard !mine.isEmpty else { continue }
            let who = user.name ?? user.email
            let personal = EmailSummary.build(claims: mine, evaluation: evaluation, settings: settings, paths: paths,
                                              audienceTitle: "claims created by \(who)", renderer: renderer)
            let mailbox = user.name.map { "\($0) <\(user.email)>" } ?? user.email
            files["email/users/\(fileName(for: user.email)).eml"] = MIMEMessage(
                from: from, to: [mailbox], subject: personal.subject, date: date, text: personal.text, html: personal.html).rendered()
        }
        return files
    }

    /// The address itself when it is made of safe characters, else a hashed safe name.
    static func fileName(for address: String) -> String {
        let lowered = address.lowercased()
        let safe = lowered.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"),
                                                                     UInt8(ascii: "@"), UInt8(ascii: "+")].contains(b)
        }
        return safe && !lowered.hasPrefix(".") ? lowered : PagePaths.hashed(address)
    }
}
