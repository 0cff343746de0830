import NIOCore
import NIOHTTP1
import SafepostWire

extension HTTPHandler {
    /// `GET /v1/health`: the rule set serving and the uptime.
    func health(_ context: ChannelHandlerContext) {
        let snapshot = server.store.current
        let uptime = Double((NIODeadline.now() - server.started).nanoseconds) / 1e9
        var json = JSONText()
        json.open()
        json.field("status", "ready")
        json.field("version", snapshot.ruleSet.version)
        json.field("rules", snapshot.ruleSet.rules.count)
        json.field("children", snapshot.children)
        json.field("staff", snapshot.staff)
        json.field("carers", snapshot.carers)
        json.field("markers", snapshot.ruleSet.markers.count)
        json.field("uptime_seconds", seconds: uptime)
        if let last = server.store.lastReload {
            // Counts and a time only: a diagnostic may quote a roster name.
            json.key("last_reload")
            json.open()
            json.field("outcome", last.succeeded ? "success" : "failure")
            json.field("at", TimestampParser.format(last.at))
            if !last.succeeded { json.field("errors", last.errors) }
            json.close()
        }
        json.close()
        respond(context, .ok, json: json.bytes)
    }

    /// `GET /metrics`: the Prometheus text format.
    func metrics(_ context: ChannelHandlerContext) {
        out.removeAll(keepingCapacity: true)
        server.registry.emit(into: &out)
        // `respond` appends a newline; the exposition already ends with one.
        if out.last == 0x0A { out.removeLast() }
        respond(context, .ok, json: out, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// `POST /v1/reload`: for root and the daemon's own user only (checked with `SO_PEERCRED`).
    func reload(_ context: ChannelHandlerContext) {
        if let peer {
            reload(context, peer: peer)
            return
        }
        PeerCredentials.of(context.channel).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let peer):
                self.peer = peer
                self.reload(context, peer: peer)
            case .failure(let error):
                self.server.logger.warning("cannot read the peer's credentials", metadata: ["error": "\(error)"])
                self.respondError(context, .forbidden, "the caller's user could not be established")
            }
        }
    }

    private func reload(_ context: ChannelHandlerContext, peer: PeerCredentials) {
        guard peer.isAdmin else {
            server.logger.notice("reload refused: not an admin", metadata: ["uid": "\(peer.uid)", "pid": "\(peer.pid)"])
            respondError(context, .forbidden, "reload is for root and the daemon's own user; uid \(peer.uid) is neither")
            return
        }
        let trigger = "POST /v1/reload (uid \(peer.uid), pid \(peer.pid))"
        server.reloader.reload(trigger: trigger, on: context.eventLoop).assumeIsolated().whenComplete { result in
            var json = JSONText()
            json.open()
            switch result {
            case .success(.reloaded(let snapshot, _)):
                json.field("status", "reloaded")
                json.field("version", snapshot.ruleSet.version)
                json.field("rules", snapshot.ruleSet.rules.count)
                json.close()
                self.respond(context, .ok, json: json.bytes)
            case .success(.refused(let diagnostics)):
                json.key("error")
                json.open()
                json.field("code", ErrorKind.rulesInvalid.code)
                json.field("message", "the Rules folder has errors; the previous rules keep serving")
                json.close()
                json.field("diagnostics", strings: diagnostics.map(\.description))
                json.close()
                self.respond(context, ErrorKind.rulesInvalid.status, json: json.bytes)
            case .failure(let error):
                self.server.logger.error("reload could not run", metadata: ["error": "\(error)"])
                self.respondError(context, ErrorKind(status: .serviceUnavailable, code: "shutting-down"),
                                  "the daemon is shutting down")
            }
        }
    }
}
