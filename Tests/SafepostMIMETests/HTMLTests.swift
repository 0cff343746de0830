import SafepostMIME
import Testing

@Suite("HTML to text")
struct HTMLTests {
    func html(_ body: String) -> String {
        read("Content-Type: text/html; charset=utf-8\n\n" + body).request.text
    }

    @Test func htmlOnlyMailWithScriptStyleEntitiesAndAltText() {
        let m = read("""
        Subject: Newsletter
        Content-Type: text/html; charset=utf-8

        <!DOCTYPE html>
        <html><head><title>Hidden title</title>
        <style type="text/css">p { color: red; } .x > .y { }</style>
        <script>var secret = "<p>not text</p>";</script>
        </head>
        <body>
        <!-- a comment with <b>tags</b> -->
        <h1>Weekly   news</h1>
        <p>Fish &amp; chips &lt;Friday&gt; &quot;yum&quot; &apos;ok&apos; it&#39;s &#x27;fine&#x27; &pound;3 caf&eacute;&nbsp;time</p>
        <div>Photo: <img src="cid:1" alt="Sam &amp; Ella at the park"></div>
        <ul><li>One</li><li>Two</li></ul>
        Line<br>break
        </body></html>
        """)
        #expect(m.request.text == """
        Weekly news

        Fish & chips <Friday> "yum" 'ok' it's 'fine' £3 café time

        Photo: Sam & Ella at the park
        One
        Two
        Line
        break
        """)
        #expect(m.parts.map(\.description) == ["1 text/html"])
        #expect(m.warnings.isEmpty)
    }

    @Test func inlineTagsDoNotSplitWords() {
        #expect(html("Jo<b>hn</b> <span>Smi</span>th") == "John Smith")
    }

    @Test func tableCellsAreSeparatedAndRowsEndLines() {
        #expect(html("<table><tr><td>Name</td><td>Room</td></tr><tr><td>Sam</td><td>Blue</td></tr></table>")
            == "Name Room\nSam Blue")
    }

    @Test func preformattedTextKeepsItsLines() {
        #expect(html("<pre>a  b\nc</pre>after") == "a  b\nc\n\nafter")
    }

    @Test func numericReferencesAsBrowsersDecodeThem() {
        #expect(html("&#8217;&#x2019;&#146;&#0;&#xD800;&#x110000;&#65") == "’’’\u{FFFD}\u{FFFD}\u{FFFD}A")
    }

    @Test func unknownOrBareAmpersandsStayLiteral() {
        #expect(html("Tom & Jerry &bogus; &amp R&D") == "Tom & Jerry &bogus; & R&D")
        #expect(html("&AMP; &LT;b&GT; &copy 2026") == "& <b> © 2026")
    }

    @Test func strayLessThanAndBrokenMarkup() {
        #expect(html("2 < 3 and <3 love") == "2 < 3 and <3 love")
        #expect(html("text <unclosed tag") == "text")
        #expect(html("<script>never closed") == "")
        #expect(html("a<!-- unterminated comment") == "a")
    }

    @Test func uppercaseTagsAndAttributesWithQuotedGreaterThan() {
        #expect(html("<P CLASS=\"a>b\">One</P><SCRIPT type='x'>bad()</SCRIPT><IMG ALT='Two'>") == "One\n\nTwo")
    }

    @Test func metaCharsetIsUsedWhenThePartHasNone() {
        let raw = mailBytes(headers: "Content-Type: text/html",
                            body: Array("<meta charset=\"windows-1252\"><p>It".utf8) + [0x92] + Array("s</p>".utf8))
        #expect(MailReader.read(raw).request.text == "It’s")
    }
}
