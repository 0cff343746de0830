import NIOCore
import NIOHTTP1
import SafepostWire

/// Answers a request NIOHTTP1's parser refuses: `400` with the error body every other error has,
/// `{"error":{"code":"bad-request","message":"malformed HTTP request: …"}}`, then the connection
/// closes (the parser cannot find where the next request would start). It takes the place of
/// NIOHTTP1's `HTTPServerProtocolErrorHandler`, whose 400 has an empty body, and sits in the same
/// spot, after the pipelining handler.
///
/// llhttp's reason is mostly lost in NIOHTTP1's error (a bare LF is `unknown`), so ``FastCheck``,
/// which sees the raw bytes, announces a head with a bare LF with ``MalformedRequestHint``.
final class ProtocolErrorReply: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    static let code = "bad-request"

    /// A response has started and not ended: a 400 cannot be written in the middle of it.
    private var responseOpen = false
    /// Why the request being read is malformed, when known before the parser says so.
    private var hint: MalformedRequestHint?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A request read whole was not the malformed one the hint was about.
        if case .end = unwrapInboundIn(data) { hint = nil }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? MalformedRequestHint {
            hint = event
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responseOpen {
            // The decoder closes the channel right after this returns: write and flush now.
            let message = "malformed HTTP request: " + (hint?.reason ?? parserError.debugDescription)
            var json: [UInt8] = []
            ResponseEncoder.encode(WireError(code: Self.code, message: message), into: &json)
            json.append(0x0A)
            var body = context.channel.allocator.buffer(capacity: json.count)
            body.writeBytes(json)
            let headers = HTTPHeaders([
                ("content-type", "application/json"), ("content-length", String(json.count)), ("connection", "close"),
            ])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code < 200: break  // 100 Continue: the response is still to come
        case .head: responseOpen = true
        case .body: break
        case .end: responseOpen = false
        }
        context.write(data, promise: promise)
    }
}

/// Sent inbound by ``FastCheck`` when the request it hands to NIOHTTP1 has a head the parser will
/// refuse for a reason its error does not carry.
struct MalformedRequestHint: Sendable {
    let reason: String

    static let bareLineFeed = MalformedRequestHint(
        reason: "bare LF line endings are not accepted; end each line of the request head with CRLF")

    /// True when the head at the front of `bytes` has a line ending in LF without CR (looked at up
    /// to the blank line that ends a well-formed head, or `limit` bytes).
    static func hasBareLineFeed(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Bool {
        let end = min(bytes.count, limit)
        var i = 0
        while i < end {
            if bytes[i] == 0x0A {
                if i == 0 || bytes[i - 1] != 0x0D { return true }
                if i >= 3 && bytes[i - 2] == 0x0A && bytes[i - 3] == 0x0D { return false }
            }
            i += 1
        }
        return false
    }
}
