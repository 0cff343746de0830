import Foundation
import Glibc

/// `--floor`: a do-nothing HTTP responder on a temporary Unix socket, inside this process, so
/// the same load shows what the socket round trip alone costs on this machine (system calls,
/// wake-ups, the load generator itself), with no HTTP framework and no screening.
///
/// It answers each request with `200` and the request's own body echoed back (about the size of
/// a real answer, which carries the redacted draft), so the workers check every answer as usual.
/// Two threads (like the daemon's two event loops on two cores), each with its own epoll set;
/// an accept thread hands connections out in turn.
final class FloorResponder: @unchecked Sendable {
    let socketPath: String
    private let listener: Int32
    private let loops: [Epoll]
    private var buffers: [Int32: (buffer: UnsafeMutableRawBufferPointer, count: Int)] = [:]
    private let lock = NSLock()

    init(threads: Int = 2) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("safepost-floor-\(getpid()).sock").path
        socketPath = path
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        listener = fd
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else { throw Socket.Failure(description: "floor: bind/listen: \(errnoText())") }
        loops = try (0..<threads).map { _ throws(Socket.Failure) in try Epoll() }
        for (index, loop) in loops.enumerated() {
            Thread { self.serve(loop, index) }.start()
        }
        Thread { self.accept() }.start()
    }

    private func accept() {
        var next = 0
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd < 0 { if errno == EINTR { continue } else { return } }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            lock.lock()
            buffers[fd] = (.allocate(byteCount: 1 << 16, alignment: 64), 0)
            lock.unlock()
            loops[next % loops.count].add(fd, events: Epoll.input, token: UInt64(fd))
            next += 1
        }
    }

    private func serve(_ loop: Epoll, _ index: Int) {
        var response: [UInt8] = []
        while true {
            let n = loop.wait(timeout: -1)
            if n < 0 { if errno == EINTR { continue } else { return } }
            for e in 0..<n {
                let fd = Int32(truncatingIfNeeded: loop.event(e).token)
                lock.lock()
                guard var state = buffers[fd] else { lock.unlock(); continue }
                lock.unlock()
                let got = read(fd, state.buffer.baseAddress! + state.count, state.buffer.count - state.count)
                if got <= 0 {
                    if got < 0 && (errno == EAGAIN || errno == EINTR) { continue }
                    loop.remove(fd)
                    close(fd)
                    lock.lock()
                    buffers.removeValue(forKey: fd)?.buffer.deallocate()
                    lock.unlock()
                    continue
                }
                state.count += got
                let raw = UnsafeRawBufferPointer(rebasing: state.buffer[0..<state.count])
                if let (bodyStart, length) = Self.request(raw), bodyStart + length <= state.count {
                    response.removeAll(keepingCapacity: true)
                    response.append(contentsOf: "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(length)\r\n\r\n".utf8)
                    response.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[bodyStart..<bodyStart + length]))
                    _ = response.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
                    state.count = 0
                }
                lock.lock()
                buffers[fd] = state
                lock.unlock()
            }
        }
    }

    /// Where the body of a buffered request starts and how long it is, once the head is complete.
    private static func request(_ bytes: UnsafeRawBufferPointer) -> (Int, Int)? {
        guard bytes.count >= 4 else { return nil }
        var end = -1
        for i in 0...(bytes.count - 4) where bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A {
            end = i + 4
            break
        }
        guard end > 0 else { return nil }
        let head = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self).lowercased()
        guard let range = head.range(of: "content-length:") else { return (end, 0) }
        let digits = head[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
        return (end, Int(digits) ?? 0)
    }
}
