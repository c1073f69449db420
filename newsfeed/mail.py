"""Mail transports: SMTP over one reused connection per sweep, or console/file for development.

A transport classifies every failure: ``TemporaryFailure`` (a 4xx reply, a refused or dropped
connection: try again later) or ``PermanentFailure`` (a 5xx reply: keep the reason, count a
bounce). It never decides what to do about them: the delivery sweep does.
"""

from __future__ import annotations

import smtplib
import ssl
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from email.message import Message
from pathlib import Path
from typing import Protocol, TextIO

from .config import Config


class TemporaryFailure(Exception):
    """Try again later: the server said 4xx, or could not be reached."""


class ConnectionFailure(TemporaryFailure):
    """The server cannot be reached at all: no point trying the next message now."""


class PermanentFailure(Exception):
    """The server refused this message for good (5xx)."""


class Connection(Protocol):
    def send(self, message: Message) -> None: ...


class Mailer(Protocol):
    def connect(self) -> AbstractContextManager[Connection]: ...


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
        except smtplib.SMTPAuthenticationError as exc:
            raise ConnectionFailure(f"SMTP login refused: {exc.smtp_code} {exc.smtp_error!r}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise ConnectionFailure(f"cannot reach the SMTP server {m.host}:{m.port}: {exc}") from None
        return smtp

    def send(self, message: Message) -> None:
        if self.smtp is None:
            self.smtp = self._open()
        try:
            refused = self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            self._classify(code, reply)
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code == 421:
                self.close()
            self._classify(exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            raise TemporaryFailure(f"connection lost: {exc}") from None
        else:
            if refused:
                code, reply = next(iter(refused.values()))
                self._classify(code, reply)

    @staticmethod
    def _classify(code: int, reply: bytes | str) -> None:
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        if 500 <= code < 600:
            raise PermanentFailure(f"{code} {text}")
        raise TemporaryFailure(f"{code} {text}")

    def close(self) -> None:
        if self.smtp is not None:
            with suppress(OSError, smtplib.SMTPException):
                self.smtp.quit()
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
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def send(self, message: Message) -> None:
        self.out.write(message.as_string() + "\n" + "-" * 72 + "\n")
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

    def send(self, message: Message) -> None:
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
