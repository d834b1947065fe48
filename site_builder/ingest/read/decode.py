"""Bytes to clean text: encodings, byte-order marks, line endings, size limits.

Pages saved from browsers and text pasted from e-mail arrive as UTF-8, UTF-16
(Windows "Unicode"), Windows-1252 or Latin-1, with or without a BOM, with CRLF
or bare CR line endings, sometimes double-encoded ("â€™" for "’"). Editors
should never see a traceback for any of that: ``read_source`` returns text or
an ``InputError`` that says what is wrong and how to fix it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from site_builder.content.regular import file_kind

MAX_BYTES = 2 * 1024 * 1024  # ten times a long article's saved page; bounds memory and time

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Typical UTF-8 read as Windows-1252: "â€™" (’), "â€œ" (“), "Ã©" (é).
_MOJIBAKE = re.compile("[âÃÅÄ][\u0080-\u00ff\u2018-\u201e\u2020-\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InputError(Exception):
    """A source that cannot be ingested, with a message fit for an editor."""

    def __init__(self, source: str, message: str, hint: str = ""):
        self.source, self.message, self.hint = source, message, hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.source}: error: {self.message}"
        return text + (f"\n    fix: {self.hint}" if self.hint else "")


@dataclass
class SourceText:
    name: str
    text: str
    encoding: str
    is_html: bool


def read_source(path: Path, name: str | None = None) -> SourceText:
    """Read a file from disk; every failure becomes an ``InputError``.

    Only a regular file is read, and at most ``MAX_BYTES`` of it: the file is opened
    without blocking and looked at before any byte is read, so a FIFO, a device such
    as /dev/zero or a folder is refused at once instead of hanging or filling memory.
    """
    name = name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError(name, "is a folder, not a file", "pass the files inside it, or the folder to ingest all of them")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(name, f"is not a regular file (it is {file_kind(info.st_mode)})",
                                 "save the article into a .txt or .html file and ingest that file")
            if info.st_size > MAX_BYTES:
                raise InputError(name, f"file is {info.st_size / 1024 / 1024:.1f} MB, {_over_limit()}", _SAVE_ONLY)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                raw = handle.read(MAX_BYTES + 1)  # a file that grew since it was looked at is still cut short
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path; quote names with spaces") from None
    except PermissionError:
        raise InputError(name, "permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file: {exc.strerror or exc}", "check the path") from None
    return decode(raw, name, html_hint=path.suffix.lower() in (".html", ".htm", ".xhtml"))


_SAVE_ONLY = "save only the article (its page or its text), not a whole archive"


def _over_limit() -> str:
    return f"over the {MAX_BYTES // 1024 // 1024} MB limit for one source"


def decode(raw: bytes, name: str, html_hint: bool = False) -> SourceText:
    """Bytes to text with LF line endings; raises ``InputError`` for empty or binary data."""
    if len(raw) > MAX_BYTES:
        raise InputError(name, f"source is {_over_limit()}", _SAVE_ONLY)
    if not raw.strip():
        raise InputError(name, "file is empty", "save the article's text or page into the file first")
    text, encoding = _decode(raw)
    if text is None:
        raise InputError(name, "this is not a text or HTML file (it contains binary data)",
                         "save the article as text (.txt) or as a web page (.html), not as PDF, image or Word document")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\u00ad", "")
    text = _CONTROL.sub("", text).replace("\f", "\n")
    text = repair_mojibake(text)
    if not text.strip():
        raise InputError(name, "file holds only whitespace", "save the article's text into the file")
    head = text[:2000].lstrip().lower()
    is_html = html_hint or head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in text[:20000].lower() and "</p>" in text.lower())
    return SourceText(name, text, encoding, is_html)


def _decode(raw: bytes) -> tuple[str | None, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                return raw[len(bom):].decode(encoding, errors="replace"), encoding
    if b"\x00" in raw[:4096]:
        # UTF-16 without BOM shows a NUL in every other byte of ASCII text.
        sample = raw[:4096]
        if sample[1::2].count(0) > len(sample) // 4:
            return raw.decode("utf-16-le", errors="replace"), "utf-16-le"
        if sample[0::2].count(0) > len(sample) // 4:
            return raw.decode("utf-16-be", errors="replace"), "utf-16-be"
        return None, ""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii").lower()), declared.group(1).decode("ascii").lower()
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as Windows-1252 once ("â€™" -> "’"), only when that is clearly what happened."""
    if not _MOJIBAKE.search(text):
        return text
    fixed = _undo(text)
    if fixed is not None:
        return fixed
    # Mixed text: repair line by line where it works.
    return "\n".join((_undo(line) or line) if _MOJIBAKE.search(line) else line for line in text.split("\n"))


def _undo(text: str) -> str | None:
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))  # bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) pass through as is
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return None
