"""A real SMTP server for Hearth's tests (aiosmtpd), storing every accepted message in a Maildir.

Two listeners on 127.0.0.1: --port speaks plain SMTP and offers STARTTLS when --cert/--key are given;
--tls-port speaks SMTP over TLS from the first byte (implicit TLS, "SSL/TLS"). With --user/--password,
AUTH PLAIN and LOGIN are offered (also before STARTTLS: this is a test relay); a wrong password is
refused with 535 5.7.8.

Replies the tests use to check how errors reach the user:
  RCPT TO a local part starting with "reject"  -> 550 5.1.1 ... Recipient address rejected: User unknown
  MAIL FROM a local part starting with "blocked" -> 553 5.7.1 ... Sender address rejected: not permitted
  a message with a "Subject: tempfail" header   -> 451 4.3.0 Temporary local problem, try again later

Each stored message starts with X-Envelope-From and X-Envelope-To headers (the SMTP envelope, so Bcc
recipients can be checked). Prints "READY <port> <tls-port>" once both listeners answer; stops on SIGTERM.
"""
import argparse
import mailbox
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class StoringHandler:
    def __init__(self, maildir):
        self.maildir = mailbox.Maildir(maildir, create=True)
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.split("@")[0].lower().startswith("blocked"):
            return "553 5.7.1 <%s>: Sender address rejected: not permitted" % address
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].lower().startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        head = content.split(b"\r\n\r\n", 1)[0]
        if any(line.strip().lower() == b"subject: tempfail" for line in head.split(b"\r\n")):
            return "451 4.3.0 Temporary local problem, try again later"
        prefix = ("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (
            envelope.mail_from, ", ".join(envelope.rcpt_tos))).encode("utf-8")
        with self.lock:
            key = self.maildir.add(prefix + content)
        return "250 2.0.0 Ok: queued as %s" % key


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls-port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--hostname", default="smtp.hearth.test")
    args = parser.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False)

    auth = dict(authenticator=authenticator, auth_require_tls=False) if args.user else {}
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    handler = StoringHandler(args.maildir)
    plain = Controller(handler, hostname="127.0.0.1", port=args.port, server_hostname=args.hostname,
                       tls_context=context, **auth)
    controllers = [plain]
    if context is not None:
        controllers.append(Controller(handler, hostname="127.0.0.1", port=args.tls_port,
                                      server_hostname=args.hostname, ssl_context=context, **auth))
    for c in controllers:
        c.start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    print("READY %d %d" % (args.port, args.tls_port if context else 0), flush=True)
    stop.wait()
    for c in controllers:
        c.stop()


if __name__ == "__main__":
    sys.exit(main())
