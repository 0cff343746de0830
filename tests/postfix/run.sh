#!/usr/bin/env bash
# End-to-end test of the mail filter inside a real Postfix.
#
#   tests/postfix/run.sh MAIL_FILTER SAFEPOSTD RULES_DIR
#
# MAIL_FILTER is the built safepost-mail-filter (what master.cf names in docs/postfix.md); to test
# the `safepost mail-filter` subcommand instead, pass a one-line wrapper script that execs it.
#
# Starts a Postfix instance of its own (own config directory, queue, data and ports, on 127.0.0.1
# only) and a safepostd on a temporary socket, wires three submission listeners through the filter
# (review by header + hold, by quarantine Maildir, by redirect), delivers to Maildirs under a
# temporary directory, and sends with swaks: a clean mail, review mails in several MIME shapes, a
# blocked mail (bounced to its sender with the clause), and a mail sent while safepostd is down
# (deferred, then delivered once it is back). Stops everything it started, even on failure.
#
# Exit status: 0 passed, 1 failed, 77 skipped (not root, or Postfix/swaks cannot be installed, or
# the test's config directory cannot be authorised for a non-root sendmail); the reason is printed.
# Needs root: it installs postfix and swaks when missing (Debian), and runs the pipe as `nobody`.
# SAFEPOST_POSTFIX_KEEP=1 keeps the temporary directory for inspection.
set -uo pipefail

MAIL_FILTER=${1:?usage: run.sh MAIL_FILTER SAFEPOSTD RULES_DIR}
SAFEPOSTD=${2:?usage: run.sh MAIL_FILTER SAFEPOSTD RULES_DIR}
RULES=${3:?usage: run.sh MAIL_FILTER SAFEPOSTD RULES_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)

say() { printf '%s\n' "postfix-test: $*"; }
skip() { say "SKIP: $*"; exit 77; }
FAILED=0
fail() { say "FAIL: $*"; FAILED=1; }
ok() { say "ok: $*"; }

[ "$(id -u)" = 0 ] || skip "not running as root (the test installs postfix and swaks and runs the pipe as nobody)"
[ -x "$MAIL_FILTER" ] || { say "no executable $MAIL_FILTER"; exit 1; }
[ -x "$SAFEPOSTD" ] || { say "no executable $SAFEPOSTD"; exit 1; }

# --- Postfix and swaks, installed when missing, without starting a system-wide Postfix. ---------
CREATED_POLICY=""
install_packages() {
    command -v apt-get >/dev/null || return 1
    # A policy-rc.d that forbids starting services while the packages are set up (unless one exists).
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && CREATED_POLICY=1
    fi
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null
    local status=0
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix swaks </dev/null >/tmp/safepost-postfix-apt.log 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >>/tmp/safepost-postfix-apt.log 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix swaks </dev/null >>/tmp/safepost-postfix-apt.log 2>&1 || status=1
    fi
    if [ -n "$CREATED_POLICY" ]; then rm -f /usr/sbin/policy-rc.d; CREATED_POLICY=""; fi
    return $status
}
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null || [ ! -x /usr/sbin/sendmail ]; then
    say "installing postfix and swaks"
    install_packages || skip "postfix and swaks cannot be installed (see /tmp/safepost-postfix-apt.log)"
    # Had the package started the system's own Postfix anyway, stop it: nothing may listen on port 25.
    if [ -f /etc/postfix/main.cf ] && postfix status >/dev/null 2>&1; then
        say "stopping the system Postfix the package started"
        postfix stop >/dev/null 2>&1
    fi
fi
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

# --- A private instance. ----------------------------------------------------------------------
T=$(mktemp -d /tmp/sppf-XXXXXX)
chmod 755 "$T"
mkdir -p "$T/conf" "$T/queue" "$T/data" "$T/mail" "$T/quarantine" "$T/run" "$T/bin" "$T/etc-postfix" "$T/msg"
chown postfix "$T/data"
chown nobody "$T/mail" "$T/quarantine"
NOBODY_UID=$(id -u nobody)
NOBODY_GID=$(id -g nobody)
NOBODY_GROUP=$(id -gn nobody)
CONF="$T/conf"
SOCK="$T/run/safepost.sock"
LOG="$T/maillog"
DAEMON_PID=""
CREATED_MAIN_CF=""

start_daemon() {
    "$SAFEPOSTD" --config /dev/null --socket "$SOCK" --socket-mode 0660 --socket-group "$NOBODY_GROUP" \
        --rules "$RULES" --concerns "$T/concerns.jsonl" --threads 1 >>"$T/safepostd.log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 300); do
        [ -S "$SOCK" ] && return 0
        kill -0 "$DAEMON_PID" 2>/dev/null || break
        sleep 0.05
    done
    cat "$T/safepostd.log"; say "safepostd did not start"; exit 1
}
stop_daemon() {
    if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID"
        wait "$DAEMON_PID" 2>/dev/null
    fi
    DAEMON_PID=""
}
cleanup() {
    if [ -f "$T/queue/pid/master.pid" ]; then
        postfix -c "$CONF" stop >/dev/null 2>&1
        local master
        master=$(tr -dc 0-9 < "$T/queue/pid/master.pid" 2>/dev/null)
        for _ in $(seq 50); do
            [ -n "$master" ] && kill -0 "$master" 2>/dev/null || break
            sleep 0.1
        done
        [ -n "$master" ] && kill -0 "$master" 2>/dev/null && kill -9 "$master" 2>/dev/null
    fi
    stop_daemon
    [ -n "$CREATED_MAIN_CF" ] && rm -f /etc/postfix/main.cf
    [ -n "$CREATED_POLICY" ] && rm -f /usr/sbin/policy-rc.d
    if [ "${SAFEPOST_POSTFIX_KEEP:-}" = 1 ]; then say "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() {
    local port
    while :; do
        port=$(( 20000 + RANDOM % 40000 ))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}
PORT_HOLD=$(free_port); PORT_QUARANTINE=$(free_port); PORT_REDIRECT=$(free_port)
while [ "$PORT_QUARANTINE" = "$PORT_HOLD" ]; do PORT_QUARANTINE=$(free_port); done
while [ "$PORT_REDIRECT" = "$PORT_HOLD" ] || [ "$PORT_REDIRECT" = "$PORT_QUARANTINE" ]; do PORT_REDIRECT=$(free_port); done

# Re-injection as the filter's user: Postfix's own sendmail, pointed at this instance.
printf '#!/bin/sh\nexec /usr/sbin/sendmail -C %s "$@"\n' "$CONF" > "$T/bin/sendmail"
chmod 755 "$T/bin/sendmail"

FILTER="$MAIL_FILTER --socket $SOCK --sendmail $T/bin/sendmail --deadline 30"
sed -e "s|@T@|$T|g" -e "s|@UID@|$NOBODY_UID|g" -e "s|@GID@|$NOBODY_GID|g" "$HERE/main.cf.in" > "$CONF/main.cf"
sed -e "s|@FILTER@|$FILTER|g" -e "s|@QUARANTINE@|$T/quarantine|g" \
    -e "s|@PORT_HOLD@|$PORT_HOLD|g" -e "s|@PORT_QUARANTINE@|$PORT_QUARANTINE|g" -e "s|@PORT_REDIRECT@|$PORT_REDIRECT|g" \
    "$HERE/master.cf.in" > "$CONF/master.cf"
# The documented review hold (docs/postfix.md).
printf '/^X-SafePost-Verdict: review/ HOLD held by safepost for review\n' > "$CONF/header_checks"

postfix -c "$CONF" check > "$T/check.log" 2>&1 || { cat "$T/check.log"; say "postfix check failed"; exit 1; }

# A non-root `sendmail -C DIR` works only for a directory the default main.cf authorises
# (alternate_config_directories). The system's /etc/postfix is left alone: Postfix runs in a private
# mount namespace where /etc/postfix is a copy holding that one line. Without namespaces, a missing
# /etc/postfix/main.cf is created for the test's duration; an existing one is never edited.
cp -a /etc/postfix/. "$T/etc-postfix/" 2>/dev/null
printf '# written by safepost tests/postfix/run.sh for its private instance\nalternate_config_directories = %s\n' "$CONF" > "$T/etc-postfix/main.cf"
START_LOG="$T/start.log"
if unshare --mount --propagation private true 2>/dev/null; then
    unshare --mount --propagation private sh -c "mount --bind '$T/etc-postfix' /etc/postfix && exec postfix -c '$CONF' start" > "$START_LOG" 2>&1
    started=$?
elif [ ! -e /etc/postfix/main.cf ]; then
    cp "$T/etc-postfix/main.cf" /etc/postfix/main.cf && CREATED_MAIN_CF=1
    postfix -c "$CONF" start > "$START_LOG" 2>&1
    started=$?
else
    skip "cannot authorise $CONF for a non-root sendmail: no mount namespaces here, and /etc/postfix/main.cf exists (it is not edited)"
fi
[ "$started" = 0 ] || { cat "$START_LOG" "$LOG" 2>/dev/null; say "postfix start failed"; exit 1; }
say "Postfix instance in $T: submission with the filter on 127.0.0.1:$PORT_HOLD (header+HOLD), :$PORT_QUARANTINE (maildir), :$PORT_REDIRECT (redirect)"

start_daemon

# Waits until a file under DIR contains TEXT; prints its path.
wait_for_mail() {
    local dir=$1 text=$2 seconds=${3:-30} file
    for _ in $(seq $(( seconds * 10 ))); do
        if [ -d "$dir" ]; then
            file=$(grep -lF -- "$text" "$dir"/* 2>/dev/null | head -n1)
            [ -n "$file" ] && { echo "$file"; return 0; }
        fi
        sleep 0.1
    done
    return 1
}
wait_for_log() {
    local pattern=$1 seconds=${2:-30}
    for _ in $(seq $(( seconds * 10 ))); do
        grep -qE -- "$pattern" "$LOG" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
# The body of a message file (everything after the first empty line).
body() { sed '1,/^$/d' "$1"; }
send() {  # send PORT FROM TO FILE
    # swaks ends the DATA with CRLF . CRLF after the text, so it gets the file without its last line break.
    head -c -1 "$4" > "$T/msg/$(basename "$4")"
    swaks --silent 2 --server 127.0.0.1 --port "$1" --helo client.test --from "$2" --to "$3" \
        --data "@$T/msg/$(basename "$4")" >> "$T/swaks.log" 2>&1
}
# A message file with its folded header lines joined (for grepping a bounce's text).
unfolded() { sed -e ':a' -e 'N' -e '$!ba' -e 's/\n[ \t]\+/ /g' "$1"; }
held_count() { find "$T/queue/hold" -type f 2>/dev/null | wc -l; }

M="$HERE/messages"

# 1. A clean mail: delivered, body byte for byte, no X-SafePost header.
if send "$PORT_HOLD" tom@stonham.test friend@elsewhere.test "$M/clean.eml" &&
   got=$(wait_for_mail "$T/mail/elsewhere/friend/new" "Subject: Walk on Saturday"); then
    if cmp -s <(body "$got") <(body "$M/clean.eml"); then ok "clean mail delivered, body byte for byte"; else fail "clean mail body changed"; diff <(body "$got") <(body "$M/clean.eml") | head; fi
    grep -q '^X-SafePost' "$got" && fail "clean mail carries an X-SafePost header"
else
    fail "clean mail not delivered"
fi

# 2. Review mails, header mode: held in the hold queue by header_checks; released, they are
#    delivered with the X-SafePost headers and no matched text in them.
for shape in review-qp review-html-base64; do
    send "$PORT_HOLD" tom@stonham.test friend@elsewhere.test "$M/$shape.eml" || fail "$shape: swaks failed"
done
if wait_for_log 'held by safepost for review' 30 && for _ in $(seq 100); do [ "$(held_count)" -ge 2 ] && break; sleep 0.1; done && [ "$(held_count)" -ge 2 ]; then
    ok "review mails (quoted-printable text, base64 HTML alternative) held in the hold queue"
    postsuper -c "$CONF" -H ALL >/dev/null 2>&1
    postqueue -c "$CONF" -f
    for subject in "Subject: Open morning" "Subject: Newsletter"; do
        if got=$(wait_for_mail "$T/mail/elsewhere/friend/new" "$subject"); then
            if grep -q '^X-SafePost-Verdict: review' "$got" && grep -q '^X-SafePost-Findings: setting-name (setting-name)' "$got"; then
                ok "released '$subject' delivered with X-SafePost-Verdict: review and X-SafePost-Findings"
            else
                fail "released '$subject' lacks the X-SafePost headers"
            fi
            grep '^X-SafePost' "$got" | grep -qi 'stonham' && fail "X-SafePost headers carry matched text"
        else
            fail "released '$subject' not delivered"
        fi
    done
else
    fail "review mails were not held (hold queue: $(held_count))"
fi

# 3. Review, quarantine mode: a forwarded message (message/rfc822) filed in the quarantine Maildir.
if send "$PORT_QUARANTINE" tom@stonham.test friend@elsewhere.test "$M/review-forwarded.eml" &&
   got=$(wait_for_mail "$T/quarantine/new" "Subject: Fwd: Parents evening"); then
    if grep -q '^X-SafePost-Verdict: review' "$got" && grep -q '^X-SafePost-Recipients: friend@elsewhere.test' "$got"; then
        ok "forwarded review mail quarantined in the Maildir with the envelope headers"
    else
        fail "quarantined mail lacks the X-SafePost headers"
    fi
    [ -z "$(ls -A "$T/quarantine/tmp")" ] || fail "quarantine tmp/ not empty"
    wait_for_mail "$T/mail/elsewhere/friend/new" "Subject: Fwd: Parents evening" 2 >/dev/null && fail "quarantined mail was delivered too"
else
    fail "forwarded review mail not quarantined"
fi

# 4. Review, redirect mode: a Windows-1252 mail goes to the review address, not the recipient.
if send "$PORT_REDIRECT" tom@stonham.test friend@elsewhere.test "$M/review-cp1252.eml" &&
   got=$(wait_for_mail "$T/mail/stonham/review/new" "Subject: Caf"); then
    if grep -q '^X-SafePost-Verdict: redirected-for-review' "$got" && grep -q '^X-SafePost-Recipients: friend@elsewhere.test' "$got" &&
       cmp -s <(body "$got") <(body "$M/review-cp1252.eml"); then
        ok "Windows-1252 review mail redirected to the review address, body unchanged"
    else
        fail "redirected mail lacks X-SafePost-Recipients or its body changed"
    fi
else
    fail "review mail not redirected"
fi

# 5. A blocked mail: bounced to its sender with the 5.7.1 clause; never delivered.
if send "$PORT_HOLD" tom@stonham.test friend@elsewhere.test "$M/block.eml" &&
   bounce=$(wait_for_mail "$T/mail/stonham/tom/new" "Undelivered Mail Returned to Sender"); then
    if grep -q '^Status: 5\.7\.1' "$bounce" &&
       unfolded "$bounce" | grep -q "safepost: message blocked by the setting's policy: \"Staff and students must not mention any of the children"; then
        ok "blocked mail bounced to the sender with the 5.7.1 reason quoting the clause"
    else
        fail "bounce lacks the clause"; grep -i safepost "$bounce" | head -3
    fi
    grep -E "dsn=5\.7\.1, status=bounced \(safepost: message blocked by the setting's policy" "$LOG" >/dev/null || fail "the queue log shows no 5.7.1 bounce"
    wait_for_mail "$T/mail/elsewhere/friend/new" "Subject: Snack time" 2 >/dev/null && fail "blocked mail was delivered"
else
    fail "blocked mail not bounced to its sender"
fi

# 6. safepostd down: deferred (4.3.0), kept in the queue; delivered once it is back and the queue flushed.
stop_daemon
if send "$PORT_HOLD" tom@stonham.test friend@elsewhere.test "$M/deferred.eml" &&
   wait_for_log 'dsn=4\.3\.0, status=deferred \(safepost: message not screened' 30; then
    ok "mail deferred while safepostd is down"
    wait_for_mail "$T/mail/elsewhere/friend/new" "Subject: Cake sale" 1 >/dev/null && fail "mail delivered while safepostd was down"
    start_daemon
    postqueue -c "$CONF" -f
    if got=$(wait_for_mail "$T/mail/elsewhere/friend/new" "Subject: Cake sale" 30); then
        if cmp -s <(body "$got") <(body "$M/deferred.eml"); then ok "deferred mail delivered after safepostd came back"; else fail "deferred mail body changed"; fi
    else
        fail "deferred mail not delivered after safepostd came back"
    fi
else
    fail "mail not deferred while safepostd was down"
    start_daemon
fi

if [ "$FAILED" != 0 ]; then
    say "queue log:"; grep -E 'safepost|status=|warning|fatal|error' "$LOG" | tail -40
    say "swaks:"; tail -20 "$T/swaks.log"
    exit 1
fi
say "all passed"
