import Testing

@testable import ClaimRender
@testable import TypedMustache

/// A page's field table embeds its layout's fields, and its own field wins over the layout's
/// of the same name.
@Suite struct PageTableTests {
    @Test func aPageTableHasItsLayoutsFieldsAndItsOwnWinOnAClash() {
        let shape = MarkdownPage.fields.shape
        #expect(Set(shape.keys) == Set(PageLayout.fields.index.names + ["page"]))
        guard case .object(let page)? = shape["page"], case .list(let nav)? = shape["nav"] else {
            Issue.record("page is not an object or nav not a list")
            return
        }
        #expect(Set(page.keys) == ["title", "bodyHTML"])
        #expect(Set(nav.keys) == ["label", "href", "current"])
        let table = FieldTable<OverridingPage>(embedding: \.layout, [.text("title") { _ in "own" }])
        #expect(table.index.names.filter { $0 == "title" }.count == 1)
        #expect(table.dictionary(OverridingPage(layout: .sample))["title"] as? String == "own")
    }
}

private struct OverridingPage: Sendable { let layout: PageLayout }

private extension PageLayout {
    static let sample = PageLayout(
        lang: "en", title: "layout", siteTitle: "", partnerName: "", asOf: "", asOfText: "", root: "", homeHref: "",
        stylesheet: "", nav: [], contactsHidden: false, audienceLabel: "")
}

/// Templates from TemplateCase (names t…, b…, l…, m…, o…) and a typed value for them.
