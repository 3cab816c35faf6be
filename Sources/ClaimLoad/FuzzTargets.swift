import ClaimModel

/// What the libFuzzer harnesses (`Fuzz/harnesses/`, `scripts/fuzz.sh`) do with one input, kept
/// here so that the regression tests of their findings call exactly the same code
/// (`Tests/ClaimLoadTests/FuzzRegressionTests.swift`). Each reads the text as the site loader
/// would, decodes it as every kind of file that form can be, and checks that the parse cache's
/// binary form of each result reads back equal. Never used by a build.
enum FuzzTargets {
    /// A YAML data file.
    static func yaml(_ text: String) {
        let root: Node?
        do { root = try YAMLReader.read(text) } catch { return }
        decodeAll(root)
    }

    /// A JSON data file.
    static func json(_ text: String) {
        let root: Node?
        do { root = try JSONReader.read(text) } catch { return }
        decodeAll(root)
    }

    /// An engagement's or a page's Markdown file: front matter split off and read as YAML.
    static func frontMatter(_ text: String) {
        guard let split = FrontMatter.split(text) else { return }
        let front: Node?
        do { front = try YAMLReader.read(split.yaml, lineOffset: split.lineOffset) } catch { return }
        let mark = Mark(line: 1, column: 1)
        let engagementSink = DiagnosticSink(file: "Content/engagements/fuzz.md")
        let engagement = EngagementDecoder.decode(front, body: split.body, fileStem: "fuzz", sink: engagementSink, frontMatterMark: mark)
        roundTrip(.engagement(engagement), engagementSink)
        let pageSink = DiagnosticSink(file: "Content/pages/fuzz.md")
        let page = PageDecoder.decode(front, body: split.body, slug: "fuzz", sink: pageSink, frontMatterMark: mark)
        roundTrip(.page(page), pageSink)
    }

    static func decodeAll(_ root: Node?) {
        func each(_ decode: (Node?, DiagnosticSink) -> ParsedFile.Content) {
            let sink = DiagnosticSink(file: "Content/data/fuzz.yaml")
            roundTrip(decode(root, sink), sink)
        }
        each { .settings(SettingsDecoder.decode($0, sink: $1)) }
        each { .locations(DataDecoders.locations($0, sink: $1)) }
        each { .customers(DataDecoders.customers($0, sink: $1)) }
        each { .directory(DataDecoders.directory($0, sink: $1)) }
        each { .eligibility(DataDecoders.eligibility($0, sink: $1)) }
        each { .opportunities(DataDecoders.opportunities($0, sink: $1)) }
        each { .users(DataDecoders.users($0, sink: $1)) }
        each { .claims(ClaimDecoder.decode($0, sink: $1)) }
    }

    /// The parse cache must give back exactly what decoding gave.
    static func roundTrip(_ content: ParsedFile.Content, _ sink: DiagnosticSink) {
        let file = ParsedFile(content: content, diagnostics: sink.items, unreadable: sink.unreadable)
        guard let bytes = file.encoded() else { return }
        let back = bytes.withUnsafeBytes { ParsedFile(encoded: $0) }
        precondition(back == file, "the parse cache's binary form does not read back equal")
    }
}
