import NIOCore
import NIOHTTP1
import SafepostModel
import SafepostScanning
import SafepostWire

/// What screening one draft came to, before anything is written.
enum CheckOutcome {
    /// The response is ready to send.
    case result(ScreeningResult)
    /// The response may be sent only once `record` is in the record of concern.
    case needsRecord(ScreeningResult, record: [UInt8])
    /// An error answers the request (or the batch line).
    case failure(ErrorKind, WireError)
}

extension HTTPHandler {
    /// `POST /v1/check`: decode the body (JSON, or the draft itself for `text/plain`), screen it,
    /// record a safeguarding concern durably, answer.
    func check(_ context: ChannelHandlerContext, _ bytes: ByteBuffer) {
        guard let request else { return }
        let outcome = bytes.withUnsafeReadableBytes { raw -> CheckOutcome in
            let plainText = request.bodyType.isPlainText(raw)
            if !plainText && !request.draftQuery.parameters.isEmpty {
                // curl's default type, with a JSON request after all: it would ignore the query.
                let error = PlainDraftQuery.unreadWithJSON(request.draftQuery.parameters, batch: false)
                return .failure(ErrorKind.of(error), error)
            }
            return screen(raw, plainText: plainText, query: request.draftQuery, rules: request.rules.ruleSet,
                          line: nil, on: context.eventLoop)
        }
        answer(context, outcome) { $0.respondResult(context, $1) }
    }

    /// Answers a screening: an error as it is; a verdict with `respond`, but only once its record
    /// of concern, when it needs one, is written (if that fails, no verdict is given).
    func answer(_ context: ChannelHandlerContext, _ outcome: CheckOutcome, respond: @escaping (HTTPHandler, ScreeningResult) -> Void) {
        switch outcome {
        case .result(let result):
            respond(self, result)
        case .failure(let kind, let error):
            respondError(context, kind, error.message, id: error.id)
        case .needsRecord(let result, let record):
            server.concerns.append(record, on: context.eventLoop).assumeIsolated().whenComplete { outcome in
                switch outcome {
                case .success:
                    respond(self, result)
                case .failure(let error):
                    self.server.logger.error("cannot write the record of concern; the verdict is withheld", metadata: [
                        "file": "\(self.server.concerns.path)", "error": "\(error)",
                    ])
                    self.respondError(context, .concernLogFailed,
                                      "the record of concern could not be written; no verdict is given", id: result.id)
                }
            }
        }
    }

    /// Decodes and screens one request body (or batch line, numbered `line`). The verdict is
    /// counted when it is given (after the record of concern, when there is one).
    func screen(
        _ raw: UnsafeRawBufferPointer, plainText: Bool, query: PlainDraftQuery, rules: RuleSet, line: Int?,
        on eventLoop: any EventLoop
    ) -> CheckOutcome {
        let decoded = Result { () throws(WireError) -> ScreeningRequest in
            plainText ? try PlainDraftRequest.decode(raw, query: query)
                      : try RequestDecoder.decode(raw, maxBytes: server.maxBody)
        }
        let request: ScreeningRequest
        switch decoded {
        case .success(let value): request = value
        case .failure(var error):
            if let line { error.message = "line \(line): \(error.message)" }
            return .failure(ErrorKind.of(error), error)
        }
        return screen(request, rules: rules, line: line, on: eventLoop)
    }

    /// Screens a decoded request with this event loop's scanner, and says whether its verdict
    /// needs a record of concern first.
    func screen(_ request: ScreeningRequest, rules: RuleSet, line: Int? = nil, on eventLoop: any EventLoop) -> CheckOutcome {
        let result: ScreeningResult
        do {
            result = try server.scanners.scanner(on: eventLoop, for: rules).screen(request, now: .current)
        } catch {
            server.logger.error("scanning failed", metadata: ["rule": "\(error.rule)", "error": "PCRE2 \(error.underlying.code)"])
            let prefix = line.map { "line \($0): " } ?? ""
            return .failure(.scanFailed, WireError(code: "scan-failed", message: "\(prefix)scanning failed: \(error)", id: request.id))
        }
        if ConcernLog.needsRecord(result) {
            return .needsRecord(result, record: ConcernLog.record(for: request, result: result, at: .current))
        }
        return .result(result)
    }

    /// Answers `result` as `safepost check --json` prints it.
    func respondResult(_ context: ChannelHandlerContext, _ result: ScreeningResult) {
        server.metrics.verdict(result)
        // The note only feeds the debug line: not built at all at the usual levels.
        if server.debugLogging { request?.note = Self.summary(result) }
        out.removeAll(keepingCapacity: true)
        ResponseEncoder.encode(result, into: &out)
        respond(context, .ok, json: out)
    }

    /// The verdict and rule ids, for the debug log: never text or matches.
    static func summary(_ result: ScreeningResult) -> String {
        var rules: [String] = []
        for finding in result.findings where !rules.contains(finding.rule) { rules.append(finding.rule) }
        return rules.isEmpty ? result.verdict.rawValue : "\(result.verdict.rawValue) \(rules.joined(separator: ","))"
    }
}
