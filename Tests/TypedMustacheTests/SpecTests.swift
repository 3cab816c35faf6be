import Mustache
import Testing

@testable import TypedMustache

/// Renders `template` with `data` and `partials` on the compiled engine. Unless `oracle` is false,
/// swift-mustache must render the same bytes too.
func rendered(
    _ template: String, _ data: [String: Any] = [:], partials: [String: String] = [:], oracle: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> String {
    var compiled = ["main": try CompiledTemplate.compile(template)]
    var library = MustacheLibrary()
    if oracle { try library.register(template, named: "main") }
    for (name, text) in partials {
        compiled[name] = try CompiledTemplate.compile(text)
        if oracle { try library.register(text, named: name) }
    }
    let bytes = try #require(
        MRenderer(templates: compiled).render("main", MValue(data)), sourceLocation: sourceLocation)
    let text = String(decoding: bytes, as: UTF8.self)
    if oracle {
        #expect(
            library.render(data, withTemplate: "main") == text,
            "swift-mustache renders \(template.debugDescription) otherwise",
            sourceLocation: sourceLocation)
    }
    return text
}

// Each suite covers one area of the Mustache spec (specs/*.yml of the mustache/spec repository);
// the cases and expected outputs are written for ClaimSite, not copied.

/// Interpolation: `{{name}}` (HTML-escaped), `{{{name}}}` and `{{&name}}` (as is).
@Suite struct SpecInterpolationTests {
    @Test func textWithoutTagsIsCopiedAsItIs() throws {
        #expect(try rendered("Claims due: none {yet} }} { .") == "Claims due: none {yet} }} { .")
        #expect(try rendered("") == "")
        #expect(try rendered("a\r\nb\n\tc\r") == "a\r\nb\n\tc\r")
    }

    @Test func aVariableIsReplacedByItsValue() throws {
        #expect(try rendered("Hello, {{name}}!", ["name": "Contoso"]) == "Hello, Contoso!")
        #expect(try rendered("{{count}} claims", ["count": 42]) == "42 claims")
        #expect(try rendered("{{a}}{{b}}", ["a": "x", "b": "y"]) == "xy")
    }

    @Test func escapedVariablesEscapeTheFiveHTMLCharacters() throws {
        let data: [String: Any] = ["v": #"<a href="x?a=1&b=2">it's</a>"#]
        #expect(try rendered("{{v}}", data) == "&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;it&#39;s&lt;/a&gt;")
        #expect(try rendered("{{{v}}}", data) == #"<a href="x?a=1&b=2">it's</a>"#)
        #expect(try rendered("{{&v}}", data) == #"<a href="x?a=1&b=2">it's</a>"#)
        // The text is not escaped, only values; a value's tags are not read.
        #expect(try rendered("<b>{{v}}</b>", ["v": "{{name}}", "name": "no"]) == "<b>{{name}}</b>")
        #expect(try rendered("{{v}}", ["v": "é 👍 &amp;"]) == "é 👍 &amp;amp;")
    }

    @Test func flagsShowAsTrueAndFalse() throws {
        #expect(try rendered("{{yes}}/{{no}}/{{{yes}}}", ["yes": true, "no": false]) == "true/false/true")
    }

    @Test func aMissingNameShowsNothing() throws {
        #expect(try rendered("[{{missing}}][{{{missing}}}][{{&missing}}]") == "[][][]")
        #expect(try rendered("[{{a.b}}]", ["a": "text"]) == "[]")
    }

    @Test func dottedNamesReachIntoObjects() throws {
        let data: [String: Any] = ["claim": ["customer": ["name": "Fabrikam & Co"]], "name": "outer"]
        #expect(try rendered("{{claim.customer.name}}", data) == "Fabrikam &amp; Co")
        #expect(
            try rendered("{{{claim.customer.name}}}|{{&claim.customer.name}}", data) == "Fabrikam & Co|Fabrikam & Co")
        // A broken chain shows nothing, and is not looked up from the start again.
        #expect(try rendered("[{{claim.missing.name}}]", data) == "[]")
        #expect(try rendered("{{#claim}}[{{customer.missing}}]{{/claim}}", data) == "[]")
    }

    @Test func aDottedNameStartsWhereItsFirstKeyIsFound() throws {
        // The first key is looked up outwards; the rest only inside what it found.
        let data: [String: Any] = ["a": ["b": [String: Any]()], "b": ["c": "outer"], "c": "root"]
        #expect(try rendered("{{#a}}[{{b.c}}]{{/a}}", data) == "[]")
        #expect(try rendered("{{#a}}[{{#b}}{{c}}{{/b}}]{{/a}}", data) == "[root]")
    }

    @Test func theImplicitIteratorIsTheCurrentValue() throws {
        #expect(try rendered("{{#list}}({{.}}){{/list}}", ["list": ["<", "b", true]]) == "(&lt;)(b)(true)")
        #expect(try rendered("{{#list}}({{{.}}}){{/list}}", ["list": ["<", "&"]]) == "(<)(&)")
        #expect(try rendered("{{#name}}{{.}}!{{/name}}", ["name": "Ada"]) == "Ada!")
    }

    @Test func aNameStartingWithADotLooksOnlyInTheCurrentContext() throws {
        // swift-mustache's reading (the spec does not say): {{.name}} is not looked up outwards.
        let data: [String: Any] = ["name": "outer", "inner": ["other": 1], "full": ["name": "inner"]]
        #expect(try rendered("{{#inner}}[{{name}}][{{.name}}]{{/inner}}", data) == "[outer][]")
        #expect(try rendered("{{#full}}[{{.name}}]{{/full}}", data) == "[inner]")
    }

    @Test func spacesInsideTheTagAreIgnored() throws {
        #expect(try rendered("|{{ name }}|{{{ name }}}|{{& name }}|", ["name": "<x>"]) == "|&lt;x&gt;|<x>|<x>|")
        #expect(try rendered("{{\tname\t}}", ["name": "tab"]) == "tab")
    }

    @Test func interpolationKeepsTheWhitespaceAroundIt() throws {
        #expect(try rendered("  {{a}}  \n", ["a": "x"]) == "  x  \n")
        // Never standalone: the line stays, even when the value is empty.
        #expect(try rendered("1\n  {{a}}\n2\n", ["a": ""]) == "1\n  \n2\n")
        #expect(try rendered("1\n{{{a}}}\r\n2", [:]) == "1\n\r\n2")
    }
}

/// Sections: `{{#name}}…{{/name}}`, shown for true, for each item of a list, and once with an
/// object or text as the current context.
@Suite struct SpecSectionsTests {
    @Test func aFlagShowsOrHidesTheSection() throws {
        #expect(
            try rendered("[{{#on}}shown{{/on}}][{{#off}}hidden{{/off}}]", ["on": true, "off": false]) == "[shown][]")
        #expect(try rendered("[{{#missing}}hidden{{/missing}}]") == "[]")
    }

    @Test func aFlagDoesNotChangeTheContext() throws {
        #expect(try rendered("{{#t}}{{#flag}}{{.}}{{/flag}}{{/t}}", ["t": "text", "flag": true]) == "text")
        #expect(try rendered("{{#list}}{{#flag}}{{.}}{{/flag}}{{/list}}", ["list": ["a", "b"], "flag": true]) == "ab")
    }

    @Test func anObjectBecomesTheContext() throws {
        let data: [String: Any] = ["claim": ["id": "C-1", "amount": "5 < 6"], "id": "outer", "site": "Portal"]
        #expect(try rendered("{{#claim}}{{id}}: {{amount}} on {{site}}{{/claim}}", data) == "C-1: 5 &lt; 6 on Portal")
        // Even an empty object shows the section.
        #expect(try rendered("{{#e}}[{{id}}]{{/e}}", ["e": [String: Any](), "id": "outer"]) == "[outer]")
    }

    @Test func aListShowsTheSectionForEachItem() throws {
        let data: [String: Any] = ["rows": [["n": "1"], ["n": "2"], ["n": "3"]] as [[String: Any]]]
        #expect(
            try rendered("<ul>{{#rows}}<li>{{n}}</li>{{/rows}}</ul>", data) == "<ul><li>1</li><li>2</li><li>3</li></ul>"
        )
        #expect(try rendered("[{{#rows}}x{{/rows}}]", ["rows": [Any]()]) == "[]")
        #expect(try rendered("{{#l}}{{.}},{{/l}}", ["l": ["a", "", "c"]]) == "a,,c,")
    }

    @Test func textBecomesTheContextEvenWhenEmpty() throws {
        // swift-mustache (and ClaimSite) treat every text as true, the empty one too.
        #expect(try rendered("{{#t}}<{{.}}>{{/t}}", ["t": "value"]) == "<value>")
        #expect(try rendered("{{#t}}<{{.}}>{{/t}}", ["t": ""]) == "<>")
    }

    @Test func namesAreLookedUpOutwards() throws {
        let data: [String: Any] = ["a": ["one": "1"], "b": ["two": "2"], "three": "3"]
        #expect(try rendered("{{#a}}{{#b}}{{one}}{{two}}{{three}}{{/b}}{{/a}}", data) == "123")
        #expect(try rendered("{{#a}}{{one}}{{/a}}{{one}}", data) == "1")
    }

    @Test func nestedListsAndRepeatedSections() throws {
        let data: [String: Any] = ["outer": [["inner": ["a", "b"]], ["inner": ["c"]]] as [[String: Any]]]
        #expect(try rendered("{{#outer}}({{#inner}}{{.}}{{/inner}}){{/outer}}", data) == "(ab)(c)")
        #expect(try rendered("{{#f}}1{{/f}}-{{#f}}2{{/f}}", ["f": true]) == "1-2")
        #expect(try rendered("{{#l}}{{#.}}[{{.}}]{{/.}}{{/l}}", ["l": [["x", "y"], ["z"]]]) == "[x][y][z]")
    }

    @Test func dottedSectionNames() throws {
        let data: [String: Any] = ["a": ["b": ["on": true, "list": ["1", "2"]]]]
        #expect(
            try rendered("[{{#a.b.on}}yes{{/a.b.on}}][{{#a.b.list}}{{.}}{{/a.b.list}}][{{#a.x.on}}no{{/a.x.on}}]", data)
                == "[yes][12][]")
    }

    @Test func inlineSectionsKeepTheirWhitespace() throws {
        #expect(try rendered(" {{#f}}a{{/f}} \n", ["f": true]) == " a \n")
        #expect(try rendered("[{{#f}} a {{/f}}]", ["f": true]) == "[ a ]")
        #expect(try rendered("  {{#f}}x{{/f}}\n  {{#f}}y{{/f}}\n", ["f": true]) == "  x\n  y\n")
    }

    @Test func standaloneSectionTagsTakeTheirWholeLine() throws {
        let template = "<ul>\n  {{#rows}}\n  <li>{{.}}</li>\n  {{/rows}}\n</ul>\n"
        #expect(try rendered(template, ["rows": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try rendered(template, ["rows": [Any]()]) == "<ul>\n</ul>\n")
        // Tabs, trailing spaces, \r\n, the first and the last line.
        #expect(try rendered("\t{{#f}}  \r\nin\r\n\t{{/f}}\t\r\nout", ["f": true]) == "in\r\nout")
        #expect(try rendered("{{#f}}\nx\n{{/f}}", ["f": true]) == "x\n")
        #expect(try rendered("x\n  {{#f}}y{{/f}}\n", ["f": true]) == "x\n  y\n")
    }

    @Test func spacesInsideSectionTagsAreIgnored() throws {
        #expect(try rendered("{{# f }}yes{{/ f }}", ["f": true]) == "yes")
    }
}

/// Inverted sections: `{{^name}}…{{/name}}`, shown once for a missing name, false or an empty list.
@Suite struct SpecInvertedTests {
    @Test func shownForFalseMissingAndEmptyLists() throws {
        let data: [String: Any] = [
            "off": false, "on": true, "empty": [Any](), "full": ["x"], "text": "", "o": [String: Any](),
        ]
        #expect(try rendered("{{^off}}1{{/off}}{{^missing}}2{{/missing}}{{^empty}}3{{/empty}}", data) == "123")
        #expect(try rendered("[{{^on}}1{{/on}}{{^full}}2{{/full}}{{^text}}3{{/text}}{{^o}}4{{/o}}]", data) == "[]")
    }

    @Test func theContextDoesNotChange() throws {
        #expect(
            try rendered("{{#o}}{{^missing}}{{name}}{{/missing}}{{/o}}", ["o": ["name": "inner"], "name": "outer"])
                == "inner")
        #expect(try rendered("{{^off}}{{name}}{{/off}}", ["off": false, "name": "<n>"]) == "&lt;n&gt;")
    }

    @Test func withSectionsOfTheSameName() throws {
        let template = "{{#rows}}{{.}};{{/rows}}{{^rows}}no rows{{/rows}}"
        #expect(try rendered(template, ["rows": ["a", "b"]]) == "a;b;")
        #expect(try rendered(template, ["rows": [Any]()]) == "no rows")
        #expect(try rendered(template) == "no rows")
    }

    @Test func dottedAndNested() throws {
        let data: [String: Any] = ["a": ["b": ["on": false]]]
        #expect(try rendered("{{^a.b.on}}1{{/a.b.on}}{{^a.x.y}}2{{/a.x.y}}{{^a}}3{{/a}}", data) == "12")
        #expect(try rendered("{{^x}}{{^y}}both{{/y}}{{/x}}") == "both")
    }

    @Test func standaloneLines() throws {
        #expect(try rendered("a\n  {{^none}}\n  none\n  {{/none}}\nb\n") == "a\n  none\nb\n")
        #expect(try rendered("a\r\n{{^none}}\r\nx\r\n{{/none}}\r\nb") == "a\r\nx\r\nb")
        #expect(try rendered(" {{^none}}x{{/none}} \n") == " x \n")
        #expect(try rendered("{{^none}}\n/\n{{/none}}") == "/\n")
    }
}

/// Comments: `{{! … }}` shows nothing, and may span lines.
@Suite struct SpecCommentsTests {
    @Test func commentsShowNothing() throws {
        #expect(try rendered("a{{! note }}b") == "ab")
        #expect(try rendered("a{{!\nseveral\nlines\n}}b") == "ab")
        #expect(try rendered("a{{! {{name and { braces } }}b", ["name": "x"]) == "ab")
        // A comment ends at the first "}}".
        #expect(try rendered("a{{! {{name}} and }}b", ["name": "x"]) == "a and }}b")
        #expect(try rendered("[{{!name}}]", ["name": "not shown"]) == "[]")
    }

    @Test func aStandaloneCommentTakesItsWholeLine() throws {
        #expect(try rendered("one\n  {{! about two }}\ntwo\n") == "one\ntwo\n")
        #expect(try rendered("one\r\n\t{{! x }}\t\r\ntwo") == "one\r\ntwo")
        #expect(try rendered("{{! first }}\nline") == "line")
        #expect(try rendered("line\n{{! last }}") == "line\n")
        #expect(try rendered("a\n  {{!\n  several\n  lines\n  }}\nb\n") == "a\nb\n")
    }

    @Test func anInlineCommentKeepsTheLine() throws {
        #expect(try rendered("  a {{! c }} b\n") == "  a  b\n")
        #expect(try rendered("  {{! c }} b\n") == "   b\n")
    }
}

/// Partials: `{{>name}}` renders another template in the current context; standalone, it is
/// indented by the tag's indentation.
@Suite struct SpecPartialsTests {
    @Test func aPartialRendersInTheCurrentContext() throws {
        let partials = ["row": "<td>{{name}}</td>"]
        #expect(try rendered("<tr>{{>row}}</tr>", ["name": "&"], partials: partials) == "<tr><td>&amp;</td></tr>")
        #expect(
            try rendered(
                "{{#rows}}{{>row}}{{/rows}}", ["rows": [["name": "a"], ["name": "b"]] as [[String: Any]]],
                partials: partials)
                == "<td>a</td><td>b</td>")
    }

    @Test func aMissingPartialShowsNothing() throws {
        #expect(try rendered("[{{>nowhere}}]") == "[]")
    }

    @Test func partialsMayNestAndRecurseOverData() throws {
        // Every node has its children, or the lookup would find its parent's.
        let leaf: [Any] = []
        let tree: [String: Any] = [
            "label": "root",
            "children": [
                ["label": "a", "children": [["label": "a1", "children": leaf]]],
                ["label": "b", "children": leaf],
            ],
        ]
        #expect(
            try rendered("{{>node}}", tree, partials: ["node": "{{label}}({{#children}}{{>node}}{{/children}})"])
                == "root(a(a1())b())")
        #expect(try rendered("{{>a}}", partials: ["a": "A{{>b}}", "b": "B"]) == "AB")
    }

    @Test func namesWithSlashesAndSpaces() throws {
        #expect(
            try rendered("{{> partials/claim-row }}|{{>partials/claim-row}}", partials: ["partials/claim-row": "r"])
                == "r|r")
    }

    @Test func anInlinePartialIsNotIndented() throws {
        #expect(try rendered("| {{>p}} |", partials: ["p": "\t|\t"]) == "| \t|\t |")
        #expect(try rendered("  x {{>p}}\n", partials: ["p": "1\n2\n"]) == "  x 1\n2\n\n")
    }

    @Test func aStandalonePartialIsIndentedLineByLine() throws {
        let partials = ["p": "one\ntwo\n"]
        #expect(try rendered("<div>\n  {{>p}}\n</div>\n", partials: partials) == "<div>\n  one\n  two\n</div>\n")
        #expect(try rendered("\t{{>p}}", partials: partials) == "\tone\n\ttwo\n")
        #expect(try rendered("a\r\n  {{>p}}\r\nb", partials: ["p": "x"]) == "a\r\n  xb")
        // Nested standalone partials add up their indentation.
        #expect(
            try rendered("  {{>outer}}\n", partials: ["outer": "o\n  {{>inner}}\n", "inner": "i1\ni2\n"])
                == "  o\n    i1\n    i2\n")
    }

    @Test func valuesInsideAnIndentedPartialAreNotIndented() throws {
        // The partial's lines are indented, not the lines of a value it shows.
        let partials = ["p": "[\n{{{v}}}|\n]\n"]
        #expect(try rendered(" {{>p}}\n", ["v": "1\n2"], partials: partials) == " [\n 1\n2|\n ]\n")
    }

    @Test func aLineEndingWithCRLFIsNotFollowedByIndentation() throws {
        // swift-mustache compares the last Character with "\n", and "\r\n" is one Character:
        // after a "\r\n" line of an indented partial the next line is not indented.
        #expect(try rendered("  {{>p}}\n", partials: ["p": "a\r\nb\nc\n"]) == "  a\r\nb\n  c\n")
    }
}

/// Inheritance (the spec's optional ~inheritance): blocks `{{$name}}default{{/name}}` and parents
/// `{{<parent}}{{$name}}replacement{{/name}}{{/parent}}`.
@Suite struct SpecInheritanceTests {
    @Test func aBlockShowsItsDefaultContent() throws {
        #expect(try rendered("<title>{{$title}}Claims{{/title}}</title>") == "<title>Claims</title>")
        #expect(try rendered("{{$b}}{{#o}}{{v}}{{/o}} {{{h}}}{{/b}}", ["o": ["v": "in"], "h": "<i>"]) == "in <i>")
    }

    @Test func aParentWithoutBlocksIsAPartial() throws {
        let partials = ["layout": "[{{$main}}empty{{/main}}]"]
        #expect(try rendered("{{<layout}}{{/layout}}|{{>layout}}", partials: partials) == "[empty]|[empty]")
    }

    @Test func aParentsBlocksAreReplaced() throws {
        let partials = ["layout": "<h1>{{$title}}Portal{{/title}}</h1><main>{{$main}}{{/main}}</main>"]
        #expect(
            try rendered("{{<layout}}{{$main}}Hi {{name}}{{/main}}{{/layout}}", ["name": "Ada"], partials: partials)
                == "<h1>Portal</h1><main>Hi Ada</main>")
        #expect(
            try rendered(
                "x {{<layout}}{{$title}}T{{/title}}{{/layout}} {{<layout}}{{$main}}M{{/main}}{{/layout}}",
                partials: partials)
                == "x <h1>T</h1><main></main> <h1>Portal</h1><main>M</main>")
    }

    @Test func textAndCommentsInsideAParentAreIgnored() throws {
        let partials = ["layout": "({{$a}}default{{/a}})"]
        #expect(
            try rendered("{{<layout}} ignored {{! note }}{{$a}}kept{{/a}} also ignored {{/layout}}", partials: partials)
                == "(kept)")
        #expect(try rendered("{{<layout}}\nnothing here\n{{/layout}}", partials: partials) == "(default)")
    }

    @Test func theOutermostReplacementWins() throws {
        let partials = [
            "page": "{{<base}}{{$a}}page{{/a}}{{/base}}", "base": "{{<root}}{{$a}}base{{/a}}{{/root}}",
            "root": "<{{$a}}root{{/a}}>",
        ]
        #expect(try rendered("{{<page}}{{$a}}main{{/a}}{{/page}}", partials: partials) == "<main>")
        #expect(try rendered("{{<page}}{{/page}}", partials: partials) == "<page>")
    }

    @Test func aReplacementRendersWhereTheBlockIs() throws {
        // In the parent's context at the block, not in the context of the parent tag.
        let partials = ["list": "{{#items}}{{$item}}-{{/item}}{{/items}}"]
        let data: [String: Any] = ["items": [["n": "1"], ["n": "2"]] as [[String: Any]], "n": "outer"]
        #expect(try rendered("{{<list}}{{$item}}<{{n}}>{{/item}}{{/list}}", data, partials: partials) == "<1><2>")
    }

    @Test func replacementsReachPartialsOfTheParent() throws {
        let partials = ["layout": "[{{>header}}]", "header": "{{$title}}default{{/title}}"]
        #expect(try rendered("{{<layout}}{{$title}}mine{{/title}}{{/layout}}", partials: partials) == "[mine]")
    }

    @Test func aReplacementMayUseTheBlocksOfTheParentItCallsAgain() throws {
        let partials = [
            "parent": "{{$a}}A{{/a}} {{$b}}{{<other}}{{/other}}{{/b}}",
            "other": "{{$a}}other{{/a}} {{<parent}}{{$b}}stop{{/b}}{{/parent}}",
        ]
        #expect(try rendered("{{<parent}}{{$a}}X{{/a}}{{/parent}}", partials: partials) == "X X X stop")
    }

    @Test func aStandaloneParentIsIndented() throws {
        let partials = ["card": "<div>\n  body\n</div>\n"]
        #expect(
            try rendered("<main>\n  {{<card}}{{/card}}\n</main>\n", partials: partials)
                == "<main>\n  <div>\n    body\n  </div>\n</main>\n")
        #expect(
            try rendered("<main>\n  {{<card}}\n  {{/card}}\n</main>\n", partials: partials)
                == "<main>\n  <div>\n    body\n  </div>\n</main>\n")
    }

    @Test func aReplacementTakesTheIndentationOfTheBlock() throws {
        // The block is indented by two spaces in the parent; the replacement's own indentation
        // (that of its first line) is removed.
        let partials = ["parent": "<ul>\n  {{$items}}\n  <li>none</li>\n  {{/items}}\n</ul>\n"]
        #expect(
            try rendered(
                "{{<parent}}\n{{$items}}\n      <li>a</li>\n      <li>b</li>\n{{/items}}\n{{/parent}}\n",
                partials: partials)
                == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(
            try rendered("{{<parent}}{{$items}}<li>one</li>{{/items}}{{/parent}}", partials: partials)
                == "<ul>\n  <li>one</li></ul>\n")
    }

    @Test func aStandaloneIndentedBlocksDefaultContentIsIndentedTwice() throws {
        // swift-mustache's reading, which the engine follows (no spec case covers it): the tag's
        // indentation is written before the default content, which keeps its own, and is
        // prepended again to every later line.
        let partials = ["parent": "<ul>\n  {{$items}}\n  <li>none</li>\n  <li>really</li>\n  {{/items}}\n</ul>\n"]
        #expect(
            try rendered("{{<parent}}{{/parent}}", partials: partials)
                == "<ul>\n    <li>none</li>\n    <li>really</li>\n</ul>\n")
        #expect(
            try rendered("<ul>\n  {{$items}}\n  <li>none</li>\n  {{/items}}\n</ul>\n")
                == "<ul>\n    <li>none</li>\n</ul>\n")
    }

    @Test func inlineBlocksKeepTheLine() throws {
        let partials = ["p": "a\n  {{$b}}x{{/b}}\nz\n"]
        #expect(try rendered("{{<p}}{{$b}}1\n2{{/b}}{{/p}}", partials: partials) == "a\n  1\n  2\nz\n")
    }

    // The spec's two cases where swift-mustache 2.1.1 departs from it (its own spec tests skip
    // them): a standalone block's "intrinsic indentation" is the indentation of the line after
    // its tag, and a block passed to a parent replaces it indented by that, not by the tag's.

    /// ~inheritance "Intrinsic indentation": the block's tag is not indented, its default content
    /// is; the replacement is indented as the default content. swift-mustache gives "Hi,\none\ntwo\n".
    @Test func specIntrinsicIndentation() throws {
        let partials = ["parent": "Hi,\n{{$block}}\n  default\n{{/block}}\n"]
        let template = "{{<parent}}{{$block}}\none\ntwo\n{{/block}}{{/parent}}\n"
        #expect(try rendered(template, partials: partials, oracle: false) == "Hi,\n  one\n  two\n")
        #expect(try oracleRendering(template, partials: partials) == "Hi,\none\ntwo\n")
        // Without a replacement, the default content as it is.
        #expect(try rendered("{{<parent}}{{/parent}}", partials: partials) == "Hi,\n  default\n")
    }

    /// ~inheritance "Nested block reindentation": a block inside a block passed to a grandparent
    /// is reindented relative to the block around it. swift-mustache gives "one\nthree\n".
    @Test func specNestedBlockReindentation() throws {
        let partials = [
            "parent": """
            {{<grandparent}}{{$block}}\n  one\n  {{$nested}}\n    two\n  {{/nested}}\n\
            {{/block}}{{/grandparent}}\n
            """,
            "grandparent": "{{$block}}default{{/block}}",
        ]
        let template = "{{<parent}}{{$nested}}\nthree\n{{/nested}}{{/parent}}\n"
        #expect(try rendered(template, partials: partials, oracle: false) == "one\n  three\n")
        #expect(try oracleRendering(template, partials: partials) == "one\nthree\n")
        #expect(try rendered("{{<parent}}{{/parent}}", partials: partials) == "one\n  two\n")
    }

    /// The same rule with tabs, CRLF and more indentation in the default content than at the tag.
    @Test func specIntrinsicIndentationWithTabsAndCRLF() throws {
        let partials = ["parent": "<ul>\r\n\t{{$items}}\r\n\t\t<li>none</li>\r\n\t{{/items}}\r\n</ul>\r\n"]
        let template = "{{<parent}}{{$items}}\r\n<li>a</li>\n<li>b</li>\n{{/items}}{{/parent}}"
        #expect(
            try rendered(template, partials: partials, oracle: false)
                == "<ul>\r\n\t\t<li>a</li>\n\t\t<li>b</li>\n</ul>\r\n")
        #expect(try oracleRendering(template, partials: partials) == "<ul>\r\n\t<li>a</li>\n\t<li>b</li>\n</ul>\r\n")
    }

    func oracleRendering(_ template: String, partials: [String: String]) throws -> String? {
        var library = MustacheLibrary()
        try library.register(template, named: "main")
        for (name, text) in partials { try library.register(text, named: name) }
        return library.render([String: Any](), withTemplate: "main")
    }
}

/// What the engine does not support — set-delimiter tags (the spec's delimiters) and
/// swift-mustache's transforms, its form of lambdas — is a syntax error at the tag's `{{`.
/// (Lambdas in data cannot occur: view models hold text, flags, lists and objects.)
@Suite struct SpecUnsupportedTests {
    func error(_ text: String) -> TemplateSyntaxError? {
        do throws(TemplateSyntaxError) {
            _ = try CompiledTemplate.compile(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func setDelimiterTagsAreErrorsWhereTheyStand() {
        let cases: [(String, Int, Int, String)] = [
            ("{{=<% %>=}}(<%text%>)", 1, 1, "{{=<% %>=}}"),
            ("[\n{{#section}}\n  {{=| |=}}\n|/section|\n]", 3, 3, "{{=| |=}}"),
            ("é  {{= @ @ =}}", 1, 4, "{{= @ @ =}}"),
            ("a\r\nb\r\n{{=[ ]=}}\r\n", 3, 1, "{{=[ ]=}}"),
        ]
        for (text, line, column, tag) in cases {
            #expect(
                error(text)
                    == TemplateSyntaxError(
                        message: "changing delimiters (\(tag)) is not supported; use {{ }}", line: line, column: column)
            )
        }
    }

    @Test func transformsAreErrorsWhereTheyStand() {
        let cases: [(String, Int, Int, String)] = [
            ("{{uppercase(name)}}", 1, 1, "uppercase(name)"),
            ("<p>\n  {{#reversed(rows)}}{{.}}{{/reversed(rows)}}\n</p>", 2, 3, "reversed(rows)"),
            ("{{#rows}}\n\t{{ lowercase(.) }}\n{{/rows}}", 2, 2, "lowercase(.)"),
            ("{{#rows}}{{#first()}}, {{/first()}}{{/rows}}", 1, 10, "first()"),
            ("{{^isEmpty(rows)}}x{{/isEmpty(rows)}}", 1, 1, "isEmpty(rows)"),
            ("{{{uppercase(reversed(name))}}}", 1, 1, "uppercase(reversed(name))"),
        ]
        for (text, line, column, name) in cases {
            #expect(
                error(text)
                    == TemplateSyntaxError(
                        message: "transforms such as \(name) are not supported; give the view model the value to show",
                        line: line, column: column))
        }
    }

    @Test func aTemplateEndingWithABraceIsText() throws {
        // swift-mustache cannot read this one (it looks two characters ahead for "{{"); the
        // engine shows the brace.
        #expect(try rendered("a{", oracle: false) == "a{")
        #expect(throws: (any Error).self) { try MustacheTemplate(string: "a{") }
        #expect(try rendered("{{#f}}{{/f}}{", ["f": true], oracle: false) == "{")
    }
}
