import Glibc
import Histogram
import Synchronization

/// One load-generating thread: a fixed set of keep-alive connections, each with exactly one
/// request in flight (no pipelining: concurrency = connections), driven by one epoll set.
///
/// A connection sends a request, reads the whole response, checks it, and sends the next one at
/// once (a closed loop). Latency is measured from just before the request is written to when its
/// last byte has been read. Only responses completed inside the measurement window are recorded;
/// after `stopAt` no new request is sent and the worker returns once every connection is idle.
///
/// Every response must be `200` with exactly the body the reference pass recorded for that
/// request; anything else counts as an error (and fails the run).
///
/// Threading: used by one thread at a time (built on the main thread, run on its own thread,
/// read on the main thread after that thread has finished).
final class LoadWorker: @unchecked Sendable {
    private struct Connection {
        let fd: Int32
        var buffer: UnsafeMutableRawBufferPointer
        var received = 0
        var parser = ResponseParser()
        /// The pool index of the request in flight, or -1.
        var inFlight = -1
        var sentAt: UInt64 = 0
        /// Bytes of the request written so far (a partial write waits for EPOLLOUT).
        var written = 0
        var open = true
    }

    private let pool: RequestPool
    private var connections: [Connection] = []
    private let epoll: Epoll
    private var next: Int
    private(set) var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1_000, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
    private(set) var measured = 0
    private(set) var errors = 0
    private(set) var firstErrors: [String] = []
    private var verdictCounts = [0, 0, 0]
    /// Completed responses since the start (read by the sampler of the memory run).
    let completions: Counter

    init(pool: RequestPool, socket: String, connections count: Int, firstIndex: Int, completions: Counter) throws(Socket.Failure) {
        self.pool = pool
        self.completions = completions
        next = firstIndex % pool.requests.count
        epoll = try Epoll()
        let capacity = 1 << 16
        for index in 0..<count {
            let fd = try Socket.connect(path: socket, nonBlocking: true)
            connections.append(Connection(fd: fd, buffer: .allocate(byteCount: capacity, alignment: 64)))
            guard epoll.add(fd, events: Epoll.input, token: UInt64(index)) else {
                throw Socket.Failure(description: "epoll_ctl: \(errnoText())")
            }
        }
    }

    deinit {
        for connection in connections {
            close(connection.fd)
            connection.buffer.deallocate()
        }
        epoll.close()
    }

    /// Drives the connections until `stopAt`, recording responses completed in `window`.
    func run(window: Range<UInt64>, stopAt: UInt64) {
        let errorsBefore = errors
        for index in connections.indices { send(index, now: monotonicNanos()) }
        var busy = connections.filter { $0.inFlight >= 0 }.count
        while busy > 0 {
            let n = epoll.wait(timeout: 1000)
            if n < 0 {
                if errno == EINTR { continue }
                fail(-1, "epoll_wait: \(errnoText())")
                return
            }
            for e in 0..<n {
                let (flags, token) = epoll.event(e)
                let index = Int(token)
                if flags & Epoll.output != 0 { flush(index) }
                if flags & (Epoll.input | Epoll.hangUp | Epoll.error) != 0 {
                    if let stillBusy = receive(index, window: window, stopAt: stopAt), !stillBusy { busy -= 1 }
                }
            }
            if errors - errorsBefore > 1000 { return }
        }
    }

    /// Starts the next request of the pool on connection `index`.
    private func send(_ index: Int, now: UInt64) {
        guard connections[index].open else { return }
        connections[index].inFlight = next
        connections[index].sentAt = now
        connections[index].written = 0
        connections[index].received = 0
        connections[index].parser.reset()
        next += 1
        if next == pool.requests.count { next = 0 }
        flush(index)
    }

    /// Writes what is left of the request in flight; waits for EPOLLOUT when the socket is full.
    private func flush(_ index: Int) {
        let request = connections[index].inFlight
        guard request >= 0 else { return }
        let fd = connections[index].fd
        let wasPartial = connections[index].written > 0
        let done: Bool = pool.requests[request].withUnsafeBytes { raw in
            while connections[index].written < raw.count {
                let offset = connections[index].written
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN { return false }
                    return true  // the read side reports the failure
                }
                connections[index].written += n
            }
            return true
        }
        if !done || wasPartial {
            epoll.modify(fd, events: done ? Epoll.input : Epoll.input | Epoll.output, token: UInt64(index))
        }
    }

    /// Reads from connection `index`. Returns nil while the response is incomplete, true when
    /// the next request was sent, false when the connection went idle (stopped or failed).
    private func receive(_ index: Int, window: Range<UInt64>, stopAt: UInt64) -> Bool? {
        let fd = connections[index].fd
        let buffer = connections[index].buffer
        guard connections[index].inFlight >= 0 else {
            // Bytes nobody asked for, or the daemon closed an idle connection.
            let n = read(fd, buffer.baseAddress!, buffer.count)
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) { closeConnection(index) }
            if n > 0 { fail(index, "\(n) bytes arrived with no request in flight") }
            return nil
        }
        while true {
            let count = connections[index].received
            if count == buffer.count {
                fail(index, "response over \(buffer.count) bytes")
                closeConnection(index)
                return false
            }
            let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { return nil }
                fail(index, "read: \(errnoText())")
                closeConnection(index)
                return false
            }
            if n == 0 {
                fail(index, "the daemon closed the connection with a request in flight")
                closeConnection(index)
                return false
            }
            connections[index].received += n
            let outcome = connections[index].parser.parse(UnsafeRawBufferPointer(buffer), count: connections[index].received)
            switch outcome {
            case .needMore:
                continue
            case .malformed(let why):
                fail(index, why)
                closeConnection(index)
                return false
            case .complete(let start, let length):
                let now = monotonicNanos()
                check(index, bodyStart: start, length: length)
                completions.value.add(1, ordering: .relaxed)
                if window.contains(now) {
                    measured += 1
                    _ = histogram.record(now &- connections[index].sentAt)
                }
                connections[index].inFlight = -1
                if now < stopAt {
                    send(index, now: now)
                    return true
                }
                return false
            }
        }
    }

    /// Compares a complete response with the expected one.
    private func check(_ index: Int, bodyStart: Int, length: Int) {
        let request = connections[index].inFlight
        let status = connections[index].parser.status
        guard status == 200 else {
            let body = String(decoding: UnsafeRawBufferPointer(rebasing: connections[index].buffer[bodyStart..<bodyStart + min(length, 300)]), as: UTF8.self)
            fail(index, "status \(status) for request \(request): \(body)")
            return
        }
        let expected = pool.expected[request]
        let same = expected.count == length && expected.withUnsafeBytes { raw in
            memcmp(raw.baseAddress!, connections[index].buffer.baseAddress! + bodyStart, length) == 0
        }
        guard same else {
            fail(index, "request \(request): the response differs from the reference response")
            return
        }
        switch pool.expectedVerdict[request] {
        case .allow: verdictCounts[0] += 1
        case .review: verdictCounts[1] += 1
        case .block: verdictCounts[2] += 1
        }
    }

    /// Verdicts of every checked response (measured or not).
    var verdictTotals: [Verdict: Int] { [.allow: verdictCounts[0], .review: verdictCounts[1], .block: verdictCounts[2]] }

    private func fail(_ index: Int, _ message: String) {
        errors += 1
        if firstErrors.count < 5 { firstErrors.append(index >= 0 ? "connection \(index): \(message)" : message) }
    }

    private func closeConnection(_ index: Int) {
        guard connections[index].open else { return }
        connections[index].open = false
        connections[index].inFlight = -1
        epoll.remove(connections[index].fd)
    }
}

/// A shared count of completed responses.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
    var current: Int { value.load(ordering: .relaxed) }
}
