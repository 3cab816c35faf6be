/// A Markdown page of the site (`page.mustache`).
struct MarkdownPage: ViewModel {
    let layout: PageLayout
    let page: PageContent

    static let fields = FieldTable<MarkdownPage>(embedding: \.layout, [.object("page", \.page)])
}

/// A Markdown page's title and body.
struct PageContent: ViewModel {
    let title: String
    /// The body, already safe HTML.
    let bodyHTML: String

    static let fields = FieldTable<PageContent>([.text("title") { $0.title }, .text("bodyHTML") { $0.bodyHTML }])
}
