import NIOCore
import NIOHTTP1
import SafepostModel
import SafepostScanning
import SafepostWire

/// The fast path for the daemon's main traffic: plain `POST /v1/check` JSON requests, answered
/// straight from the connection's bytes, without NIOHTTP1's decoder, pipelining, error and
/// encoder handlers (which cost more than the screening of a short draft).
///
/// It sits between ``ConnectionTimeouts`` and NIOHTTP1 and reads each request itself. A request
/// it takes must be, exactly: `POST /v1/check HTTP/1.1`, no query, only the headers `Host`,
/// `Content-Type` (a JSON type), `Content-Length` (once, at most `max-body`), `User-Agent`,
/// `Accept` and `Connection: keep-alive`, and a body that decodes as a screening request and
/// screens without an engine error. Anything else, from the first byte of that request on, is
/// handed to NIOHTTP1 and ``HTTPHandler``, and the connection stays there for good, so answers
/// are never reordered and every error, limit and endpoint keeps its one implementation. A request
/// taken here gets the same bytes, metrics, record of concern (durable before the answer) and
/// debug line as on the ordinary path, and keeps the rule set it started with.
///
/// Threading: one per connection, used only on its event loop.
final class FastCheck: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: ServerContext
    /// The connection belongs to NIOHTTP1 from now on.
    private var handedOver = false
    /// Bytes of a request not yet complete (and of requests after it).
    private var pending: ByteBuffer?
    /// The current incomplete request was announced to the timeouts (its head is complete).
    private var announced = false
    /// A record of concern is being written: later requests wait in `pending`, reads are held.
    private var waiting = false
    private var readHeld = false
    private var quiesceRequested = false
    /// The last answer before a shutdown close is on its way: nothing more is read or answered.
    private var closing = false
    /// ``process(_:_:)`` is running. When a write fails, NIO reads what is left on the socket
    /// before closing, from inside that write: those bytes continue the buffer being served, so
    /// they wait in `arrived` for it rather than being read as the start of a request.
    private var processing = false
    private var arrived: ByteBuffer?
    private var out: [UInt8] = []

    /// Heads longer than this are left to NIOHTTP1 (which has its own limit and error).
    static let maxHead = 8192

    init(server: ServerContext) {
        self.server = server
        out.reserveCapacity(1024)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if handedOver {
            context.fireChannelRead(data)
            return
        }
        if closing { return }
        var bytes = unwrapInboundIn(data)
        if pending != nil {
            pending!.writeBuffer(&bytes)
            bytes = pending!
            pending = nil
        }
        process(context, bytes)
    }

    /// Serves the complete requests at the front of `buffer`, keeps an incomplete one, or hands
    /// the rest to NIOHTTP1.
    private func process(_ context: ChannelHandlerContext, _ buffer: ByteBuffer) {
        if processing {
            if arrived == nil { arrived = buffer } else { arrived!.writeImmutableBuffer(buffer) }
            return
        }
        processing = true
        defer { processing = false }
        var buffer = buffer
        while true {
            if var more = arrived {
                arrived = nil
                buffer.writeBuffer(&more)
            }
            guard buffer.readableBytes > 0 else { return }
            if closing { return }
            if !context.channel.isActive {
                abandon(buffer)
                return
            }
            if waiting {
                pending = buffer
                return
            }
            let parsed = buffer.withUnsafeReadableBytes { FastRequest.parse($0, maxBody: server.maxBody) }
            switch parsed {
            case .incomplete(let headComplete):
                if headComplete && !announced {
                    // Like NIOHTTP1's path: once the head is in, the idle timeout applies.
                    announced = true
                    context.triggerUserOutboundEvent(ConnectionTimeouts.Event.requestStarted, promise: nil)
                }
                pending = buffer
                return
            case .other:
                handOver(context, buffer)
                return
            case .check(let headLength, let bodyLength):
                let body = buffer.getSlice(at: buffer.readerIndex + headLength, length: bodyLength)!
                if !serve(context, body) {
                    handOver(context, buffer)
                    return
                }
                buffer.moveReaderIndex(forwardBy: headLength + bodyLength)
            }
        }
    }

    /// The connection has closed with requests still to serve in `buffer`: none is screened for a
    /// client that has gone; each whole one is counted as `abandoned`.
    private func abandon(_ buffer: ByteBuffer) {
        var buffer = buffer
        pending = nil
        while case .check(let headLength, let bodyLength) = buffer.withUnsafeReadableBytes({
            FastRequest.parse($0, maxBody: server.maxBody)
        }) {
            server.metrics.error("abandoned")
            buffer.moveReaderIndex(forwardBy: headLength + bodyLength)
        }
    }

    /// Gives `buffer` (from the first byte of a request on) and everything after it to NIOHTTP1.
    private func handOver(_ context: ChannelHandlerContext, _ buffer: ByteBuffer) {
        handedOver = true
        pending = nil
        if announced {
            // HTTPHandler will announce the request again; the timeouts only need it once.
            announced = false
        }
        if buffer.withUnsafeReadableBytes({ MalformedRequestHint.hasBareLineFeed($0, limit: Self.maxHead) }) {
            context.fireUserInboundEventTriggered(MalformedRequestHint.bareLineFeed)
        }
        context.fireChannelRead(wrapInboundOut(buffer))
        if quiesceRequested {
            // The shutdown request held back for this request goes to the path now serving it.
            context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        if readHeld {
            readHeld = false
            context.read()
        }
    }

    /// Screens one body and answers it. False, before anything is counted or written, when the
    /// body is not a clean screening request (NIOHTTP1's path will answer it, error and all).
    private func serve(_ context: ChannelHandlerContext, _ body: ByteBuffer) -> Bool {
        let started = NIODeadline.now()
        let rules = server.store.current.ruleSet
        let decoded = body.withUnsafeReadableBytes { raw in
            Result { () throws(WireError) in try RequestDecoder.decode(raw, maxBytes: server.maxBody) }
        }
        guard case .success(let request) = decoded else { return false }
        let result: ScreeningResult
        do {
            result = try server.scanners.scanner(on: context.eventLoop, for: rules).screen(request, now: .current)
        } catch {
            return false
        }
        server.metrics.requestStarted()
        if !announced { context.triggerUserOutboundEvent(ConnectionTimeouts.Event.requestStarted, promise: nil) }
        announced = false
        guard ConcernLog.needsRecord(result) else {
            answer(context, result, started: started, bodyBytes: body.readableBytes)
            return true
        }
        let record = ConcernLog.record(for: request, result: result, at: .current)
        waiting = true
        server.concerns.append(record, on: context.eventLoop).assumeIsolated().whenComplete { outcome in
            self.waiting = false
            if case .failure(let error) = outcome {
                self.server.logger.error("cannot write the record of concern; the verdict is withheld", metadata: [
                    "file": "\(self.server.concerns.path)", "error": "\(error)",
                ])
                self.server.metrics.error(ErrorKind.concernLogFailed.code)
            }
            if !context.channel.isActive {
                // The client left while its concern was being recorded: no one is left to answer.
                self.server.metrics.requestFinished()
                self.server.metrics.error("abandoned")
            } else if case .success = outcome {
                self.answer(context, result, started: started, bodyBytes: body.readableBytes)
            } else {
                self.out.removeAll(keepingCapacity: true)
                ResponseEncoder.encode(
                    WireError(code: ErrorKind.concernLogFailed.code,
                              message: "the record of concern could not be written; no verdict is given", id: result.id),
                    into: &self.out)
                self.write(context, status: "500 Internal Server Error", started: started, statusCode: 500,
                           bodyBytes: body.readableBytes, note: "")
            }
            if self.closing { return }
            if let rest = self.pending {
                self.pending = nil
                self.process(context, rest)
            }
            if self.readHeld && !self.waiting {
                self.readHeld = false
                context.read()
            }
        }
        return true
    }

    private func answer(_ context: ChannelHandlerContext, _ result: ScreeningResult, started: NIODeadline, bodyBytes: Int) {
        server.metrics.verdict(result)
        out.removeAll(keepingCapacity: true)
        ResponseEncoder.encode(result, into: &out)
        write(context, status: "200 OK", started: started, statusCode: 200, bodyBytes: bodyBytes,
              note: server.debugLogging ? HTTPHandler.summary(result) : "")
    }

    /// Writes `out` as the whole response, in the bytes NIOHTTP1's encoder would write for it.
    private func write(
        _ context: ChannelHandlerContext, status: StaticString, started: NIODeadline, statusCode: Int, bodyBytes: Int,
        note: String
    ) {
        var buffer = context.channel.allocator.buffer(capacity: out.count + 96)
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeStaticString(status)
        buffer.writeStaticString("\r\ncontent-type: application/json\r\ncontent-length: ")
        buffer.writeString(String(out.count + 1))
        buffer.writeStaticString("\r\n\r\n")
        buffer.writeBytes(out)
        buffer.writeInteger(UInt8(0x0A))
        if quiesceRequested {
            // Shutting down: this was the request in flight; close once it is written.
            closing = true
            pending = nil
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            context.writeAndFlush(wrapOutboundOut(buffer), promise: written)
        } else {
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
        let elapsed = NIODeadline.now() - started
        server.metrics.requestFinished()
        server.metrics.request(.check, status: statusCode, nanoseconds: elapsed.nanoseconds)
        server.logger.debug("request", metadata: [
            "endpoint": "\(Endpoint.check.rawValue)", "status": "\(statusCode)", "bytes": "\(bodyBytes)",
            "micros": "\(elapsed.nanoseconds / 1000)", "detail": "\(note)",
        ])
        context.triggerUserOutboundEvent(ConnectionTimeouts.Event.requestFinished, promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if waiting && !handedOver {
            readHeld = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if !handedOver, event is ChannelShouldQuiesceEvent {
            // Answer the request in flight (being recorded, or partly received), then close; an
            // idle connection closes now.
            if waiting || pending != nil { quiesceRequested = true } else { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Reads the head of a request from raw bytes, for ``FastCheck``.
enum FastRequest {
    enum Parsed: Equatable {
        /// A `POST /v1/check` the fast path takes: head and body lengths.
        case check(headLength: Int, bodyLength: Int)
        /// More bytes are needed; `headComplete` once the whole head is in.
        case incomplete(headComplete: Bool)
        /// Anything else: NIOHTTP1's path answers it.
        case other
    }

    private static let requestLine = Array("POST /v1/check HTTP/1.1\r\n".utf8)

    static func parse(_ bytes: UnsafeRawBufferPointer, maxBody: Int) -> Parsed {
        let count = bytes.count
        // The request line, also when only part of it has arrived.
        let lineBytes = min(count, requestLine.count)
        for i in 0..<lineBytes where bytes[i] != requestLine[i] { return .other }
        if count < requestLine.count { return .incomplete(headComplete: false) }
        var lineStart = requestLine.count
        var contentLength = -1
        while true {
            // One header line: [lineStart, crlf).
            var crlf = lineStart
            while crlf + 1 < count && !(bytes[crlf] == 0x0D && bytes[crlf + 1] == 0x0A) {
                if crlf - lineStart > maxHeadLine { return .other }
                crlf += 1
            }
            if crlf + 1 >= count {
                return count > FastCheck.maxHead ? .other : .incomplete(headComplete: false)
            }
            if crlf == lineStart {
                // The blank line: the head ends here.
                let headLength = crlf + 2
                guard contentLength >= 0 else { return .other }
                if count - headLength < contentLength { return .incomplete(headComplete: true) }
                return .check(headLength: headLength, bodyLength: contentLength)
            }
            guard let colon = (lineStart..<crlf).first(where: { bytes[$0] == UInt8(ascii: ":") }), colon > lineStart else {
                return .other
            }
            let name = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<colon])
            var valueStart = colon + 1
            var valueEnd = crlf
            while valueStart < valueEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            for byte in value where byte < 0x20 && byte != 0x09 || byte == 0x7F { return .other }
            if equalsIgnoringCase(name, "content-length") {
                guard contentLength < 0, !value.isEmpty, value.count <= 9 else { return .other }
                var n = 0
                for byte in value {
                    guard byte >= 0x30 && byte <= 0x39 else { return .other }
                    n = n * 10 + Int(byte - 0x30)
                }
                guard n <= maxBody else { return .other }
                contentLength = n
            } else if equalsIgnoringCase(name, "content-type") {
                guard BodyType.of(mediaType: value) == .json else { return .other }
            } else if equalsIgnoringCase(name, "connection") {
                guard equalsIgnoringCase(value, "keep-alive") else { return .other }
            } else if !(equalsIgnoringCase(name, "host") || equalsIgnoringCase(name, "user-agent") || equalsIgnoringCase(name, "accept")) {
                return .other
            }
            lineStart = crlf + 2
        }
    }

    private static let maxHeadLine = 4096

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        for i in 0..<bytes.count {
            let byte = bytes[i]
            let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if lowered != name.utf8Start[i] { return false }
        }
        return true
    }
}
