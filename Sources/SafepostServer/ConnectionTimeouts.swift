import NIOCore

/// Closes connections that stall: the first handler of each connection, on raw bytes.
///
/// - Between requests (and on a new connection) a connection may stay silent for `idle`; then it
///   is closed.
/// - Once the first byte of a request arrives, its head must be complete within `header`; if not,
///   the daemon answers `408` with a JSON error and closes (slow-header clients cannot hold a slot).
/// - While a request is being handled, a connection that neither sends nor receives anything for
///   `idle` is closed (a body that stops arriving, or a client that stops reading a batch).
///
/// `HTTPHandler` tells this handler where a request begins and ends with ``Event`` sent as
/// outbound user events. Runs on the channel's event loop only.
///
/// Every read and write moves the deadline, so the deadline is a plain value and one scheduled
/// task checks it: when the task fires early (the deadline moved on), it schedules itself for the
/// new deadline. A request thus costs no timer churn, only a clock read per event.
final class ConnectionTimeouts: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Sent by the HTTP handler down the pipeline.
    enum Event {
        /// A complete request head was read.
        case requestStarted
        /// The response to the current request has been written in full.
        case requestFinished
    }

    /// Sent inbound just before a timeout closes the connection, so that what follows knows the
    /// daemon, not the client, ended it.
    struct TimedOut {}

    private enum State {
        case awaitingRequest
        case readingHead
        case inRequest
    }

    private let header: TimeAmount
    private let idle: TimeAmount
    private var state = State.awaitingRequest
    /// When the connection times out unless something happens first.
    private var deadline = NIODeadline.distantFuture
    private var timer: Scheduled<Void>?
    /// When `timer` fires.
    private var timerAt = NIODeadline.distantFuture
    private let onTimeout: @Sendable (String) -> Void

    /// `onTimeout` is told the kind of timeout ("header" or "idle"), for metrics.
    init(header: TimeAmount, idle: TimeAmount, onTimeout: @escaping @Sendable (String) -> Void) {
        self.header = header
        self.idle = idle
        self.onTimeout = onTimeout
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, idle)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .awaitingRequest:
            state = .readingHead
            deadline = .now() + header
            context.fireChannelRead(data)
            // Usually the whole head was in these bytes and the request has started already
            // (idle deadline, later than the timer pending); only a head still incomplete needs
            // the earlier header timer. This spares a timer cancel and schedule per request.
            if case .readingHead = state, timer == nil || deadline < timerAt { schedule(context, at: deadline) }
            return
        case .readingHead:
            break
        case .inRequest:
            arm(context, idle)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .inRequest = state { arm(context, idle) }
        context.write(data, promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let event = event as? Event else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch event {
        case .requestStarted:
            state = .inRequest
            arm(context, idle)
        case .requestFinished:
            state = .awaitingRequest
            arm(context, idle)
        }
        promise?.succeed()
    }

    private func arm(_ context: ChannelHandlerContext, _ delay: TimeAmount) {
        deadline = .now() + delay
        // A timer due at or before the new deadline finds it moved and re-arms itself; only a
        // deadline earlier than the pending timer needs a new one.
        if timer == nil || deadline < timerAt { schedule(context, at: deadline) }
    }

    private func schedule(_ context: ChannelHandlerContext, at when: NIODeadline) {
        timer?.cancel()
        timerAt = when
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { [weak self] in
            self?.check(context)
        }
    }

    private func check(_ context: ChannelHandlerContext) {
        timer = nil
        if NIODeadline.now() < deadline {
            schedule(context, at: deadline)
        } else {
            fire(context)
        }
    }

    private func fire(_ context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        if case .readingHead = state {
            onTimeout("header")
            let seconds = secondsText(Double(header.nanoseconds) / 1e9)
            let body = #"{"error":{"code":"timeout","message":"no complete request head within \#(seconds) seconds"}}"#
            let response = "HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n\(body)"
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: response)), promise: nil)
        } else {
            onTimeout("idle")
        }
        context.fireUserInboundEventTriggered(TimedOut())
        context.close(promise: nil)
    }
}
