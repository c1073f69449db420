"""Mail transports: SMTP over one reused connection per sweep, or console/file for development.

A transport classifies every failure: ``TemporaryFailure`` (a 4xx reply, a refused or dropped
connection: try again later; ``ConnectionFailure`` when the server cannot be reached at all;
``NeedsSMTPUTF8`` when the recipient's address has non-ASCII characters before the @ and the
server does not offer SMTPUTF8) or ``PermanentFailure`` (a 5xx reply: keep the reason, count a
bounce). It never decides what to do about them: the outbox does.

Messages go out as the bytes :meth:`newsfeed.render.messages.Email.as_bytes` writes, with the envelope
recipient in ASCII whenever the address has an ASCII form (its domain in punycode), and with
``SMTPUTF8`` (and ``BODY=8BITMIME``) only when it has none.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from newsfeed.config import Config

if TYPE_CHECKING:
    from newsfeed.render.messages import Email


class TemporaryFailure(Exception):
    """Try again later: the server said 4xx, or could not be reached."""


class ConnectionFailure(TemporaryFailure):
    """The server cannot be reached at all: no point trying the next message now."""


class NeedsSMTPUTF8(TemporaryFailure):
    """The address has non-ASCII characters before the @ and this server does not offer SMTPUTF8."""


class PermanentFailure(Exception):
    """The server refused this message for good (5xx)."""


class MessageTooLarge(PermanentFailure):
    """The server refused the message for its size (552 or 5.3.4): the sender's failure, which
    the subscriber's address has nothing to do with (not a bounce)."""


class Pending(Protocol):
    """A message handed over up to its last step (over SMTP: everything but the final ".")."""

    def commit(self) -> None:
        """The last step: from here on the server may deliver it."""

    def abort(self) -> None:
        """Never deliver it (over SMTP the connection is dropped: the server discards it)."""

    def wait(self) -> None:
        """After ``commit``: the server's answer; returns when it took it, raises the failure."""


class Connection(Protocol):
    def send(self, message: Email) -> None: ...

    def start(self, message: Email) -> Pending:
        """Hand the message over, all but its last step, and return: the sender records the
        previous message meanwhile, then ``commit()``s this one, prepares the next one while the
        server works, and reads the answer with ``wait()`` before anything else is sent."""
        ...


class Mailer(Protocol):
    def connect(self) -> AbstractContextManager[Connection]: ...


class Deferred:
    """For transports with nothing to wait for: the message is written at ``commit``."""

    def __init__(self, write: Callable[[], None]) -> None:
        self.write = write

    def commit(self) -> None:
        self.write()

    def abort(self) -> None:
        return None

    def wait(self) -> None:
        return None


_LEADING_DOT = re.compile(rb"(?m)^\.")
_UNSAFE = re.compile(r"[\x00-\x20<>\x7f]")


class _SMTPPending:
    def __init__(self, connection: _SMTPConnection, smtp: smtplib.SMTP) -> None:
        self.connection = connection
        self.smtp = smtp

    def commit(self) -> None:
        with self.connection.classified():
            self.smtp.send(b".\r\n")

    def abort(self) -> None:
        self.connection.drop()

    def wait(self) -> None:
        with self.connection.classified():
            code, reply = self.smtp.getreply()
            if code != 250:
                if code == 421:
                    self.connection.close()
                self.connection.classify(code, reply)


class _SMTPConnection:
    def __init__(self, mailer: SMTPMailer) -> None:
        self.mailer = mailer
        self.smtp: smtplib.SMTP | None = None

    def _open(self) -> smtplib.SMTP:
        m = self.mailer
        try:
            if m.security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    m.host, m.port, timeout=m.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(m.host, m.port, timeout=m.timeout)
                if m.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if m.username:
                smtp.login(m.username, m.password)
            smtp.ehlo_or_helo_if_needed()
            if smtp.sock is not None:
                # The final "." goes out on its own once the previous message is recorded: without
                # this, Nagle's algorithm holds it until the server acknowledges the content.
                smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except smtplib.SMTPAuthenticationError as exc:
            raise ConnectionFailure(f"SMTP login refused: {exc.smtp_code} {exc.smtp_error!r}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise ConnectionFailure(f"cannot reach the SMTP server {m.host}:{m.port}: {exc}") from None
        return smtp

    def send(self, message: Email) -> None:
        pending = self.start(message)
        pending.commit()
        pending.wait()

    def start(self, message: Email) -> Pending:
        """MAIL, RCPT, DATA and the content: all but the final ".", which ``commit`` sends."""
        if self.smtp is None:
            self.smtp = self._open()
        smtp = self.smtp
        options: list[str] = []
        if message.needs_smtputf8:
            if not smtp.has_extn("smtputf8"):
                raise NeedsSMTPUTF8(
                    f"{message.recipient}: the mail server does not accept addresses with non-ASCII "
                    "characters before the @ (it offers no SMTPUTF8); kept until it does"
                )
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        for address in (message.sender, message.recipient):
            if _UNSAFE.search(address):  # checked when stored; never let a line break through
                raise PermanentFailure(f"{address!r} cannot be written in an SMTP command")
        smtp.command_encoding = "utf-8" if options else "ascii"
        extra = "".join(f" {option}" for option in options)
        with self.classified():
            self._step(*smtp.docmd("mail", f"FROM:<{message.sender}>{extra}"), expect=250)
            self._step(*smtp.docmd("rcpt", f"TO:<{message.recipient}>"), expect=(250, 251))
            self._step(*smtp.docmd("data"), expect=354)
            data = message.as_bytes()
            if data.startswith(b".") or b"\n." in data:  # never in what Email writes, but be sure
                data = _LEADING_DOT.sub(b"..", data)
            if not data.endswith(b"\r\n"):
                data += b"\r\n"
            smtp.send(data)
        return _SMTPPending(self, smtp)

    def _step(self, code: int, reply: bytes, *, expect: int | tuple[int, ...]) -> None:
        if code == expect or (isinstance(expect, tuple) and code in expect):
            return
        if code == 421 or code == -1:
            self.close()
        elif self.smtp is not None:
            with suppress(OSError, smtplib.SMTPException):
                self.smtp.rset()
        self.classify(code, reply)

    @contextmanager
    def classified(self) -> Iterator[None]:
        """Failures of the conversation as the outbox knows them."""
        try:
            yield
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            raise TemporaryFailure(f"connection lost: {exc}") from None
        except smtplib.SMTPException as exc:  # this message, not the link
            raise TemporaryFailure(f"the mail server refused this message: {exc}") from None

    @staticmethod
    def classify(code: int, reply: bytes | str) -> None:
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        # RFC 5321 552 is "exceeded storage allocation": read as a message too large (RFC 3463
        # 5.3.4, "message too big for system", what Postfix says) unless the server says that
        # the mailbox is full (5.2.2), which is the subscriber's.
        if "5.3.4" in text or (code == 552 and "5.2.2" not in text):
            raise MessageTooLarge(f"{code} {text}")
        if 500 <= code < 600:
            raise PermanentFailure(f"{code} {text}")
        raise TemporaryFailure(f"{code} {text}")

    def close(self) -> None:
        if self.smtp is not None:
            with suppress(OSError, smtplib.SMTPException):
                self.smtp.quit()
            self.smtp = None

    def drop(self) -> None:
        """Cut the connection in the middle of a message: the server discards what it got."""
        if self.smtp is not None:
            with suppress(OSError):
                self.smtp.close()
            self.smtp = None


class SMTPMailer:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        security: str = "none",
        username: str = "",
        password: str = "",
        timeout: float = 30.0,
    ) -> None:
        self.host, self.port, self.security = host, port, security
        self.username, self.password, self.timeout = username, password, timeout

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """One SMTP connection for many messages, opened at the first send, reopened if it drops."""
        connection = _SMTPConnection(self)
        try:
            yield connection
        finally:
            connection.close()


class _Printer:
    """Development: the headers and the text part, decoded, links intact."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self, message: Email) -> Pending:
        return Deferred(lambda: self.send(message))

    def send(self, message: Email) -> None:
        self.out.write(message.readable() + "\n" + "-" * 72 + "\n")
        self.out.flush()


class ConsoleMailer:
    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        yield _Printer(self.out or sys.stdout)


class _FileWriter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def start(self, message: Email) -> Pending:
        return Deferred(lambda: self.send(message))

    def send(self, message: Email) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = str(message["Message-ID"]).strip("<>").replace("/", "_").replace("@", "_at_")
        (self.folder / f"{name}.eml").write_bytes(message.as_bytes())


class FileMailer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        yield _FileWriter(self.folder)


def mailer_from_config(config: Config) -> Mailer:
    mail = config.mail
    if mail.transport == "smtp":
        return SMTPMailer(
            mail.smtp_host,
            mail.smtp_port,
            security=mail.security,
            username=mail.username,
            password=mail.password,
            timeout=mail.timeout,
        )
    if mail.transport == "file":
        return FileMailer(Path(mail.file_dir or Path(config.instance_path) / "mail"))
    return ConsoleMailer()
