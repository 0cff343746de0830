import Foundation  // only to read the corpus file from disk
import SafepostEvaluation
import SafepostModel
import SafepostWire
import Testing

/// `/work/shared/corpus/dev/corpus.jsonl`: `shared` is a sibling of the repository root.
private let devCorpusPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/corpus/dev/corpus.jsonl").path

@Suite("CorpusReader")
struct CorpusReaderTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: devCorpusPath),
                   "the dev corpus is missing at \(devCorpusPath) (expected ../shared next to the repository)"))
    func readsTheDevCorpus() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: devCorpusPath)))
        let (drafts, errors) = CorpusReader.read(jsonl: bytes, source: "corpus.jsonl")
        #expect(errors == [])
        #expect(drafts.count == 150)
        #expect(drafts.map(\.line) == Array(1...150))
        #expect(drafts.filter(\.isNeutral).count == 6)
        #expect(drafts.filter(\.isPositive).count == 89)
        let first = try #require(drafts.first)
        #expect(first.request.id == "dv-001")
        #expect(first.expect == [.photo, .childMention])
        #expect(first.may == [])
        #expect(first.note == "image + indirect children")
        #expect(first.request.attachments == [Attachment(filename: "IMG_20261105_160911.jpg", contentType: "image/jpeg")])
        #expect(first.request.sentAt == TimestampParser.parse("2026-11-15T16:25:00Z"))
        #expect(first.request.author == Author(name: "Lindsay Sparkes", role: .staff))
        #expect(drafts.first { $0.request.id == "dv-014" }?.request.subject == "worried")
    }

    @Test func readsLabelsAndKeepsLineNumbers() {
        let jsonl = """
            {"id":"a","text":"t1","expect":["child-mention","photo"],"may":["safeguarding"],"note":"two"}

            {"id":"b","text":"t2","expect":[],"may":["personal-info"]}\r
              \t
            {"id":"c","text":"t3","expect":[],"note":null}
            """
        let (drafts, errors) = CorpusReader.read(jsonl: "\u{FEFF}" + jsonl + "\n", source: "x.jsonl")
        #expect(errors == [])
        #expect(drafts.map(\.request.id) == ["a", "b", "c"])
        #expect(drafts.map(\.line) == [1, 3, 5])
        #expect(drafts[0].expect == [.childMention, .photo] && drafts[0].may == [.safeguarding] && drafts[0].note == "two")
        #expect(drafts[1].isNeutral && !drafts[1].isPositive)
        #expect(!drafts[2].isNeutral && drafts[2].note == "")
    }

    @Test func reportsBadLinesAndKeepsTheRest() {
        let jsonl = """
            {"id":"ok1","text":"t","expect":[]}
            {"id":"bad-cat","text":"t","expect":["child-mention","kids"]}
            {"id":"no-expect","text":"t","may":[]}
            {"id":"bad-json","text":"t","expect":[]
            {"id":"ok1","text":"again","expect":[]}
            {"id":"bad-may","text":"t","expect":[],"may":"photo"}
            {"id":"bad-note","text":"t","expect":[],"note":3}
            {"text":"t","expect":[]}
            {"id":"bad-item","text":"t","expect":[1]}
            {"id":"bad-may-cat","text":"t","expect":[],"may":["Photo"]}
            {"id":"ok2","text":"t","expect":["working-hours"]}
            """
        let (drafts, errors) = CorpusReader.read(jsonl: jsonl, source: "c.jsonl")
        #expect(drafts.map(\.request.id) == ["ok1", "ok2"])
        #expect(drafts.last?.line == 11)
        #expect(errors.map(\.description) == [
            "c.jsonl:2: id \"bad-cat\": unknown category \"kids\" in \"expect\"",
            "c.jsonl:3: id \"no-expect\": missing label field \"expect\"",
            "c.jsonl:4: id \"bad-json\": invalid JSON at byte 39: unexpected end of input (expected ',' or '}' after object member)",
            "c.jsonl:5: duplicate id \"ok1\" (first on line 1)",
            "c.jsonl:6: id \"bad-may\": label field \"may\" must be an array, not string",
            "c.jsonl:7: id \"bad-note\": label field \"note\" must be a string, not number",
            "c.jsonl:8: missing required field \"id\"",
            "c.jsonl:9: id \"bad-item\": label field \"expect\" must hold category names, not number",
            "c.jsonl:10: id \"bad-may-cat\": unknown category \"Photo\" in \"may\"",
        ])
    }

    @Test func emptyInputHasNoDraftsOrErrors() {
        let (drafts, errors) = CorpusReader.read(jsonl: "", source: "empty")
        #expect(drafts.isEmpty && errors.isEmpty)
    }
}
