import Foundation
import Testing

@testable import ClaimSite
@testable import LinkCheck
@testable import OutputFiles

/// The page memo's builder reads a rendered page's links from its bytes and looks most of them
/// up by their bytes (`PageMemo.Builder.entry(digest:fileHash:page:bytes:)`). Whatever it
/// looked up and whatever it resolved anew, each page's entry must say what `LinkCheck.links`
/// says of the same bytes: the same ids, and the same links in the same order, less the links
/// to the page's own ids (`#top` on a page with `id="top"`), which are fine while it is kept.
@Suite struct PageMemoLinkReadingTests {
    /// Pages at every depth, so values shared across folders meet values that are not.
    static let paths = [
        "index.html", "actions.html", "claims/C-1.html", "claims/C-2.html", "customers/K.html",
        "engagements/e-1/index.html", "engagements/e-2/index.html", "a/b/c/d.html",
    ]

    /// Pieces of link values: steps, plain segments, and everything that makes a value not
    /// plain (schemes, `%`, entities, non-ASCII, empty and dot segments, a leading slash).
    static let pieces = [
        "../", "../", "../", "claims/", "C-1.html", "index.html", "e-1/", "#", "top", "#eligible",
        "./", "/", "//", ".", "..", "%20", "&amp;", "é", "mailto:x@y", "https://x/", "a:b", "K.html",
        "", "engagements/",
    ]

    /// A page whose attributes are the values `values` (each an `href`, `src` or `id`, by `kinds`).
    static func page(_ values: [(kind: Int, value: String)]) -> [UInt8] {
        var html = "<!DOCTYPE html><body>"
        for (kind, value) in values {
            let name = ["href", "src", "id"][kind]
            html += "<a class=\"x\" \(name)=\"\(value)\">t</a>\n"
        }
        return Array(html.utf8)
    }

    @Test func everyPageSaysWhatLinkCheckReadsFromItsBytes() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let builder = PageMemo.Builder(context: PageMemoCodecTests.digest(-1), previous: .empty)
        var pages: [(path: String, bytes: [UInt8], entry: PageMemo.Entry)] = []
        for n in 0..<3000 {
            let values = (0..<next(12)).map { _ -> (kind: Int, value: String) in
                let value = (0..<next(5)).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
                return (next(3), value)
            }
            // Some pages repeat a value, as the portal's do (a claim linked twice).
            let bytes = Self.page(values + (values.isEmpty ? [] : [values[next(values.count)]]))
            // A page of its own at one of the depths (the link check reads each path's ids once).
            let base = Self.paths[next(Self.paths.count)]
            let folder = base.split(separator: "/").dropLast().joined(separator: "/")
            let path = folder.isEmpty ? "p\(n).html" : "\(folder)/p\(n).html"
            let entry = bytes.withUnsafeBytes {
                builder.entry(digest: PageMemoCodecTests.digest(n), fileHash: "h\(n)", page: path, bytes: $0)
            }
            pages.append((path, bytes, entry))
        }
        let tables = builder.tables()
        var lookedUp = 0, ownIDs = 0
        for page in pages {
            var expected = page.bytes.withUnsafeBytes { LinkCheck.links(page.path, bytes: $0) }
            let all = expected.links.count
            expected.links.removeAll { link in
                let fragment = link.target.dropFirst()
                return link.target.hasPrefix("#") && link.target.utf8.allSatisfy { $0 < 0x80 && $0 != 0x26 }
                    && (fragment.isEmpty || expected.ids.contains(LinkCheck.hash(String(fragment))))
            }
            ownIDs += all - expected.links.count
            #expect(
                tables.pageLinks(page.entry) == expected, "\(page.path): \(String(decoding: page.bytes, as: UTF8.self))"
            )
            lookedUp += expected.links.count
        }
        #expect(lookedUp > 5000 && ownIDs > 50)

        // What counts: the link check through the entries says what it says of the bytes.
        let existing = Set(Self.paths + pages.map(\.path))
        let verdicts = tables.verdicts(existing: existing)
        let byBytes = pages.map { page in
            page.bytes.withUnsafeBytes { LinkCheck.check(page.path, bytes: $0, existing: existing) }
        }
        let byEntries = pages.map { tables.check($0.path, $0.entry, with: verdicts) }
        let messages = LinkCheck.finish(byBytes)
        #expect(
            messages.contains { $0.contains("names no id") } && messages.contains { $0.contains("leads to no file") })
        #expect(LinkCheck.finish(byEntries) == messages)
    }

    /// A plain value is one key from every folder that is the same less its steps, and another
    /// from a folder that is not; a value that is not plain is never kept.
    @Test func aPlainValueIsSharedByFoldersItResolvesAlikeFrom() {
        var table = RawLinkTable()
        func find(_ page: String, _ value: String, insert link: UInt32? = nil) -> UInt32? {
            Array(page.utf8).withUnsafeBytes { page in
                Array(value.utf8).withUnsafeBytes { bytes in
                    let key = RawLinkTable.Key(page: page, value: bytes, hash: ContentHash.of(bytes))
                    if let link { table.insert(key, link) }
                    return table.find(key)
                }
            }
        }
        #expect(find("engagements/e-1/index.html", "../../customers/K.html", insert: 7) == 7)
        #expect(find("engagements/e-2/index.html", "../../customers/K.html") == 7)
        #expect(find("claims/C-1.html", "../../customers/K.html") == nil)  // leaves the output
        #expect(find("index.html", "../../customers/K.html") == nil)
        #expect(find("engagements/e-1/index.html", "index.html#eligible", insert: 8) == 8)
        #expect(find("engagements/e-2/index.html", "index.html#eligible") == nil)  // another folder
        #expect(find("customers/K.html", "../claims/C-1.html", insert: 9) == 9)
        #expect(find("locations/L.html", "../claims/C-1.html") == 9)
        #expect(find("claims/C-1.html", "#main", insert: 10) == nil)  // not plain: never kept
        #expect(find("claims/C-1.html", "../a/./b.html", insert: 11) == nil)
    }
}
