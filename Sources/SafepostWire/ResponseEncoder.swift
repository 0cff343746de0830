import SafepostModel

/// Writes responses (and requests, for tools) as compact JSON in the wire contract's key order.
///
/// Each call appends one JSON object, without a trailing newline, to `out`; callers reuse the buffer
/// (`removeAll(keepingCapacity: true)`) so that no allocation happens beyond its growth. Safe to call
/// from any thread.
public enum ResponseEncoder {
    /// Appends `{"id","verdict","findings":[{"category","rule","clause","severity",["field",]"start","end","match"}],["omitted_findings",]"redacted"}`.
    /// A finding's `field` is written only when it is not `text`; `omitted_findings` only when the
    /// list was cut (`ScreeningResult.listedPerRule`).
    public static func encode(_ result: ScreeningResult, into out: inout [UInt8]) {
        JSONWriter.append(to: &out, { write(result, &$0) }, { write(result, &$0) })
    }

    /// Appends `{"id":…,"error":{"code":…,"message":…}}`; `id` only when the error carries one.
    public static func encode(_ error: WireError, into out: inout [UInt8]) {
        JSONWriter.append(to: &out, { write(error, &$0) }, { write(error, &$0) })
    }

    /// Appends a request in the form `RequestDecoder` reads: absent optionals and an empty attachment
    /// list are left out, `sent_at` is written in UTC (`TimestampParser.format`), and `id` as a string.
    public static func encode(_ request: ScreeningRequest, into out: inout [UInt8]) {
        JSONWriter.append(to: &out, { write(request, &$0) }, { write(request, &$0) })
    }

    private static func write<S: JSONSink>(_ result: ScreeningResult, _ out: inout S) {
        out.byte(UInt8(ascii: "{"))
        JSONWriter.key("id", &out)
        JSONWriter.string(result.id, &out)
        JSONWriter.raw(",\"verdict\":\"", &out)
        JSONWriter.token(result.verdict.rawValue, &out)
        JSONWriter.raw("\",\"findings\":[", &out)
        for (index, finding) in result.findings.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            write(finding, &out)
        }
        out.byte(UInt8(ascii: "]"))
        if result.omittedFindings > 0 {
            JSONWriter.raw(",\"omitted_findings\":", &out)
            JSONWriter.int(result.omittedFindings, &out)
        }
        JSONWriter.raw(",\"redacted\":", &out)
        JSONWriter.string(result.redacted, &out)
        out.byte(UInt8(ascii: "}"))
    }

    private static func write<S: JSONSink>(_ error: WireError, _ out: inout S) {
        out.byte(UInt8(ascii: "{"))
        if let id = error.id {
            JSONWriter.key("id", &out)
            JSONWriter.string(id, &out)
            out.byte(UInt8(ascii: ","))
        }
        JSONWriter.raw("\"error\":{\"code\":", &out)
        JSONWriter.string(error.code, &out)
        JSONWriter.raw(",\"message\":", &out)
        JSONWriter.string(error.message, &out)
        JSONWriter.raw("}}", &out)
    }

    private static func write<S: JSONSink>(_ request: ScreeningRequest, _ out: inout S) {
        out.byte(UInt8(ascii: "{"))
        JSONWriter.key("id", &out)
        JSONWriter.string(request.id, &out)
        JSONWriter.raw(",\"text\":", &out)
        JSONWriter.string(request.text, &out)
        if let subject = request.subject {
            JSONWriter.raw(",\"subject\":", &out)
            JSONWriter.string(subject, &out)
        }
        if let author = request.author {
            JSONWriter.raw(",\"author\":{", &out)
            var separator = false
            if let name = author.name {
                JSONWriter.key("name", &out)
                JSONWriter.string(name, &out)
                separator = true
            }
            if let role = author.role {
                if separator { out.byte(UInt8(ascii: ",")) }
                JSONWriter.key("role", &out)
                JSONWriter.string(role.rawValue, &out)
            }
            out.byte(UInt8(ascii: "}"))
        }
        if !request.attachments.isEmpty {
            JSONWriter.raw(",\"attachments\":[", &out)
            for (index, attachment) in request.attachments.enumerated() {
                if index > 0 { out.byte(UInt8(ascii: ",")) }
                write(attachment, &out)
            }
            out.byte(UInt8(ascii: "]"))
        }
        if let sentAt = request.sentAt {
            JSONWriter.raw(",\"sent_at\":", &out)
            JSONWriter.string(TimestampParser.format(sentAt), &out)
        }
        if let channel = request.channel {
            JSONWriter.raw(",\"channel\":", &out)
            JSONWriter.string(channel, &out)
        }
        out.byte(UInt8(ascii: "}"))
    }

    private static func write<S: JSONSink>(_ finding: Finding, _ out: inout S) {
        JSONWriter.raw("{\"category\":\"", &out)
        JSONWriter.token(finding.category.rawValue, &out)
        JSONWriter.raw("\",\"rule\":", &out)
        JSONWriter.string(finding.rule, &out)
        JSONWriter.raw(",\"clause\":", &out)
        JSONWriter.string(finding.clause, &out)
        JSONWriter.raw(",\"severity\":\"", &out)
        JSONWriter.token(finding.severity.rawValue, &out)
        out.byte(UInt8(ascii: "\""))
        if finding.field != .text {
            JSONWriter.raw(",\"field\":\"", &out)
            JSONWriter.token(finding.field.rawValue, &out)
            out.byte(UInt8(ascii: "\""))
        }
        JSONWriter.raw(",\"start\":", &out)
        JSONWriter.int(finding.start, &out)
        JSONWriter.raw(",\"end\":", &out)
        JSONWriter.int(finding.end, &out)
        JSONWriter.raw(",\"match\":", &out)
        JSONWriter.string(finding.match, &out)
        out.byte(UInt8(ascii: "}"))
    }

    private static func write<S: JSONSink>(_ attachment: Attachment, _ out: inout S) {
        out.byte(UInt8(ascii: "{"))
        if let filename = attachment.filename {
            JSONWriter.key("filename", &out)
            JSONWriter.string(filename, &out)
        }
        if let contentType = attachment.contentType {
            if attachment.filename != nil { out.byte(UInt8(ascii: ",")) }
            JSONWriter.key("content_type", &out)
            JSONWriter.string(contentType, &out)
        }
        out.byte(UInt8(ascii: "}"))
    }
}
