import Glibc

/// epoll, which Swift's Glibc module does not import (no `sys/epoll.h`): the three functions are
/// looked up with `dlsym`, and `struct epoll_event` (packed to 12 bytes on x86_64) is read and
/// written as raw bytes.
///
/// `add`/`modify`/`remove` may be called from any thread (the kernel serialises them); `wait`
/// and `event` from one thread only, as they share the events buffer.
struct Epoll: @unchecked Sendable {
    static let input: UInt32 = 0x001  // EPOLLIN
    static let output: UInt32 = 0x004  // EPOLLOUT
    static let error: UInt32 = 0x008  // EPOLLERR
    static let hangUp: UInt32 = 0x010  // EPOLLHUP

    private typealias Create = @convention(c) (Int32) -> Int32
    private typealias Control = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32

    private nonisolated(unsafe) static let create: Create = symbol("epoll_create1")
    private nonisolated(unsafe) static let control: Control = symbol("epoll_ctl")
    private nonisolated(unsafe) static let wait: Wait = symbol("epoll_wait")

    private static func symbol<T>(_ name: String) -> T {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("no \(name) in libc") }
        return unsafeBitCast(pointer, to: T.self)
    }

    #if arch(x86_64)
    static let eventSize = 12
    private static let dataOffset = 4
    #else
    static let eventSize = 16
    private static let dataOffset = 8
    #endif

    let fd: Int32
    /// Room for the events one `wait` returns.
    private let events: UnsafeMutableRawPointer
    let capacity: Int

    init(capacity: Int = 256) throws(Socket.Failure) {
        fd = Self.create(0x80000)  // EPOLL_CLOEXEC
        guard fd >= 0 else { throw Socket.Failure(description: "epoll_create1: \(errnoText())") }
        self.capacity = capacity
        events = .allocate(byteCount: capacity * Self.eventSize, alignment: 16)
    }

    func close() {
        Glibc.close(fd)
        events.deallocate()
    }

    /// EPOLL_CTL_ADD (1), EPOLL_CTL_DEL (2), EPOLL_CTL_MOD (3) with `token` as the event's data.
    @discardableResult
    func add(_ target: Int32, events mask: UInt32, token: UInt64) -> Bool { ctl(1, target, mask, token) }
    @discardableResult
    func modify(_ target: Int32, events mask: UInt32, token: UInt64) -> Bool { ctl(3, target, mask, token) }
    @discardableResult
    func remove(_ target: Int32) -> Bool { ctl(2, target, 0, 0) }

    private func ctl(_ op: Int32, _ target: Int32, _ mask: UInt32, _ token: UInt64) -> Bool {
        var event = (UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: mask, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: token, toByteOffset: Self.dataOffset, as: UInt64.self)
            return Self.control(fd, op, target, raw.baseAddress) == 0
        }
    }

    /// Waits up to `timeout` milliseconds; returns the number of ready events (-1 on error).
    func wait(timeout: Int32) -> Int {
        Int(Self.wait(fd, events, Int32(capacity), timeout))
    }

    /// The mask and token of ready event `i`.
    func event(_ i: Int) -> (mask: UInt32, token: UInt64) {
        let base = events + i * Self.eventSize
        return (base.loadUnaligned(as: UInt32.self), base.loadUnaligned(fromByteOffset: Self.dataOffset, as: UInt64.self))
    }
}
