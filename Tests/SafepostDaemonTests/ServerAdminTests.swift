import Foundation
import Testing

extension SafepostdHeavyTests {
    /// `POST /v1/reload` is for root and the daemon's own user, decided by `SO_PEERCRED`: clients
    /// are run here as other uids (so the tests need root, and `setpriv` or `runuser`).
    @Suite("safepostd admin endpoints", .enabled(if: getuid() == 0, "needs root to run clients as other uids"),
           .enabled(if: OtherUser.available, "needs setpriv or runuser, and python3 in a system path"))
    struct ServerAdminTests {
        @Test func aReloadFromAnotherUidIsForbiddenWhileItsChecksAreServed() throws {
            let daemon = try DaemonProcess(arguments: ["--socket-mode", "0666"])
            chmod(daemon.directory, 0o755)  // reachable by any uid
            let nobody = try OtherUser.run(uid: 65534, socket: daemon.socketPath)
            #expect(nobody["uid"] as? Int == 65534)
            let check = try #require(nobody["check"] as? [String: Any])
            #expect(check["status"] as? Int == 200, "\(check)")
            #expect((check["body"] as? String)?.hasPrefix(#"{"id":"n1","verdict":"allow""#) == true, "\(check)")
            for key in ["reload_after_check", "reload"] {
                let reload = try #require(nobody[key] as? [String: Any])
                #expect(reload["status"] as? Int == 403, "\(key): \(reload)")
                let body = (reload["body"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]
                let error = body?["error"] as? [String: Any]
                #expect(error?["code"] as? String == "forbidden", "\(key): \(reload)")
                #expect((error?["message"] as? String)?.contains("uid 65534") == true, "\(key): \(reload)")
            }
            #expect((nobody["health"] as? [String: Any])?["status"] as? Int == 200)
            #expect(daemon.log.contains("reload refused: not an admin"))
            // Nothing was reloaded for them; root may.
            #expect(try metric(#"safepost_reloads_total{outcome="success"}"#, of: daemon) ?? 0 == 0)
            #expect(try metric(#"safepost_errors_total{kind="forbidden"}"#, of: daemon) == 2)
            let root = try daemon.request("POST", "/v1/reload")
            #expect(root.status == 200, "\(root.text)")
        }

        @Test(.enabled(if: OtherUser.setpriv != nil, "needs setpriv to run the daemon and a client as chosen uids"))
        func theDaemonsOwnUserMayReloadAndAThirdUidMayNot() throws {
            let directory = try DaemonProcess.makeDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            chmod(directory, 0o755)
            chown(directory, 65534, 65534)  // the daemon's user writes its record of concern here
            let socket = directory + "/d.sock"
            let log = directory + "/stderr.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(OtherUser.setpriv))
            process.arguments = OtherUser.setprivArguments(uid: 65534) + [
                DaemonProcess.binary.path, "--config", "/dev/null", "--socket", socket, "--socket-mode", "0666",
                "--rules", DaemonProcess.shippedRules, "--concerns", directory + "/concerns.jsonl", "--threads", "1",
            ]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: log)
            try process.run()
            defer {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
            }
            let daemonLog = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
            let deadline = Date().addingTimeInterval(20)
            while (try? UnixConnection(path: socket)) == nil {
                try #require(process.isRunning, "safepostd as uid 65534 exited: \(daemonLog())")
                try #require(Date() < deadline, "safepostd as uid 65534 did not serve: \(daemonLog())")
                usleep(20_000)
            }

            let own = try OtherUser.run(uid: 65534, socket: socket)
            #expect((own["reload"] as? [String: Any])?["status"] as? Int == 200, "\(own)")
            let third = try OtherUser.run(uid: 65533, socket: socket)
            #expect(third["uid"] as? Int == 65533)
            #expect((third["check"] as? [String: Any])?["status"] as? Int == 200, "\(third)")
            #expect((third["reload"] as? [String: Any])?["status"] as? Int == 403, "\(third)")
            // Root is always an admin.
            let connection = try UnixConnection(path: socket)
            try connection.send(HTTPRequest(method: "POST", target: "/v1/reload").bytes)
            #expect(try connection.readResponse().status == 200)
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(daemonLog())")
            #expect(!FileManager.default.fileExists(atPath: socket))
        }
    }
}

extension SafepostdHeavyTests {
    /// Runs a small Python HTTP client over the daemon's socket as another uid.
    enum OtherUser {
        static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        static let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        /// A system python3 (a per-user install such as pyenv under /root is not reachable by others).
        static let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        static var available: Bool { (setpriv != nil || runuser != nil) && python != nil }

        static func setprivArguments(uid: Int) -> [String] {
            ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"]
        }

        /// On one connection `POST /v1/check` then `POST /v1/reload`; on a second, `POST /v1/reload`
        /// then `GET /v1/health`. Prints one JSON object: the uid and each status and body.
        static let client = #"""
            import http.client, json, os, socket, sys

            class UnixHTTPConnection(http.client.HTTPConnection):
                def __init__(self, path):
                    super().__init__("safepost", timeout=10)
                    self.unix_path = path
                def connect(self):
                    self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self.sock.settimeout(10)
                    self.sock.connect(self.unix_path)

            def ask(connection, method, target, body=None, headers={}):
                connection.request(method, target, body=body, headers=headers)
                response = connection.getresponse()
                return {"status": response.status, "body": response.read().decode()}

            results = {"uid": os.getuid(), "euid": os.geteuid()}
            first = UnixHTTPConnection(sys.argv[1])
            results["check"] = ask(first, "POST", "/v1/check", json.dumps({"id": "n1", "text": "Lovely sunny morning"}),
                                   {"Content-Type": "application/json"})
            results["reload_after_check"] = ask(first, "POST", "/v1/reload")
            second = UnixHTTPConnection(sys.argv[1])
            results["reload"] = ask(second, "POST", "/v1/reload")
            results["health"] = ask(second, "GET", "/v1/health")
            print(json.dumps(results))
            """#

        /// Runs the client as `uid` (and its group) with no supplementary groups.
        static func run(uid: Int, socket: String) throws -> [String: Any] {
            guard let python else { throw DaemonFailure("no system python3") }
            let process = Process()
            if let setpriv {
                process.executableURL = URL(fileURLWithPath: setpriv)
                process.arguments = setprivArguments(uid: uid) + [python, "-c", client, socket]
            } else if let runuser, uid == 65534 {
                process.executableURL = URL(fileURLWithPath: runuser)
                process.arguments = ["-u", "nobody", "--", python, "-c", client, socket]
            } else {
                throw DaemonFailure("cannot run a client as uid \(uid) without setpriv")
            }
            process.currentDirectoryURL = URL(fileURLWithPath: "/")
            process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let json = try? JSONSerialization.jsonObject(with: out) as? [String: Any]
            else {
                throw DaemonFailure("client as uid \(uid) failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
            }
            return json
        }
    }
}
