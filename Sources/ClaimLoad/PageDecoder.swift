import ClaimModel

/// Decodes a Markdown page's front matter (`title`, `order`).
package enum PageDecoder {
    package static func decode(_ front: Node?, body: String, slug: String, sink: DiagnosticSink, frontMatterMark: Mark)
        -> Page?
    {
        guard let front else {
            sink.error(
                .missingField, frontMatterMark, record: RecordRef(.page, slug),
                "page \(slug): missing required field 'title'; add front matter with 'title: ...'")
            return nil
        }
        guard
            let f = Fields(
                front, what: "page \(slug)", known: ["title", "order"], sink: sink,
                record: RecordRef(.page, slug))
        else { return nil }
        defer { f.finish() }
        let title = f.text("title", required: true)
        let order = f.int("order", minimum: Int.min)
        guard f.isValid, let title else { return nil }
        return Page(slug: slug, title: title, order: order, body: body, source: f.recorder.map)
    }
}
