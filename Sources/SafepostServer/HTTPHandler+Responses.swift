import NIOCore
import NIOHTTP1
import SafepostWire

/// An error status with its contract code (docs/daemon.md, "Errors").
struct ErrorKind {
    let status: HTTPResponseStatus
    let code: String

    static let forbidden = ErrorKind(status: .forbidden, code: "forbidden")
    static let notFound = ErrorKind(status: .notFound, code: "not-found")
    static let methodNotAllowed = ErrorKind(status: .methodNotAllowed, code: "method-not-allowed")
    static let tooLarge = ErrorKind(status: .payloadTooLarge, code: WireError.tooLargeCode)
    static let unsupportedMediaType = ErrorKind(status: .unsupportedMediaType, code: "unsupported-media-type")
    static let lengthRequired = ErrorKind(status: .lengthRequired, code: "length-required")
    static let rulesInvalid = ErrorKind(status: .unprocessableEntity, code: "rules-invalid")
    static let scanFailed = ErrorKind(status: .internalServerError, code: "scan-failed")
    static let concernLogFailed = ErrorKind(status: .internalServerError, code: "concern-log-failed")

    /// 413 for an oversized body, 400 for every other request error.
    static func of(_ error: WireError) -> ErrorKind {
        ErrorKind(status: error.code == WireError.tooLargeCode ? .payloadTooLarge : .badRequest, code: error.code)
    }
}

extension HTTPHandler {
    /// Writes a whole JSON response from `out` (or `bytes`).
    func respond(
        _ context: ChannelHandlerContext, _ status: HTTPResponseStatus, json bytes: [UInt8],
        contentType: String = "application/json", headers extra: [(String, String)] = [], close: Bool = false
    ) {
        guard var request else { return }
        request.status = Int(status.code)
        if close { request.keepAlive = false }
        self.request = request
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: contentType)
        headers.add(name: "content-length", value: String(bytes.count + 1))
        for (name, value) in extra { headers.add(name: name, value: value) }
        if !request.keepAlive { headers.add(name: "connection", value: "close") }
        var buffer = context.channel.allocator.buffer(capacity: bytes.count + 1)
        buffer.writeBytes(bytes)
        buffer.writeInteger(UInt8(0x0A))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        responseEnded(context)
    }

    /// Writes `{"id"?,"error":{"code","message"}}` with the kind's status; `extra` adds members.
    func respondError(
        _ context: ChannelHandlerContext, _ kind: ErrorKind, _ message: String, id: String? = nil,
        headers: [(String, String)] = [], close: Bool = false
    ) {
        server.metrics.error(kind.code)
        out.removeAll(keepingCapacity: true)
        ResponseEncoder.encode(WireError(code: kind.code, message: message, id: id), into: &out)
        respond(context, kind.status, json: out, headers: headers, close: close)
    }

    /// Ends the response (`.end`), then closes the connection if it is not kept alive.
    ///
    /// The request is counted first: writing `.end` can run on at once into what follows it. A
    /// flush that completes at once runs the close below before `writeAndFlush` returns (and the
    /// closed channel forgets its request), and NIOHTTP1 hands this handler the next pipelined
    /// request from inside the write. Either way, counting afterwards lost this request.
    func responseEnded(_ context: ChannelHandlerContext) {
        guard var request else { return }
        request.responseEnded = true
        self.request = request
        let close = !request.keepAlive
        if close { closing = true }
        if request.requestEnded || close { finish(context) }
        if close {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        } else {
            // No promise (and so no future to allocate) when nothing waits for the write.
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    /// Both the request and its response are complete: count it and get ready for the next one.
    func finish(_ context: ChannelHandlerContext) {
        guard let request else { return }
        self.request = nil
        body = .discard
        let elapsed = NIODeadline.now() - request.started
        server.metrics.requestFinished()
        server.metrics.request(request.endpoint, status: request.status, nanoseconds: elapsed.nanoseconds)
        server.logger.debug("request", metadata: [
            "endpoint": "\(request.endpoint.rawValue)", "status": "\(request.status)",
            "bytes": "\(request.bodyBytes)", "micros": "\(elapsed.nanoseconds / 1000)",
            "detail": "\(request.note)",
        ])
        context.triggerUserOutboundEvent(ConnectionTimeouts.Event.requestFinished, promise: nil)
        resumeReading(context)
    }
}
