import NIOCore
import NIOHTTP1
import NIOPosix

/// The listening channel and its connections.
///
/// Each connection's pipeline, from the socket inwards: ``ConnectionTimeouts`` (header and idle
/// timeouts on raw bytes), ``FastCheck`` (answers plain `POST /v1/check` JSON requests itself and
/// hands anything else, and the connection from then on, to what follows), NIOHTTP1's codec with pipelining assistance, ``ProtocolErrorReply``
/// (a malformed request gets 400 saying why, and the connection closes), then ``HTTPHandler``. The listening
/// channel's ``AcceptGate`` enforces `max-connections`.
final class HTTPServer: Sendable {
    let channel: any Channel
    let tracker: ConnectionTracker

    private init(channel: any Channel, tracker: ConnectionTracker) {
        self.channel = channel
        self.tracker = tracker
    }

    /// Starts serving on `socket` (already bound and listening) with `group`'s event loops.
    static func start(
        socket: ListeningSocket, group: any EventLoopGroup, server: ServerContext,
        maxConnections: Int, headerTimeout: TimeAmount, idleTimeout: TimeAmount
    ) async throws -> HTTPServer {
        let tracker = ConnectionTracker(limit: maxConnections, metrics: server.metrics)
        let metrics = server.metrics
        let logger = server.logger
        let refusals = RefusalWarning()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptGate(tracker: tracker) {
                        metrics.error("connection-refused")
                        refusals.refused(limit: maxConnections, logger: logger)
                    })
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(ConnectionTimeouts(header: headerTimeout, idle: idleTimeout) { kind in
                        metrics.error("timeout")
                        logger.debug("connection timed out", metadata: ["timeout": "\(kind)"])
                    })
                    try sync.addHandler(FastCheck(server: server))
                    // No outbound header validation: every response header is the daemon's own constant
                    // or number, and the validator costs a pass over the headers of each response.
                    // NIOHTTP1's protocol-error handler answers 400 with an empty body; ours says why.
                    try sync.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: false, withOutboundHeaderValidation: false)
                    try sync.addHandler(ProtocolErrorReply())
                    try sync.addHandler(HTTPHandler(server: server))
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: false)
            .withBoundSocket(socket.descriptor)
            .get()
        return HTTPServer(channel: channel, tracker: tracker)
    }

    /// Stops accepting, lets the requests in flight finish, and closes what is still open after
    /// `deadline`.
    func drain(within deadline: TimeAmount) async {
        let drained = tracker.quiesce(serverChannel: channel)
        let timer = channel.eventLoop.scheduleTask(in: deadline) { [tracker] in tracker.closeAll() }
        try? await drained.get()
        timer.cancel()
        try? await channel.closeFuture.get()
    }
}
