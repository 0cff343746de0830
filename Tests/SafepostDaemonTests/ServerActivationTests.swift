import Foundation
import Testing

extension SafepostdHeavyTests {
    /// Socket activation and the notify protocol, the way systemd does them: a launcher binds and
    /// listens on the socket, puts it on descriptor 3, sets `LISTEN_FDS=1` and `LISTEN_PID` to its
    /// own pid and execs safepostd (same pid); `NOTIFY_SOCKET` names a datagram socket this test reads.
    @Suite("safepostd under systemd")
    struct ServerActivationTests {
        @Test func anActivatedSocketIsServedKeptAtExitAndNotifyTellsEveryStateChange() throws {
            let directory = try DaemonProcess.makeDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let notifications = try NotifySocket(path: directory + "/notify.sock")
            let activated = directory + "/activated.sock"
            let ignored = directory + "/elsewhere/ignored.sock"
            let daemon = try ActivatedDaemon(
                directory: directory, activatedPath: activated, socketFlag: ignored,
                environment: ["NOTIFY_SOCKET": notifications.path])

            let ready = try notifications.next()
            #expect(ready.hasPrefix("READY=1\n") && ready.contains("STATUS=serving rules "), "\(ready)")
            // The activated socket answers; the --socket path was never touched.
            let health = try ActivatedDaemon.request(activated, HTTPRequest(method: "GET", target: "/v1/health"))
            #expect(health.status == 200 && health.json["status"] as? String == "ready")
            let canary = try ActivatedDaemon.request(activated, HTTPRequest(
                method: "POST", target: "/v1/check", body: Array(#"{"id":"a","text":"SAFEPOST-CANARY-7c1f-BLOCK-TEST"}"#.utf8)))
            #expect(canary.json["verdict"] as? String == "block")
            #expect(!FileManager.default.fileExists(atPath: ignored))
            #expect(!FileManager.default.fileExists(atPath: directory + "/elsewhere"), "the ignored socket's directory was created")
            #expect(daemon.log.contains("socket activation"), "\(daemon.log)")

            // SIGHUP and POST /v1/reload: RELOADING=1 (with the monotonic time), then READY=1.
            kill(daemon.pid, SIGHUP)
            let reloading = try notifications.next()
            #expect(reloading.hasPrefix("RELOADING=1\n") && reloading.contains("MONOTONIC_USEC="), "\(reloading)")
            #expect(try notifications.next().hasPrefix("READY=1\n"))
            let reload = try ActivatedDaemon.request(activated, HTTPRequest(method: "POST", target: "/v1/reload"))
            #expect(reload.status == 200, "\(reload.text)")
            #expect(try notifications.next().hasPrefix("RELOADING=1\n"))
            #expect(try notifications.next().hasPrefix("READY=1\n"))

            // SIGTERM: STOPPING=1, exit 0, and the socket file stays: systemd owns it.
            kill(daemon.pid, SIGTERM)
            #expect(try notifications.next() == "STOPPING=1")
            #expect(try daemon.waitForExit() == 0, "\(daemon.log)")
            var info = stat()
            #expect(lstat(activated, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK, "the activated socket file was removed")
            #expect(!FileManager.default.fileExists(atPath: ignored))
            #expect(notifications.pending().isEmpty, "notifications after STOPPING=1")
        }

        @Test func listenFDsMeantForAnotherProcessAreIgnoredAndTheDaemonBindsItsOwnSocket() throws {
            let directory = try DaemonProcess.makeDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let own = directory + "/own.sock"
            // LISTEN_PID names the launcher's parent, not the daemon (sd_listen_fds: not for us).
            let daemon = try ActivatedDaemon(
                directory: directory, activatedPath: directory + "/activated.sock", socketFlag: own, listenPID: "parent")
            let health = try ActivatedDaemon.request(own, HTTPRequest(method: "GET", target: "/v1/health"))
            #expect(health.status == 200)
            #expect(!daemon.log.contains("socket activation"))
            kill(daemon.pid, SIGTERM)
            #expect(try daemon.waitForExit() == 0)
            // The socket it bound itself is removed; the one it was not given is left alone.
            #expect(!FileManager.default.fileExists(atPath: own))
            #expect(FileManager.default.fileExists(atPath: directory + "/activated.sock"))
        }
    }
}

extension SafepostdHeavyTests {
    /// safepostd started through a Python launcher that hands it a listening socket on descriptor 3.
    final class ActivatedDaemon {
        /// Binds and listens on argv[1], puts it on descriptor 3 (inheritable), sets LISTEN_FDS=1 and
        /// LISTEN_PID (this pid, which exec keeps, or with "parent" the parent's), then execs argv[3:].
        static let launcher = #"""
            import os, socket, sys
            path, listen_pid, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            s.listen(64)
            fd = s.detach()
            if fd != 3:
                os.dup2(fd, 3)
                os.close(fd)
            os.set_inheritable(3, True)
            os.environ["LISTEN_FDS"] = "1"
            os.environ["LISTEN_PID"] = str(os.getppid() if listen_pid == "parent" else os.getpid())
            os.environ["LISTEN_FDNAMES"] = "safepost.sock"
            os.execv(argv[0], argv)
            """#

        /// A Python 3 interpreter, when there is one.
        static var python: String? {
            ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        }

        let process: Process
        let logPath: String
        var pid: Int32 { process.processIdentifier }
        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        init(directory: String, activatedPath: String, socketFlag: String, listenPID: String = "self",
             environment: [String: String] = [:]) throws {
            guard let python = Self.python else { throw DaemonFailure("no python3 to launch safepostd with") }
            logPath = directory + "/stderr.log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", Self.launcher, activatedPath, listenPID, DaemonProcess.binary.path,
                                 "--config", "/dev/null", "--socket", socketFlag, "--rules", DaemonProcess.shippedRules,
                                 "--concerns", directory + "/concerns.jsonl", "--threads", "1"]
            process.environment = ProcessInfo.processInfo.environment
                .filter { !["LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "NOTIFY_SOCKET"].contains($0.key) }
                .merging(environment) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: logPath)
            try process.run()
            // Activated, the socket accepts from the moment the launcher listens, before the daemon
            // is ready: wait for an answer, not a connection.
            let path = listenPID == "self" ? activatedPath : socketFlag
            let deadline = Date().addingTimeInterval(20)
            while true {
                guard process.isRunning else { throw DaemonFailure("safepostd exited with \(process.terminationStatus):\n\(log)") }
                if FileManager.default.fileExists(atPath: path),
                   let health = try? Self.request(path, HTTPRequest(method: "GET", target: "/v1/health"), timeout: 1),
                   health.status == 200 { break }
                guard Date() < deadline else { throw DaemonFailure("safepostd did not serve on \(path) within 20 s:\n\(log)") }
                usleep(20_000)
            }
        }

        deinit {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }

        /// One request on a new connection to `path`.
        static func request(_ path: String, _ request: HTTPRequest, timeout: Double = 10) throws -> HTTPResponse {
            let connection = try UnixConnection(path: path, receiveTimeout: timeout)
            defer { connection.close() }
            try connection.send(request.bytes)
            return try connection.readResponse()
        }

        func waitForExit(timeout: Double = 20) throws -> Int32 {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning {
                guard Date() < deadline else { throw DaemonFailure("safepostd still running after \(timeout) s:\n\(log)") }
                usleep(10_000)
            }
            return process.terminationStatus
        }
    }

    /// A datagram socket standing in for systemd's `NOTIFY_SOCKET`.
    final class NotifySocket {
        let path: String
        private let fd: Int32

        init(path: String) throws {
            self.path = path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            guard fd >= 0 else { throw DaemonFailure("socket: \(String(cString: strerror(errno)))") }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0 else { throw DaemonFailure("bind \(path): \(String(cString: strerror(errno)))") }
        }

        deinit { close(fd) }

        /// The next datagram, waiting at most `timeout` seconds.
        func next(timeout: Double = 20) throws -> String {
            guard let message = receive(timeout: timeout) else { throw DaemonFailure("no notification within \(timeout) s") }
            return message
        }

        /// Datagrams already waiting.
        func pending() -> [String] {
            var messages: [String] = []
            while let message = receive(timeout: 0.2) { messages.append(message) }
            return messages
        }

        private func receive(timeout: Double) -> String? {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(timeout * 1000)) == 1 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            return n < 0 ? nil : String(decoding: buffer[..<n], as: UTF8.self)
        }
    }
}
