import NIOCore
import NIOHTTP1
import SafepostModel
import SafepostWire

/// The state of one streamed `/v1/check/batch` request.
///
/// Body parts queue in `pending` and are screened line by line as they arrive; each part's answers
/// go out as one chunk. Memory stays bounded: reads stop while the socket is not writable (the
/// client is not reading its answers) or while a line waits for the record of concern, so at most
/// what one read delivered is queued, plus one carried partial line.
final class BatchState {
    var framer: LineFramer
    var pending = CircularBuffer<ByteBuffer>()
    /// The request's `.end` has arrived: finish once `pending` is done.
    var ended = false
    /// A line's concern is being written; its answer (and everything after it) waits.
    var waiting = false
    var writable = true
    var lines = 0
    var errors = 0

    init(maxLine: Int) {
        framer = LineFramer(maxLine: maxLine)
    }
}

extension HTTPHandler {
    /// Answers the head at once: 200, `application/x-ndjson`, chunked; lines follow as they are screened.
    func startBatch(_ context: ChannelHandlerContext) {
        guard let request else { return }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/x-ndjson")
        if request.version.major == 1 && request.version.minor >= 1 {
            headers.add(name: "transfer-encoding", value: "chunked")
        } else {
            self.request!.keepAlive = false  // HTTP/1.0: the end of the answer is the end of the connection
        }
        if !self.request!.keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: .ok, headers: headers))), promise: nil)
        let state = BatchState(maxLine: server.maxBody)
        state.writable = context.channel.isWritable
        body = .batch(state)
    }

    /// Screens every line that can be screened now, writes their answers, and ends the response
    /// when the body has ended and every line is answered.
    func pumpBatch(_ context: ChannelHandlerContext, _ state: BatchState) {
        guard !state.waiting, let request else { return }
        out.removeAll(keepingCapacity: true)
        var concern: (ScreeningResult, [UInt8], Int)?
        var abandoned = false
        let handle: (LineFramer.Item) -> Bool = { item in
            switch item {
            case .tooLong(let number, let size):
                state.errors += 1
                self.appendError(.tooLarge, WireError(
                    code: WireError.tooLargeCode,
                    message: "line \(number): " + TooLarge.message("batch line", size: size, limit: self.server.maxBody)))
                return true
            case .line(let number, let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
                guard context.channel.isActive else {
                    // The client has gone: no more lines are screened for it.
                    abandoned = true
                    return false
                }
                state.lines += 1
                switch self.screen(bytes, plainText: false, query: PlainDraftQuery(), rules: request.rules.ruleSet, line: number, on: context.eventLoop) {
                case .result(let result):
                    self.server.metrics.verdict(result)
                    ResponseEncoder.encode(result, into: &self.out)
                    self.out.append(0x0A)
                    return true
                case .failure(let kind, let error):
                    state.errors += 1
                    self.appendError(kind, error)
                    return true
                case .needsRecord(let result, let record):
                    concern = (result, record, number)
                    return false
                }
            }
        }
        while var part = state.pending.first {
            let finished = state.framer.consume(&part, handle)
            if part.readableBytes == 0 { state.pending.removeFirst() } else { state.pending[state.pending.startIndex] = part }
            if !finished { break }
        }
        if concern == nil && state.ended && state.pending.isEmpty {
            state.framer.finish { item in
                if handle(item) { return true }
                return false
            }
        }
        if abandoned {
            abandon()
            return
        }
        writeChunk(context)
        if let (result, record, number) = concern {
            awaitRecord(context, state, result, record, line: number)
        } else if state.ended && state.pending.isEmpty {
            self.request?.note = "\(state.lines) lines, \(state.errors) errors"
            responseEnded(context)
        }
    }

    /// Holds the batch until the concern is on disk, then answers that line and carries on.
    private func awaitRecord(
        _ context: ChannelHandlerContext, _ state: BatchState, _ result: ScreeningResult, _ record: [UInt8], line: Int
    ) {
        state.waiting = true
        server.concerns.append(record, on: context.eventLoop).assumeIsolated().whenComplete { outcome in
            state.waiting = false
            self.out.removeAll(keepingCapacity: true)
            switch outcome {
            case .success:
                self.server.metrics.verdict(result)
                ResponseEncoder.encode(result, into: &self.out)
                self.out.append(0x0A)
            case .failure(let error):
                state.errors += 1
                self.server.logger.error("cannot write the record of concern; the verdict is withheld", metadata: [
                    "file": "\(self.server.concerns.path)", "error": "\(error)", "line": "\(line)",
                ])
                self.appendError(.concernLogFailed, WireError(
                    code: ErrorKind.concernLogFailed.code,
                    message: "line \(line): the record of concern could not be written; no verdict is given", id: result.id))
            }
            self.writeChunk(context)
            guard case .batch(let current) = self.body, current === state else { return }
            self.pumpBatch(context, state)
            self.resumeReading(context)
        }
    }

    private func appendError(_ kind: ErrorKind, _ error: WireError) {
        server.metrics.error(kind.code)
        ResponseEncoder.encode(error, into: &out)
        out.append(0x0A)
    }

    /// Sends what `out` holds as one chunk.
    private func writeChunk(_ context: ChannelHandlerContext) {
        guard !out.isEmpty else { return }
        var buffer = context.channel.allocator.buffer(capacity: out.count)
        buffer.writeBytes(out)
        out.removeAll(keepingCapacity: true)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    }
}
