import ClaimModel
import ClaimRules
import Foundation
import MIME
import OutputFiles
import TypedMustache

/// The files of `OUTPUT/email/`: `summary.txt`, `summary.html`, `summary.eml` (when
/// `site.yaml` has `email` with recipients) and `users/ADDRESS.eml` per user of `users.yaml`
/// who created claims (only for an audience that may see contact details).
public enum EmailExports {
    /// The two halves of the email files, which the build writes side by side.
    public struct Parts: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// `summary.txt`, `summary.html` and `summary.eml`.
        public static let summary = Parts(rawValue: 1)
        /// `users/ADDRESS.eml`.
        public static let users = Parts(rawValue: 2)
        /// Every email file.
        public static let all: Parts = [.summary, .users]
    }

    /// The email files by path relative to the output folder (`email/...`), whole: for tests
    /// and `claimsite email`, which hands each message to sendmail. The build streams them
    /// (`write`); these are the same bytes.
    /// - Parameter templates: the templates the parts are rendered with (default: the built-in
    ///   ones); check them first with `checkTemplates`.
    /// - Parameter recipients: replaces `email.to` when given (`claimsite email --to`).
    public static func files(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths,
        audience: Audience, templates: TemplateSet = TemplateSet.load(overrides: [:]),
        recipients: [String]? = nil
    ) -> [String: Data] {
        let sink = MemorySink()
        write(
            evaluation: evaluation, model: model, settings: settings, paths: paths, audience: audience,
            templates: templates, recipients: recipients, to: sink)
        return sink.files
    }

    /// Writes the email files into `sink` as they are rendered, in pieces of 64 KiB (no
    /// document is held whole: the summary of a large site lists tens of thousands of claims),
    /// and returns their paths. The text and HTML of the summary are rendered once each, and
    /// every piece goes both to its own file and, quoted-printable, into `summary.eml`.
    /// - Parameter templates: the templates the parts are rendered with (default: the built-in
    ///   ones); check them first with `checkTemplates`.
    /// - Parameter recipients: replaces `email.to` when given (`claimsite email --to`).
    /// - Parameter parts: which of the files to write (default: all); the build writes the
    ///   summary and the users' messages as two exports, side by side.
    @discardableResult
    public static func write(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths,
        audience: Audience, templates: TemplateSet = TemplateSet.load(overrides: [:]),
        recipients: [String]? = nil, parts: Parts = .all, pieces: ExportPieces? = nil, to sink: OutputSink
    ) -> [String] {
        let renderer = templates.compiled().renderer
        let naming = MessageNaming(templates)
        let keys = pieces.map { FileKeys(pieces: $0, templates: templates, language: templates.catalogue.language) }
        let speech = Speech(templates.catalogue)
        let language = templates.catalogue.language.rawValue
        let from = settings.email.map { $0.from ?? "\(settings.partnerName) <noreply@claimsite.invalid>" }
        let date = Date(timeIntervalSince1970: TimeInterval(evaluation.asOf.ordinal) * 86_400)
        var written: [String] = []

        if parts.contains(.summary) {
            let summary = EmailSummary.viewModel(
                claims: evaluation.claims, evaluation: evaluation, settings: settings, paths: paths,
                audienceTitle: speech.text("email.audienceAll"), speech: speech)
            // Each file is kept from the last build when its key did not change (`FileKeys`);
            // the parts are rendered only for the files that are not.
            let fields = EmailExports.fieldBytes(of: summary)
            var message: MIMEStream?
            var messageKey: PieceKey?
            let to = recipients ?? settings.email?.to ?? []
            if let from, !to.isEmpty {
                let path = "email/summary.eml"
                messageKey = keys?.message(path, from: from, to: to, date: date, fields: fields)
                if keys?.keep(path, messageKey, in: sink) != true {
                    message = MIMEStream(
                        from: from, to: to, subject: summary.subject, date: date, language: language,
                        id: naming.id(from: from, to: to, date: date, subject: summary.subject, fields: fields),
                        file: sink.open(path))
                }
                written.append(path)
            }
            for (template, path, type) in [
                (EmailSummary.textTemplate, "email/summary.txt", "text/plain"),
                (EmailSummary.htmlTemplate, "email/summary.html", "text/html"),
            ] {
                written.append(path)
                let key = keys?.part(path, template: template, fields: fields)
                var file = keys?.keep(path, key, in: sink) == true ? nil : StreamWriter(file: sink.open(path))
                guard file != nil || message != nil else { continue }
                message?.beginPart(type)
                _ = renderer.render(template, summary) { piece in
                    file?.append(piece)
                    message?.append(piece)
                }
                message?.endPart()
                if file != nil {
                    file?.close()
                    keys?.remember(path, key, from: sink)
                }
            }
            if message != nil {
                message?.close()
                keys?.remember("email/summary.eml", messageKey, from: sink)
            }
        }

        guard parts.contains(.users), let from, audience.showsContacts, let users = model.users else {
            return written
        }
        // Emails compare by their bytes after ASCII lower-casing (docs/input-format.md, "Comparing IDs").
        // Each user's claims, in the evaluation's order, found in one pass over the claims.
        var byCreator: [ByteKey: [ClaimFacts]] = [:]
        for facts in evaluation.claims {
            guard let creator = facts.claim.createdBy else { continue }
            byCreator[ByteKey(creator.asciiLowercased()), default: []].append(facts)
        }
        var seen = Set<ByteKey>()
        for user in users where seen.insert(ByteKey(user.email.asciiLowercased())).inserted {
            guard let mine = byCreator[ByteKey(user.email.asciiLowercased())], !mine.isEmpty else { continue }
            let who = user.name ?? user.email
            let personal = EmailSummary.viewModel(
                claims: mine, evaluation: evaluation, settings: settings, paths: paths,
                audienceTitle: speech.text("email.audienceUser", ["who": who]), speech: speech)
            let to = [user.name.map { "\($0) <\(user.email)>" } ?? user.email]
            let path = "email/users/\(fileName(for: user.email)).eml"
            written.append(path)
            let fields = EmailExports.fieldBytes(of: personal)
            let key = keys?.message(path, from: from, to: to, date: date, fields: fields)
            if keys?.keep(path, key, in: sink) == true { continue }
            var message = MIMEStream(
                from: from, to: to, subject: personal.subject, date: date, language: language,
                id: naming.id(from: from, to: to, date: date, subject: personal.subject, fields: fields),
                file: sink.open(path))
            for (template, type) in [
                (EmailSummary.textTemplate, "text/plain"), (EmailSummary.htmlTemplate, "text/html"),
            ] {
                message.beginPart(type)
                _ = renderer.render(template, personal) { message.append($0) }
                message.endPart()
            }
            message.close()
            keys?.remember(path, key, from: sink)
        }
        return written
    }

    /// What a summary's view model holds, as a page's digest is taken (`FieldTable.write`): two
    /// models that differ in any value a template may use give different bytes. A message's name
    /// and the keys of its files are made from them.
    static func fieldBytes(of model: EmailSummaryModel) -> [UInt8] {
        var bytes: [UInt8] = []
        EmailSummaryModel.fields.write(model, into: &bytes)
        return bytes
    }

    /// The names of the email templates and of every template they include or extend, sorted
    /// by their bytes: what a message's name and its files' keys take the templates' texts from.
    static func templateNames(in set: TemplateSet) -> [String] {
        reachable(from: EmailSummary.textTemplate, in: set).union(reachable(from: EmailSummary.htmlTemplate, in: set))
            .sorted { $0.precedesByUTF8($1) }
    }

    /// The keys of the email files (docs/output.md, Cache): a file is made from the email
    /// templates (their names and texts), its view model's values and, for a message, the
    /// language, sender, recipients and date; the binary is the piece cache's context. A file
    /// whose key the last build recorded, with the hash of the file it wrote, is kept from the
    /// last build's output when the output still holds that file; otherwise it is rendered
    /// and its hash recorded.
    struct FileKeys {
        let pieces: ExportPieces
        /// The names and texts of the templates the messages are rendered with.
        let templates: [UInt8]
        let language: [UInt8]

        init(pieces: ExportPieces, templates set: TemplateSet, language: Language) {
            self.pieces = pieces
            var bytes: [UInt8] = []
            for name in EmailExports.templateNames(in: set) {
                for text in [name, set.templates[name] ?? ""] {
                    withUnsafeBytes(of: UInt64(text.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
                    bytes += Array(text.utf8)
                }
            }
            templates = bytes
            self.language = Array(language.rawValue.utf8)
        }

        /// The key of the part `path`, `template` rendered from a model with `fields`
        /// (`fieldBytes`).
        func part(_ path: String, template: String, fields: [UInt8]) -> PieceKey {
            pieces.key(.emailFile, of: [Array("part".utf8), Array(path.utf8), Array(template.utf8), templates, fields])
        }

        /// The key of the message `path` from `from` to `to` on `date`, rendered from a model
        /// with `fields` (`fieldBytes`).
        func message(_ path: String, from: String, to: [String], date: Date, fields: [UInt8]) -> PieceKey {
            var head = [Array("message".utf8), Array(path.utf8), language, Array(from.utf8)]
            head.append(withUnsafeBytes(of: UInt64(to.count).littleEndian) { Array($0) })
            head += to.map { Array($0.utf8) }
            head.append(withUnsafeBytes(of: Int64(date.timeIntervalSince1970).littleEndian) { Array($0) })
            return pieces.key(.emailFile, of: head + [templates, fields])
        }

        /// Keeps the last build's file `path` when the piece `key` holds its hash and the sink
        /// could keep that file; whether it did (the piece is then recorded for the next build).
        func keep(_ path: String, _ key: PieceKey?, in sink: OutputSink) -> Bool {
            guard let key, let hash = pieces.cache.lastBytes(key),
                sink.keep(path, hash: String(decoding: hash, as: UTF8.self))
            else { return false }
            hash.withUnsafeBytes { pieces.cache.record(key, $0, copied: true) }
            return true
        }

        /// Records, as the piece `key`, the hash the sink gave the file `path` just written.
        func remember(_ path: String, _ key: PieceKey?, from sink: OutputSink) {
            guard let key, var hash = sink.recordedHash(path) else { return }
            hash.withUTF8 { pieces.cache.record(key, UnsafeRawBufferPointer($0), copied: false) }
        }
    }

    /// Names the messages: the hash that gives a message its `Message-ID` and MIME boundary,
    /// made before it is rendered from everything it is rendered from — the email templates'
    /// names and texts, the addresses, date and subject, and every value of its view model — so
    /// the same input gives the same bytes and any change to what the message says changes its name.
    struct MessageNaming {
        /// The hash of the templates' names and texts, which every message starts from.
        let templates: ContentHash.Stream

        init(_ set: TemplateSet) {
            var stream = ContentHash.Stream()
            for name in EmailExports.templateNames(in: set) {
                stream.add(name)
                stream.add(set.templates[name] ?? "")
            }
            templates = stream
        }

        /// The name of the message from `from` to `to` on `date` with `subject`, from a summary
        /// whose view model has `fields` (`fieldBytes`).
        func id(from: String, to: [String], date: Date, subject: String, fields: [UInt8]) -> UInt64 {
            var stream = templates
            stream.add(from)
            stream.add(UInt64(to.count))
            for address in to { stream.add(address) }
            stream.add(UInt64(bitPattern: Int64(date.timeIntervalSince1970)))
            stream.add(subject)
            stream.add(fields: fields)
            return stream.value
        }
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
                out.append(
                    .error(
                        .templateMissing, at: SourceLocation(file: "Templates/\(email.name).mustache"),
                        "the built-in template '\(email.name)' is missing"))
                continue
            }
            out += checker.diagnostics(email.name, shape: email.shape, what: email.what)
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

    /// The address itself when it is made of safe characters, else a hashed safe name.
    static func fileName(for address: String) -> String {
        // ASCII letters only, as users' emails compare (docs/input-format.md, "Comparing IDs"):
        // a non-ASCII letter whose Unicode lower case is ASCII (the Kelvin sign) must not make
        // the name of another user's file.
        let lowered = address.asciiLowercased()
        let safe = lowered.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A)
                || [
                    UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"),
                    UInt8(ascii: "@"), UInt8(ascii: "+"),
                ].contains(b)
        }
        return safe && !lowered.hasPrefix(".") ? lowered : PagePaths.hashed(address)
    }
}
