import Workload

/// What makes a wrong answer fail the run.
///
/// 1. Known answers, before and after the load: the canary phrase must be blocked by rule
///    `canary`, a draft naming a roster child by full name must not be allowed, and a plain clean
///    sentence must be allowed.
/// 2. The reference pass: every request of a pool is sent once on one connection; each answer
///    must be `200`, echo the request's id and carry a verdict. These bodies become the expected
///    answers, and during the load every response must equal its request's body byte for byte
///    (the answers are deterministic: fixed `sent_at`, no time in the response), so a daemon
///    that answers differently under concurrency, or mixes up connections, fails.
enum Verifier {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func knownAnswers(socket: String, names: NameSource) throws {
        let client = try BlockingClient(path: socket)
        let child = names.children[0].name
        let cases: [(id: String, text: String, check: (String) -> Bool, expectation: String)] = [
            ("ka-canary", "Testing the relay: SAFEPOST-CANARY-7c1f-BLOCK-TEST",
             { $0.contains(#""verdict":"block""#) && $0.contains(#""rule":"canary""#) }, "block by rule canary"),
            ("ka-child", "\(child) had such a lovely time at pre-school today",
             { !$0.contains(#""verdict":"allow""#) && $0.contains(#""verdict":""#) }, "not allow (a child's full name)"),
            ("ka-clean", "Lovely sunny walk along the river this afternoon.",
             { $0.contains(#""verdict":"allow""#) }, "allow"),
        ]
        for item in cases {
            var body: [UInt8] = Array(#"{"id":"\#(item.id)","sent_at":"\#(RequestPool.sentAt)","text":"#.utf8)
            JSONString.append(item.text, to: &body)
            body.append(UInt8(ascii: "}"))
            let (status, response) = try client.exchange(HTTP.post("/v1/check", contentType: "application/json", body: body))
            let text = String(decoding: response, as: UTF8.self)
            guard status == 200, item.check(text) else {
                throw Failure(description: "known answer \(item.id): expected \(item.expectation), got status \(status): \(text.prefix(300))")
            }
        }
    }

    /// Sends every request of `pool` once and records the answers as the expected ones.
    static func reference(_ pool: RequestPool, socket: String) throws {
        let client = try BlockingClient(path: socket)
        var expected: [[UInt8]] = []
        var verdicts: [Verdict] = []
        let prefix = pool.kind == .short ? "s" : "e"
        for (index, request) in pool.requests.enumerated() {
            let (status, body) = try client.exchange(request)
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            guard status == 200 else { throw Failure(description: "reference \(pool.kind) \(index): status \(status): \(text)") }
            guard text.hasPrefix(#"{"id":"\#(prefix)\#(index)""#) else {
                throw Failure(description: "reference \(pool.kind) \(index): wrong id in \(text)")
            }
            guard let verdict = Verdict.find(in: body) else {
                throw Failure(description: "reference \(pool.kind) \(index): no verdict in \(text)")
            }
            expected.append(body)
            verdicts.append(verdict)
        }
        pool.expected = expected
        pool.expectedVerdict = verdicts
    }

    /// For `--floor`: the responder echoes each request body.
    static func echo(_ pool: RequestPool) {
        pool.expected = pool.requests.enumerated().map { index, request in Array(request.suffix(pool.bodyBytes[index])) }
        pool.expectedVerdict = Array(repeating: .allow, count: pool.requests.count)
    }
}
