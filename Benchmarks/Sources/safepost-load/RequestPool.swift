import Workload

/// What the load is made of.
enum RequestKind: String, CaseIterable {
    /// Chat/social posts of about 150 bytes.
    case short
    /// Emails of about 4 KB with a subject.
    case email
}

/// Ready-to-send `POST /v1/check` requests (head and JSON body in one byte array each), built
/// once from the seeded workload, and the response each one must get.
///
/// Every request carries a fixed `sent_at` (Saturday 2026-11-21 19:30 UTC, outside working
/// hours) so its answer does not depend on when the run happens: the same request must get the
/// same response bytes every time. ``expected`` is filled by the reference pass, before any
/// worker thread starts; the pool is read-only from then on.
final class RequestPool: @unchecked Sendable {
    let kind: RequestKind
    /// The whole HTTP request of each entry.
    let requests: [[UInt8]]
    /// The JSON body bytes of each request (for the report).
    let bodyBytes: [Int]
    /// The draft bytes (text and subject) of each request.
    let draftBytes: [Int]
    /// Whether the generator wrote each draft to breach the policy.
    let breaching: [Bool]
    /// The response body each request must get (set by ``Verifier``).
    var expected: [[UInt8]] = []
    /// The verdict of each expected response.
    var expectedVerdict: [Verdict] = []

    static let sentAt = "2026-11-21T19:30:00Z"

    init(kind: RequestKind, count: Int, names: NameSource, seed: UInt64) {
        self.kind = kind
        let drafts: [Draft]
        switch kind {
        case .short: drafts = Workload.shortDrafts(count: count, names: names, seed: seed)
        case .email: drafts = Workload.emails(count: count, names: names, seed: seed)
        }
        var requests: [[UInt8]] = []
        var bodies: [Int] = []
        for (index, draft) in drafts.enumerated() {
            var body: [UInt8] = []
            body.append(contentsOf: #"{"id":""#.utf8)
            body.append(contentsOf: "\(kind == .short ? "s" : "e")\(index)".utf8)
            body.append(contentsOf: #"","channel":""#.utf8)
            body.append(contentsOf: (kind == .short ? "chat" : "email").utf8)
            body.append(contentsOf: #"","sent_at":""#.utf8)
            body.append(contentsOf: Self.sentAt.utf8)
            body.append(UInt8(ascii: "\""))
            if let subject = draft.subject {
                body.append(contentsOf: #","subject":"#.utf8)
                JSONString.append(subject, to: &body)
            }
            body.append(contentsOf: #","text":"#.utf8)
            JSONString.append(draft.text, to: &body)
            body.append(UInt8(ascii: "}"))
            requests.append(HTTP.post("/v1/check", contentType: "application/json", body: body))
            bodies.append(body.count)
        }
        self.requests = requests
        bodyBytes = bodies
        draftBytes = drafts.map(\.byteCount)
        breaching = drafts.map { $0.breach != nil }
        fingerprint = Workload.fingerprint(drafts)
    }

    /// The workload generator's fingerprint of the drafts.
    let fingerprint: String

    var meanBodyBytes: Int { bodyBytes.reduce(0, +) / max(1, bodyBytes.count) }
    var meanDraftBytes: Int { draftBytes.reduce(0, +) / max(1, draftBytes.count) }
}

/// JSON string escaping for request bodies.
enum JSONString {
    static func append(_ value: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Request heads.
enum HTTP {
    static func post(_ path: String, contentType: String, body: [UInt8]) -> [UInt8] {
        var request = Array("POST \(path) HTTP/1.1\r\nHost: safepost\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
        request.append(contentsOf: body)
        return request
    }

    static func get(_ path: String) -> [UInt8] {
        Array("GET \(path) HTTP/1.1\r\nHost: safepost\r\n\r\n".utf8)
    }
}
