import Testing

@testable import ClaimRender
@testable import LinkCheck

/// The link check reads ASCII links byte by byte; that must lead where reading them by
/// characters does (which non-ASCII links still use).
@Suite struct LinkCheckTests {
    static let pages = ["index.html", "claims/C-1.html", "engagements/ws/index.html", "pages/about.html"]

    @Test func asciiLinksLeadWhereTheCharacterReadingLeads() {
        let known = [
            "", "../claims/C-1.html", "../../customers/x.html#ids", "#top", "#", "index.html#", "http://example.com/a",
            "https://x", "mailto:a@b", "a:b", "#a:b", "./x.html", "../", "..", "a//b", "a/./b", "%20x.html", "/abs",
            "../../../x", "x.html?q=1", "a/../b", "assets/claimsite.css", "../..", "....//x", "..//x", "../.hidden",
        ]
        for page in LinkCheckTests.pages {
            for target in known {
                #expect(
                    LinkCheck.destination(of: target, from: page) == LinkCheck.slowDestination(of: target, from: page),
                    "\(target.debugDescription) on \(page)")
            }
        }
        var dice = Dice(seed: 11)
        let pieces = [
            "../", "./", "/", "#", ":", "%", "%2F", "a", ".", "..", "b.html", "index.html", "&", "?", "-", "x_y",
        ]
        for _ in 0..<20_000 {
            let target = (0..<dice.int(0...6)).map { _ in dice.pick(pieces) }.joined()
            let page = dice.pick(LinkCheckTests.pages)
            #expect(
                LinkCheck.destination(of: target, from: page) == LinkCheck.slowDestination(of: target, from: page),
                "\(target.debugDescription) on \(page)")
        }
    }

    @Test func aNonASCIILinkIsReadByCharacters() {
        #expect(
            LinkCheck.destination(of: "../pages/é.html#ü", from: "claims/C.html")
                == .local(file: "pages/é.html", fragment: "ü"))
    }
}

/// The scan for attributes jumps from `=` to `=`; it must find what reading every byte finds.
@Suite struct LinkScanTests {
    static let names = [[Array(" id=\"".utf8)], [Array(" href=\"".utf8), Array(" src=\"".utf8)]]

    func same(_ html: String) {
        let bytes = Array(html.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for names in LinkScanTests.names {
                #expect(
                    LinkCheck.scan(buffer, names: names) == scanByteByByte(buffer, names: names),
                    "\(html.debugDescription)")
            }
        }
    }

    @Test func itFindsWhatReadingEveryByteFinds() {
        for html in [
            "", "=", " id=\"", " id=\"x", "<a href=\"a.html\" id=\"b\">", "<a href=\" id=\"x\">",
            "<img src=\"a&amp;b\">",
            "x=\"1\" href=\"2\" src=\"3\"", "  href=\"\"", "href=\"no-space\"", " hre f=\"x\"", "= id=\"a\"=\"",
            "\u{e9} id=\"\u{fc}\"",
        ] {
            same(html)
        }
        var dice = Dice(seed: 5)
        let pieces = [" ", "=", "\"", " id", " href", " src", "=\"", "x", "&amp;", "<a", ">", "é", "\n"]
        for _ in 0..<20_000 { same((0..<dice.int(0...12)).map { _ in dice.pick(pieces) }.joined()) }
    }

    @Test func everyPageOfTheRenderedFixtureScansTheSame() throws {
        // Pages as the engine writes them: long runs of text, attributes, ids.
        let page = String(
            repeating:
                """
                <tr id=\"r\"><th scope=\"row\"><a href=\"../../customers/x.html\">X &amp; Y</a></th><td \
                class=\"date\">2026-11-29</td></tr>\n
                """,
            count: 50)
        same(page)
    }
}

/// `LinkCheck.scan` as it was: every byte in turn, the reference the fast scan is compared with.
private func scanByteByByte(_ bytes: UnsafeBufferPointer<UInt8>, names: [[UInt8]]) -> [String] {
    var out: [String] = []
    var i = 0
    let count = bytes.count
    while i < count {
        guard bytes[i] == 0x20 else { i += 1; continue }
        var matched: [UInt8]?
        for name in names where i + name.count <= count {
            var k = 1
            while k < name.count && bytes[i + k] == name[k] { k += 1 }
            if k == name.count { matched = name; break }
        }
        guard let name = matched else { i += 1; continue }
        let start = i + name.count
        var j = start
        while j < count && bytes[j] != 0x22 { j += 1 }
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
        let hasEntity = UnsafeBufferPointer(rebasing: bytes[start..<j]).contains(UInt8(ascii: "&"))
        out.append(hasEntity ? value.replacingOccurrences(of: "&amp;", with: "&") : value)
        i = j
    }
    return out
}

/// Fragments are checked once every page is rendered, against the ids of the page they name.
@Suite struct LinkCheckFragmentTests {
    func result(_ path: String, _ html: String, existing: Set<String>) -> LinkCheck.PageResult {
        Array(html.utf8).withUnsafeBytes { LinkCheck.check(path, bytes: $0, existing: existing) }
    }

    @Test func aFragmentNamesAnIdOfItsPageOrIsBroken() {
        let existing: Set = ["claims/C-1.html", "engagements/ws/index.html"]
        let engagement = result(
            "engagements/ws/index.html", "<section id=\"eligible\"></section><a href=\"#eligible\">x</a>",
            existing: existing)
        let claim = result(
            "claims/C-1.html",
            """
            <a href="../engagements/ws/index.html#eligible">ok</a>\
            <a href="../engagements/ws/index.html#eligble">typo</a><a href="#top">self</a>
            """, existing: existing)
        #expect(engagement.ids == [LinkCheck.hash("eligible")])
        #expect(claim.fragments.map(\.fragment) == ["eligible", "eligble", "top"])
        #expect(
            LinkCheck.finish([engagement, claim]) == [
                "broken link in claims/C-1.html: '#top' names no id on claims/C-1.html",
                """
                broken link in claims/C-1.html: '../engagements/ws/index.html#eligble' names no id on \
                engagements/ws/index.html
                """,
            ])
    }
}
