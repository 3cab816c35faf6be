import ClaimModel
import ClaimRules
import Foundation

/// The files of `OUTPUT/email/`: `summary.txt`, `summary.html`, `summary.eml` (when
/// `site.yaml` has `email` with recipients) and `users/ADDRESS.eml` per user of `users.yaml`
/// who created claims (only for an audience that may see contact details).
public enum EmailExports {
    /// The email files by path relative to the output folder (`email/...`).
    /// - Parameter templates: the templates the parts are rendered with (default: the built-in
    ///   ones); check them first with `checkTemplates`.
    /// - Parameter recipients: replaces `email.to` when given (`claimsite email --to`).
    public static func files(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths,
                             audience: Audience, templates: TemplateSet = TemplateSet.load(overrides: [:]),
                             recipients: [String]? = nil) -> [String: Data] {
        var files: [String: Data] = [:]
        let renderer = templates.compiled().renderer
        let summary = EmailSummary.build(EmailSummary.viewModel(claims: evaluation.claims, evaluation: evaluation, settings: settings,
                                                                paths: paths, audienceTitle: "summary of all claims"),
                                         renderer: renderer)
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
            let personal = EmailSummary.build(EmailSummary.viewModel(claims: mine, evaluation: evaluation, settings: settings,
                                                                     paths: paths, audienceTitle: "claims created by \(who)"),
                                              renderer: renderer)
            let mailbox = user.name.map { "\($0) <\(user.email)>" } ?? user.email
            files["email/users/\(fileName(for: user.email)).eml"] = MIMEMessage(
                from: from, to: [mailbox], subject: personal.subject, date: date, text: personal.text, html: personal.html).rendered()
        }
        return files
    }

    /// The email templates, what their view model is called in messages, and its shape: the
    /// keys each may use, derived from the view model's field table.
    static let templates: [(name: String, what: String, shape: [String: Shape])] = [
        (EmailSummary.textTemplate, "email summary's view model", EmailSummaryModel.fields.shape),
        (EmailSummary.htmlTemplate, "email summary's view model", EmailSummaryModel.fields.shape),
    ]

    /// Problems of the email templates in `templates`: each checked against the shape of its
    /// view model (`EmailSummaryModel`'s field table), with file and line, and every template
    /// they use compiled (emails are rendered by the compiled form only).
    public static func checkTemplates(_ templates: TemplateSet) -> [Diagnostic] {
        let checker = TemplateCheck(templates: templates.templates, files: templates.files)
        var out: [Diagnostic] = []
        var used = Set<String>()
        for email in EmailExports.templates {
            guard templates.templates[email.name] != nil else {
                out.append(.error(.templateMissing, at: SourceLocation(file: "Templates/\(email.name).mustache"), "the built-in template '\(email.name)' is missing"))
                continue
            }
            out += checker.check(email.name, shape: email.shape, what: email.what)
            used.formUnion(reachable(from: email.name, in: templates))
        }
        let files = Set(used.compactMap { templates.files[$0] })
        out += templates.compiled().problems.filter { $0.location.map { files.contains($0.file) } ?? false }
        // A partial used in several places is checked in each: its problems once.
        var seen = Set<Diagnostic>()
        return out.filter { seen.insert($0).inserted }
    }

    /// `name` and every template it includes or extends, directly or not.
    static func reachable(from name: String, in templates: TemplateSet) -> Set<String> {
        var seen: Set<String> = [], queue = [name]
        while let next = queue.popLast() {
            guard let text = templates.templates[next], seen.insert(next).inserted else { continue }
            queue += TemplateTags.scan(text).filter { $0.kind == .partial || $0.kind == .parent }.map(\.name)
        }
        return seen
    }

    /// Where the view models of the emails, as swift-mustache takes them (`[String: Any]`, made
    /// by walking the field table), and the shape their templates are checked with disagree
    /// (for tests): the summary of all claims and each user's, as `files` would render them.
    public static func shapeProblems(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths) -> [String] {
        let shape = EmailSummaryModel.fields.shape
        var out = ShapeConformance.problems(
            EmailSummaryModel.fields.dictionary(EmailSummary.viewModel(claims: evaluation.claims, evaluation: evaluation, settings: settings,
                                                                       paths: paths, audienceTitle: "summary of all claims")),
            shape, path: "summary: ")
        for user in model.users ?? [] {
            let mine = evaluation.claims.filter { $0.claim.createdBy?.lowercased() == user.email.lowercased() }
            out += ShapeConformance.problems(
                EmailSummaryModel.fields.dictionary(EmailSummary.viewModel(claims: mine, evaluation: evaluation, settings: settings,
                                                                           paths: paths, audienceTitle: "claims created by \(user.email)")),
                shape, path: "\(user.email): ")
        }
        return out
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
