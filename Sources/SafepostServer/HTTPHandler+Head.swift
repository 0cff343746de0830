import NIOCore
import NIOHTTP1

extension HTTPHandler {
    /// Starts a request: routes it and answers at once what the head alone decides (411, 404,
    /// 405, 415, 413, a query that cannot be used). Only a request the head cannot fault is asked
    /// for its body with `100 Continue`, when it expects one.
    func begin(_ context: ChannelHandlerContext, _ head: HTTPRequestHead) {
        guard context.channel.isActive else {
            // Read before the connection closed (NIOHTTP1 decodes what is left when it does): its
            // client has gone, so it is neither served nor answered.
            server.metrics.error("abandoned")
            request = nil
            body = .discard
            return
        }
        let route = Route.of(head)
        var endpoint = Endpoint.unknown
        var query: Substring = ""
        switch route {
        case .endpoint(let e, let q): (endpoint, query) = (e, q)
        case .methodNotAllowed(let e): endpoint = e
        case .notFound: break
        }
        request = Request(
            endpoint: endpoint, version: head.version, keepAlive: head.isKeepAlive, started: .now(), rules: server.store.current)
        server.metrics.requestStarted()
        context.triggerUserOutboundEvent(ConnectionTimeouts.Event.requestStarted, promise: nil)
        body = .discard

        let expectsContinue = head.headers.first(name: "expect")?.lowercased() == "100-continue"
        // A client waiting for `100 Continue` may never send the body it announced: the connection
        // then closes, rather than read its next request as that body.
        func refuse(_ kind: ErrorKind, _ message: String, id: String? = nil, headers: [(String, String)] = [], close: Bool = false) {
            respondError(context, kind, message, id: id, headers: headers, close: close || expectsContinue)
        }

        if endpoint.takesBody, case .endpoint = route, !Self.declaresBody(head.headers) {
            // Without a length the parser reads no body, and what the client sends next would be
            // read as another request: answer 411 and close.
            refuse(.lengthRequired, "\(endpoint.rawValue) needs a body: send Content-Length (or Transfer-Encoding: chunked)", close: true)
            return
        }
        let length = head.headers.first(name: "content-length").flatMap { Int($0) }

        switch route {
        case .notFound(let path):
            refuse(.notFound, "no endpoint at \(path) (see docs/daemon.md)")
        case .methodNotAllowed(let e):
            refuse(.methodNotAllowed, "\(e.rawValue) takes \(e.method.rawValue), not \(head.method.rawValue)",
                   headers: [("allow", e.method.rawValue)])
        case .endpoint(.check, _), .endpoint(.batch, _):
            guard let type = BodyType(head.headers) else {
                let given = head.headers.first(name: "content-type") ?? ""
                refuse(.unsupportedMediaType,
                       "content type \"\(given.prefix(80))\" is not accepted: send application/json or text/plain, in UTF-8")
                return
            }
            if endpoint == .check, let length, length > server.maxBody {
                refuse(.tooLarge, TooLarge.message("request body", size: length, limit: server.maxBody), close: true)
                return
            }
            if endpoint == .check && type != .json {
                // The body may be the draft itself, named by the query: a query that cannot be
                // used is refused now, before the body is asked for or read.
                do { request!.draftQuery = try PlainDraftQuery.parse(query) } catch {
                    refuse(ErrorKind.of(error), error.message, id: error.id)
                    return
                }
            } else {
                // A JSON request (and a batch's every line) would ignore the draft's parameters.
                let parameters = PlainDraftQuery.parameterNames(in: query)
                if !parameters.isEmpty {
                    let error = PlainDraftQuery.unreadWithJSON(parameters, batch: endpoint == .batch)
                    refuse(ErrorKind.of(error), error.message)
                    return
                }
            }
            if expectsContinue { sendContinue(context, head) }
            if endpoint == .check {
                request!.bodyType = type
                body = .collect
            } else {
                startBatch(context)
            }
        case .endpoint(.mail, _):
            if let given = head.headers.first(name: "content-type"), !Self.isMailType(given) {
                refuse(.unsupportedMediaType, "content type \"\(given.prefix(80))\" is not accepted: send message/rfc822")
                return
            }
            if let length, length > server.maxMail {
                refuse(.tooLarge, TooLarge.message("message", size: length, limit: server.maxMail), close: true)
                return
            }
            if expectsContinue { sendContinue(context, head) }
            body = .collect
        case .endpoint:
            body = .collect
        }
    }

    /// `100 Continue`: the head is accepted, the client may send the body.
    private func sendContinue(_ context: ChannelHandlerContext, _ head: HTTPRequestHead) {
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
    }

    /// Whether the head says how the body is framed: `Content-Length` or `Transfer-Encoding`.
    static func declaresBody(_ headers: HTTPHeaders) -> Bool {
        headers.contains(name: "content-length") || headers.contains(name: "transfer-encoding")
    }
}

extension Endpoint {
    /// The endpoints that read a request body, and so need it framed (411 otherwise).
    var takesBody: Bool { self == .check || self == .batch || self == .mail }
}
