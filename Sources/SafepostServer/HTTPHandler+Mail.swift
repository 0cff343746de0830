import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafepostMIME
import SafepostModel
import SafepostScanning
import SafepostWire

extension HTTPHandler {
    /// `POST /v1/mail`: the body is one whole RFC 5322 message, as Postfix hands it to the mail
    /// filter. It is read here the way its recipient would read it (`MailReader`: Subject, text
    /// and HTML parts, attachments, the author from `From:`, the sending time from `Date:`),
    /// screened like a `/v1/check` request (record of concern included), and answered with only
    /// what the filter acts on (``MailAnswer``): no redacted text, no matched text, no offsets.
    ///
    /// So the process Postfix starts once per message parses no MIME and decodes no screening
    /// result: it streams the message in and reads a few hundred bytes back.
    func mail(_ context: ChannelHandlerContext, _ bytes: ByteBuffer) {
        guard let request else { return }
        var warnings = 0
        let outcome = bytes.withUnsafeReadableBytes { raw in
            raw.withMemoryRebound(to: UInt8.self) { message in
                screenMail(message, rules: request.rules.ruleSet, warnings: &warnings, on: context.eventLoop)
            }
        }
        answer(context, outcome) { $0.respondMail(context, $1, warnings: warnings) }
    }

    /// Reads and screens one message. An empty body is a bad request; a message whose readable
    /// text (Subject included) is over `max-body` is refused 413, as a `/v1/check` request of
    /// that size would be.
    func screenMail(
        _ message: UnsafeBufferPointer<UInt8>, rules: RuleSet, warnings: inout Int, on eventLoop: any EventLoop
    ) -> CheckOutcome {
        guard !message.isEmpty else {
            let error = WireError(code: WireError.invalidFieldCode, message: "the message is empty")
            return .failure(ErrorKind.of(error), error)
        }
        let extraction = MailReader.read(message) { _, displayName in
            // The scanner resolves the role from the roster; a name it does not know gets the staff rules.
            displayName.map { Author(name: $0) }
        }
        warnings = extraction.warnings.count
        let request = MailAnswer.screenable(extraction.request)
        let textBytes = request.text.utf8.count + (request.subject?.utf8.count ?? 0)
        guard textBytes <= server.maxBody else {
            let error = WireError(
                code: WireError.tooLargeCode,
                message: TooLarge.message("message text", size: textBytes, limit: server.maxBody), id: request.id)
            return .failure(.tooLarge, error)
        }
        return screen(request, rules: rules, on: eventLoop)
    }

    func respondMail(_ context: ChannelHandlerContext, _ result: ScreeningResult, warnings: Int) {
        server.metrics.verdict(result)
        if server.debugLogging { request?.note = Self.summary(result) }
        respond(context, .ok, json: MailAnswer.encode(result, warnings: warnings))
    }
}

/// The answer to `POST /v1/mail`, for the mail filter:
///
/// ```json
/// {"id":"…","verdict":"review","findings":[{"category":"setting-name","rule":"setting-name","severity":"review","clause":"…"}],"mime_warnings":0}
/// ```
///
/// `id` is the request id the message was screened under (its Message-ID, else `mail-` and a
/// hash), as in the record of concern. `findings` has each (category, rule, severity) once, in
/// the order first found, with the policy clause; never the matched text or where it was.
/// `mime_warnings` counts what was unusual in the message's MIME structure.
enum MailAnswer {
    static func encode(_ result: ScreeningResult, warnings: Int) -> [UInt8] {
        var json = JSONText(capacity: 256)
        json.open()
        json.field("id", result.id)
        json.field("verdict", result.verdict.rawValue)
        json.key("findings")
        var out = json.bytes
        out.append(UInt8(ascii: "["))
        var seen: [(Category, String, Severity)] = []
        for finding in result.findings
        where !seen.contains(where: { $0.0 == finding.category && $0.1 == finding.rule && $0.2 == finding.severity }) {
            seen.append((finding.category, finding.rule, finding.severity))
            var item = JSONText(capacity: 128)
            item.open()
            item.field("category", finding.category.rawValue)
            item.field("rule", finding.rule)
            item.field("severity", finding.severity.rawValue)
            item.field("clause", finding.clause)
            item.close()
            if seen.count > 1 { out.append(UInt8(ascii: ",")) }
            out += item.bytes
        }
        out += Array(#"],"mime_warnings":"#.utf8)
        out += Array(String(warnings).utf8)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The request with every NUL character replaced by DEL (one byte for one, so offsets stay
    /// true): a NUL in a mail (8-bit junk, a broken charset) must not keep the message deferred
    /// until Postfix gives up on it, and must not split a word either ("Whitl\0ock"): the
    /// scanner reads DEL, like the other control characters that show as nothing, as nothing.
    static func screenable(_ request: ScreeningRequest) -> ScreeningRequest {
        func clean(_ text: String) -> String {
            // One pass over the contiguous bytes: `utf8.contains` walks the view index by index,
            // which was 3 % of the daemon's time per message.
            let hasNUL = text.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.count > 0 && memchr(bytes.baseAddress!, 0, bytes.count) != nil
            } ?? text.utf8.contains(0)
            guard hasNUL else { return text }
            return String(decoding: text.utf8.map { $0 == 0 ? 0x7F : $0 }, as: UTF8.self)
        }
        var out = request
        out.id = clean(out.id)
        out.text = clean(out.text)
        out.subject = out.subject.map(clean)
        if let name = out.author?.name { out.author?.name = clean(name) }
        out.attachments = out.attachments.map { Attachment(filename: $0.filename.map(clean), contentType: $0.contentType.map(clean)) }
        out.channel = out.channel.map(clean)
        return out
    }
}

extension HTTPHandler {
    /// `message/rfc822` (parameters and case ignored) — the one body type `/v1/mail` takes.
    static func isMailType(_ value: String) -> Bool {
        var media = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        while media.first == " " || media.first == "\t" { media.removeFirst() }
        while media.last == " " || media.last == "\t" { media.removeLast() }
        return media.lowercased() == "message/rfc822"
    }
}
