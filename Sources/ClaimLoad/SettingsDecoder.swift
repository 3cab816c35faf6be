import ClaimModel

/// Decodes `site.yaml` (docs/input-format.md).
package enum SettingsDecoder {
    package static let known = [
        "title", "partner", "asOf", "audience", "referralURL", "baseURL", "email", "language",
        "claimURL",
    ]

    package static func decode(_ root: Node?, sink: DiagnosticSink) -> SiteSettings? {
        guard let root else {
            sink.fileError(.missingField, "site settings are empty; give at least 'title' and 'partner: { name: ... }'")
            return nil
        }
        guard let f = Fields(root, what: "site settings", known: known, sink: sink, record: .site) else { return nil }
        defer { f.finish() }
        let title = f.text("title", required: true)
        var partnerName: String?, partnerID: String?
        if let p = f.nested("partner", what: "site settings partner", known: ["name", "id"], required: true) {
            partnerName = p.text("name", required: true)
            partnerID = p.text("id")
            f.absorb(p)
        }
        let asOf = f.day("asOf")
        let language = f.enumValue("language", Language.self, noun: "language")
        let audience = f.enumList("audience", AudienceRole.self, noun: "audience role")
        let referralURL = f.text("referralURL")
        if let url = referralURL, !url.contains("{id}") {
            f.warn(
                .referralURLWithoutID, f.mark(of: "referralURL"),
                "site settings: 'referralURL' has no '{id}'; every referral would link to the same page")
        }
        var claimURL = f.text("claimURL")
        if let url = claimURL {
            if !url.lowercased().hasPrefix("https://") {
                claimURL = nil
                f.fail(
                    .claimURLNotHTTPS, f.mark(of: "claimURL"),
                    """
                    site settings: 'claimURL' must start with 'https://' (it becomes the "Open in Partner \
                    Center" link of every claim); write the address of a claim's page in Partner Center
                    """)
            } else if !url.contains("{id}") {
                f.warn(
                    .claimURLWithoutID, f.mark(of: "claimURL"),
                    "site settings: 'claimURL' has no '{id}'; every claim would link to the same page")
            }
        }
        let baseURL = f.text("baseURL")
        var email: EmailSettings?
        if let e = f.nested("email", what: "site settings email", known: ["from", "to", "dueSoonDays"]) {
            let from = e.text("from")
            let to = e.textList("to") ?? []
            let dueSoon = e.int("dueSoonDays", maximum: ReaderLimits.maxDays) ?? SiteSettings.defaultDueSoonDays
            f.absorb(e)
            email = EmailSettings(from: from, to: to, dueSoonDays: dueSoon)
        }
        guard f.isValid, let title, let partnerName else { return nil }
        return SiteSettings(
            title: title, partnerName: partnerName, partnerID: partnerID, asOf: asOf,
            audience: audience, referralURL: referralURL, baseURL: baseURL, email: email, language: language,
            claimURL: claimURL, source: f.recorder.map)
    }
}
