#!/usr/bin/env python3
"""safepost chat bridge: screens chat messages with safepostd before they are forwarded.

Reads chat events as JSON lines on standard input:

    {"id": "m1", "text": "…", "username": "sarah", "channel": "staff-room",
     "attachments": [{"filename": "IMG_1.jpg", "content_type": "image/jpeg"}]}

checks each one with safepostd (POST /v1/check over its Unix socket) and

* forwards an allowed message (verdict "allow") to standard output, byte for byte as it came;
* holds a flagged one (verdict "review" or "block") and answers its sender with a reply line that
  quotes the policy clause(s) and the redacted draft -- never the names or details that were found;
* holds a message that could not be checked (daemon not running, timeout, error answer, malformed
  event) and answers its sender, when the event names one, that it was not sent: nothing is ever
  forwarded unchecked.

Replies are JSON lines written to --replies FILE (appended), or to standard error without it.
Notes for the operator ("safepost-bridge: …", plain text) always go to standard error.

Exit status: 0 when every event was checked; 75 (EX_TEMPFAIL) when at least one could not be
checked and was held for that reason; 2 for bad arguments or an unreadable role map.

Python 3 standard library only. See docs/chat-bridge.md.
"""

import argparse
import http.client
import json
import os
import socket
import sys

DEFAULT_SOCKET = "/run/safepost/safepost.sock"
EX_TEMPFAIL = 75
ROLES = ("staff", "student", "parent", "committee")


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP/1.1 over a Unix domain socket: http.client with connect() swapped for AF_UNIX."""

    def __init__(self, path, timeout):
        super().__init__("safepost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.unix_path)
        except BaseException:
            sock.close()
            raise
        self.sock = sock


class Unchecked(Exception):
    """The message could not be screened; the text says why, for the operator."""


def check(socket_path, timeout, request):
    """POST /v1/check; returns the decoded screening result or raises Unchecked."""
    body = json.dumps(request, ensure_ascii=False).encode("utf-8")
    connection = UnixHTTPConnection(socket_path, timeout)
    try:
        connection.request("POST", "/v1/check", body=body,
                           headers={"Content-Type": "application/json", "Connection": "close"})
        response = connection.getresponse()
        status = response.status
        payload = response.read()
    except FileNotFoundError:
        raise Unchecked(f"cannot reach safepostd at {socket_path}: there is no socket there (is safepostd running?)")
    except ConnectionRefusedError:
        raise Unchecked(f"cannot reach safepostd at {socket_path}: connection refused (safepostd is not running)")
    except PermissionError:
        raise Unchecked(f"cannot reach safepostd at {socket_path}: permission denied (is the bridge's user in the socket's group?)")
    except socket.timeout:
        raise Unchecked(f"safepostd did not answer within {timeout:g} s")
    except (OSError, http.client.HTTPException) as error:
        raise Unchecked(f"unexpected answer from safepostd: {error.__class__.__name__}: {error}")
    finally:
        connection.close()

    try:
        answer = json.loads(payload)
    except ValueError:
        raise Unchecked(f"safepostd answered HTTP {status} with a body that is not JSON")
    if status != 200:
        error = answer.get("error") if isinstance(answer, dict) else None
        if isinstance(error, dict):
            raise Unchecked(f"safepostd refused the message (HTTP {status}, {error.get('code')}): {error.get('message')}")
        raise Unchecked(f"safepostd answered HTTP {status}")
    if (not isinstance(answer, dict) or answer.get("id") != request["id"]
            or answer.get("verdict") not in ("allow", "review", "block")
            or not isinstance(answer.get("findings"), list) or not isinstance(answer.get("redacted"), str)):
        raise Unchecked("safepostd's answer is not a screening result for this message")
    return answer


def load_roles(path):
    """The role map: a JSON object from username to a role ("parent") or to {"name": …, "role": …}.
    The key "*" gives the role of users not listed. Users without a role get the staff rules."""
    with open(path, "rb") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError("the role map must be a JSON object")
    roles = {}
    for user, value in data.items():
        if isinstance(value, str):
            value = {"role": value}
        if not isinstance(value, dict):
            raise ValueError(f"the entry for {user!r} must be a role or an object")
        role = value.get("role")
        if role is not None and role not in ROLES:
            raise ValueError(f"the role of {user!r} must be one of {', '.join(ROLES)}, not {role!r}")
        name = value.get("name")
        if name is not None and not isinstance(name, str):
            raise ValueError(f"the name of {user!r} must be a string")
        roles[user] = {k: v for k, v in (("name", name), ("role", role)) if v is not None}
    return roles


def event_id(event, number):
    """The event's id as a string, or line-N when it has none."""
    message_id = event.get("id") if isinstance(event, dict) else None
    if isinstance(message_id, (str, int)) and not isinstance(message_id, bool) and str(message_id):
        return str(message_id)
    return f"line-{number}"


def request_for(event, number, roles):
    """The screening request for a chat event (a dict), or raises Unchecked when it has no text."""
    text = event.get("text")
    if not isinstance(text, str):
        raise Unchecked(f"line {number}: the event has no \"text\" string")
    request = {"id": event_id(event, number), "text": text}
    username = event.get("username")
    author = {}
    if isinstance(username, str) and username:
        author["name"] = username
        author.update(roles.get(username, {}))
    if "role" not in author and "role" in roles.get("*", {}):
        author["role"] = roles["*"]["role"]
    if author:
        request["author"] = author
    if isinstance(event.get("channel"), str):
        request["channel"] = event["channel"]
    attachments = event.get("attachments")
    if isinstance(attachments, list):
        request["attachments"] = [
            {k: a[k] for k in ("filename", "content_type") if isinstance(a.get(k), str)}
            for a in attachments if isinstance(a, dict)
        ]
    return request


def held_reply(event, request, result):
    """The reply to the sender of a flagged message: the clause(s) and the redacted draft only."""
    clauses = []
    for finding in result["findings"]:
        clause = finding.get("clause") if isinstance(finding, dict) else None
        if isinstance(clause, str) and clause and clause not in clauses:
            clauses.append(clause)
    categories = sorted({f.get("category") for f in result["findings"]
                         if isinstance(f, dict) and isinstance(f.get("category"), str)})
    verdict = result["verdict"]
    opening = ("Your message was not sent: it goes against the setting's social-networking policy."
               if verdict == "block" else
               "Your message has been held and was not sent: part of it may go against the setting's social-networking policy.")
    lines = [opening, "The policy says:"]
    lines += [f"  \u2022 \"{clause}\"" for clause in clauses]
    lines += ["Your message with the problem parts taken out:", f"  {result['redacted']}",
              "Please rewrite it and send it again."]
    return {
        "type": "held",
        "reason": "policy",
        "to": event.get("username"),
        "channel": request.get("channel"),
        "id": request["id"],
        "verdict": verdict,
        "categories": categories,
        "clauses": clauses,
        "redacted": result["redacted"],
        "message": "\n".join(lines),
    }


def unchecked_reply(event, request_id):
    return {
        "type": "held",
        "reason": "unchecked",
        "to": event.get("username"),
        "channel": event.get("channel") if isinstance(event.get("channel"), str) else None,
        "id": request_id,
        "message": "Your message could not be checked just now, so it was not sent. Please try again in a few minutes.",
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description="Screen chat messages with safepostd; forward allowed ones, hold and answer the rest.")
    parser.add_argument("--socket", default=os.environ.get("SAFEPOST_SOCKET") or DEFAULT_SOCKET,
                        help=f"safepostd's Unix socket (default: $SAFEPOST_SOCKET, then {DEFAULT_SOCKET})")
    parser.add_argument("--roles", metavar="FILE", help="JSON role map: {\"username\": \"staff\"|{\"name\": …, \"role\": …}, \"*\": \"parent\"}")
    parser.add_argument("--replies", metavar="FILE", help="append replies to senders of held messages here (default: standard error)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for safepostd per message (default 10)")
    args = parser.parse_args(argv)

    try:
        roles = load_roles(args.roles) if args.roles else {}
    except (OSError, ValueError) as error:
        print(f"safepost-bridge: cannot use the role map {args.roles}: {error}", file=sys.stderr)
        return 2

    replies = open(args.replies, "a", encoding="utf-8") if args.replies else sys.stderr
    out = sys.stdout.buffer
    unchecked = 0

    def reply(obj):
        replies.write(json.dumps(obj, ensure_ascii=False) + "\n")
        replies.flush()

    def note(text):
        print(f"safepost-bridge: {text}", file=sys.stderr, flush=True)

    try:
        for number, raw in enumerate(sys.stdin.buffer, start=1):
            line = raw.rstrip(b"\r\n")
            if not line.strip():
                continue
            event = None
            request_id = f"line-{number}"
            try:
                try:
                    event = json.loads(line)
                except ValueError as error:
                    raise Unchecked(f"line {number}: not JSON ({error})")
                if not isinstance(event, dict):
                    raise Unchecked(f"line {number}: not a JSON object")
                request_id = event_id(event, number)
                request = request_for(event, number, roles)
                result = check(args.socket, args.timeout, request)
            except Unchecked as why:
                unchecked += 1
                note(f"held message {request_id} unchecked: {why}")
                if isinstance(event, dict) and event.get("username"):
                    reply(unchecked_reply(event, request_id))
                continue
            if result["verdict"] == "allow":
                out.write(line + b"\n")
                out.flush()
            else:
                answer = held_reply(event, request, result)
                reply(answer)
                note(f"held message {request_id}: {result['verdict']} ({', '.join(answer['categories'])})")
    except KeyboardInterrupt:
        return 130
    finally:
        if replies is not sys.stderr:
            replies.close()
    return EX_TEMPFAIL if unchecked else 0


if __name__ == "__main__":
    sys.exit(main())
