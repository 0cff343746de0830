import NIOCore
import NIOHTTP1
import SafepostScanning

/// Serves one connection's requests, one at a time (NIOHTTP1's pipelining handler in front of it
/// holds back pipelined requests until the current response has ended).
///
/// Threading: created per connection and used only on that connection's event loop. Scanning runs
/// right here on the event loop: bodies are at most `max-body` (1 MiB by default) and a draft
/// screens in microseconds to a few milliseconds, so a hop to another thread would cost more than
/// it saves. Blocking work (the record of concern's fsync, a reload) runs on thread pools and
/// completes back on this loop.
///
/// Each request takes the rule set serving when its head arrives and keeps it to the end (a batch
/// keeps it for all its lines), so a reload never changes the rules under a request in flight. The
/// `DraftScanner` for that rule set comes from the event loop's ``LoopScanners``.
final class HTTPHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The request being served.
    struct Request {
        let endpoint: Endpoint
        /// The query of a `/v1/check` whose body may be the draft itself, read from the head.
        var draftQuery = PlainDraftQuery()
        let version: HTTPVersion
        var keepAlive: Bool
        let started: NIODeadline
        let rules: RuleSetStore.Snapshot
        var requestEnded = false
        var responseEnded = false
        var status = 200
        /// For the debug log line: body bytes received, verdict, rule ids (never text).
        var bodyType = BodyType.json
        var bodyBytes = 0
        var note = ""
    }

    /// What happens to body parts.
    enum BodyMode {
        /// Collected into `collected` up to `max-body`, then handled at `.end`.
        case collect
        /// Streamed line by line (`/v1/check/batch`).
        case batch(BatchState)
        /// Dropped: the response was already given (an error decided by the head).
        case discard
    }

    let server: ServerContext
    var request: Request?
    var body = BodyMode.discard
    /// The body of a `.collect` request so far.
    private var collected: ByteBuffer?
    /// The connection is closing after its last response: nothing more is read or answered.
    var closing = false
    /// Reused for every JSON body this connection writes.
    var out: [UInt8] = []
    /// Peer credentials, read once per connection on the first admin request.
    var peer: PeerCredentials?
    /// A `read` held back for backpressure, to pass on when the batch can take more.
    private var readPending = false

    init(server: ServerContext) {
        self.server = server
        out.reserveCapacity(4096)
    }


    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing { return }
        switch unwrapInboundIn(data) {
        case .head(let head): begin(context, head)
        case .body(let part): receive(context, part)
        case .end: end(context)
        }
    }

    private func receive(_ context: ChannelHandlerContext, _ part: ByteBuffer) {
        request?.bodyBytes += part.readableBytes
        switch body {
        case .discard:
            break
        case .collect:
            guard request != nil else { return }
            let size = (collected?.readableBytes ?? 0) + part.readableBytes
            let limit = request?.endpoint == .mail ? server.maxMail : server.maxBody
            guard size <= limit else {
                body = .discard
                collected = nil
                let what = request?.endpoint == .mail ? "message" : "request body"
                respondError(context, .tooLarge, TooLarge.message(what, size: nil, limit: limit), close: true)
                return
            }
            if collected == nil { collected = part } else { collected!.writeImmutableBuffer(part) }
        case .batch(let state):
            state.pending.append(part)
            pumpBatch(context, state)
        }
    }

    private func end(_ context: ChannelHandlerContext) {
        guard request != nil else { return }
        request!.requestEnded = true
        switch body {
        case .discard:
            if request!.responseEnded { finish(context) }
        case .collect:
            guard context.channel.isActive else {
                abandon()
                return
            }
            body = .discard
            let bytes = collected ?? context.channel.allocator.buffer(capacity: 0)
            collected = nil
            dispatch(context, bytes)
        case .batch(let state):
            state.ended = true
            pumpBatch(context, state)
        }
    }

    /// Handles a complete body for the endpoints that are not streamed.
    private func dispatch(_ context: ChannelHandlerContext, _ bytes: ByteBuffer) {
        guard let request else { return }
        switch request.endpoint {
        case .check: check(context, bytes)
        case .mail: mail(context, bytes)
        case .health: health(context)
        case .metrics: metrics(context)
        case .reload: reload(context)
        case .batch, .unknown: break
        }
    }

    // MARK: Backpressure

    /// Whether to hold reads: a batch waits for the socket to drain or for the record of concern.
    private var shouldHoldReads: Bool {
        if closing { return true }
        guard case .batch(let state) = body else { return false }
        return state.waiting || !state.writable
    }

    func read(context: ChannelHandlerContext) {
        if shouldHoldReads {
            readPending = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if case .batch(let state) = body { state.writable = context.channel.isWritable }
        resumeReading(context)
        context.fireChannelWritabilityChanged()
    }

    /// Passes on a held read once nothing holds it any more.
    func resumeReading(_ context: ChannelHandlerContext) {
        if readPending && !shouldHoldReads {
            readPending = false
            context.read()
        }
    }

    // MARK: Lifecycle

    /// The client closed the connection before this request's answer was complete: nothing more is
    /// done for it (not screened, or no further batch line), and it is counted as `abandoned`
    /// rather than answered. Only requests whose client has gone come here, so nothing a client
    /// waits for is dropped; a mail whose filter has gone was never going to be delivered on this
    /// answer (a concern already being recorded is still recorded).
    func abandon() {
        guard let request else { return }
        self.request = nil
        body = .discard
        collected = nil
        server.metrics.requestFinished()
        server.metrics.error("abandoned")
        server.logger.debug("request abandoned: the connection closed before its answer", metadata: [
            "endpoint": "\(request.endpoint.rawValue)", "bytes": "\(request.bodyBytes)",
        ])
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let request {
            // Unless the daemon itself closed the connection (after its answer, over a malformed
            // request, or for a timeout), a request still unanswered now was left by its client.
            if !request.responseEnded && !closing {
                abandon()
            } else {
                server.metrics.requestFinished()
                self.request = nil
            }
        }
        body = .discard
        collected = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The daemon closes the connection for a timeout: a request in flight was not left by its client.
        if event is ConnectionTimeouts.TimedOut { closing = true }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Parse errors were answered 400 by ProtocolErrorReply; anything else ends the connection.
        // Once this handler has answered and is closing (a 413 from the head, say), the parser's
        // complaint about the body cut short by that close is no new error: it is not counted.
        // A request cut short by its client closing the connection is not malformed: it is counted
        // abandoned when the connection goes (channelInactive).
        var cutShort = false
        if case .invalidEOFState? = error as? HTTPParserError, request != nil, !context.channel.isActive { cutShort = true }
        if !closing && !cutShort { server.metrics.error(error is HTTPParserError ? "bad-request" : "other") }
        if error is HTTPParserError && !cutShort { closing = true }  // the daemon ends it over a malformed request
        server.logger.debug("connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }
}
