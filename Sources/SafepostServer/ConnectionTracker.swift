import NIOCore
import Synchronization

/// Knows every open connection: enforces `max-connections` and drains them at shutdown.
///
/// Accepted channels pass through ``AcceptGate`` on the server channel before they are registered;
/// one over the cap (or any after shutdown began) is closed at once. ``quiesce(serverChannel:)``
/// stops accepting and asks each connection to finish: NIOHTTP1's pipeline handler closes an idle
/// connection on `ChannelShouldQuiesceEvent` and a busy one after its current response, so a
/// request in flight is answered, and nothing new is started. State sits behind a lock because
/// accepts happen on the server's loop and closes on each connection's loop.
final class ConnectionTracker: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var quiescing = false
        var drained: EventLoopPromise<Void>?
    }

    let limit: Int
    private let state = Mutex(State())
    private let metrics: ServerMetrics

    init(limit: Int, metrics: ServerMetrics) {
        self.limit = limit
        self.metrics = metrics
    }

    /// The number of open connections.
    var count: Int { state.withLock { $0.open.count } }

    /// Admits `channel`, or returns false (and the caller closes it) when at the cap or quiescing.
    func admit(_ channel: any Channel) -> Bool {
        let admitted = state.withLock { state -> Bool in
            guard !state.quiescing, state.open.count < limit else { return false }
            state.open[ObjectIdentifier(channel)] = channel
            return true
        }
        guard admitted else { return false }
        metrics.connectionOpened()
        channel.closeFuture.whenComplete { [self] _ in self.remove(channel) }
        return true
    }

    private func remove(_ channel: any Channel) {
        metrics.connectionClosed()
        let drained = state.withLock { state -> EventLoopPromise<Void>? in
            state.open.removeValue(forKey: ObjectIdentifier(channel))
            guard state.quiescing, state.open.isEmpty else { return nil }
            defer { state.drained = nil }
            return state.drained
        }
        drained?.succeed()
    }

    /// Closes the listening channel and asks every connection to finish; the future succeeds once
    /// the last connection has closed.
    func quiesce(serverChannel: any Channel) -> EventLoopFuture<Void> {
        let promise = serverChannel.eventLoop.makePromise(of: Void.self)
        let open = state.withLock { state -> [any Channel] in
            state.quiescing = true
            if !state.open.isEmpty { state.drained = promise }
            return Array(state.open.values)
        }
        serverChannel.close(promise: nil)
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        if open.isEmpty { promise.succeed() }
        return promise.futureResult
    }

    /// Closes every connection still open (after the drain deadline).
    func closeAll() {
        for channel in state.withLock({ Array($0.open.values) }) { channel.close(promise: nil) }
    }
}

/// The server channel's handler that admits or refuses each accepted connection.
final class AcceptGate: ChannelInboundHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    private let tracker: ConnectionTracker
    private let onRefused: @Sendable () -> Void

    init(tracker: ConnectionTracker, onRefused: @escaping @Sendable () -> Void) {
        self.tracker = tracker
        self.onRefused = onRefused
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = unwrapInboundIn(data)
        if tracker.admit(child) {
            context.fireChannelRead(data)
        } else {
            onRefused()
            child.close(promise: nil)
        }
    }
}
