import TypedMustache

/// A Markdown page of the site (`page.mustache`).
package struct MarkdownPage: ViewModel {
    package let layout: PageLayout
    package let page: PageContent

    package static let fields = FieldTable<MarkdownPage>(embedding: \.layout, [.object("page", \.page)])
}

/// A Markdown page's title and body.
package struct PageContent: ViewModel {
    package let title: String
    /// The body, already safe HTML.
    package let bodyHTML: String

    package static let fields = FieldTable<PageContent>([
        .text("title", \.title), .text("bodyHTML", \.bodyHTML),
    ])
}
