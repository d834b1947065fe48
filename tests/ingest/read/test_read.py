"""Bytes to text: encodings, BOMs, line endings and the files that cannot be read."""

from __future__ import annotations

import codecs

import pytest

from site_builder.ingest.read import decode as read
from site_builder.ingest.read.decode import InputError, decode, read_source, repair_mojibake

TEXT = "CHIȘINĂU — “Quoted” text, café.\nSecond line.\n"


@pytest.mark.parametrize("raw", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.replace("\n", "\r\n").encode("utf-8"),
    TEXT.replace("\n", "\r").encode("utf-8"),
])
def test_unicode_variants_give_the_same_text(raw):
    assert decode(raw, "x.txt").text == TEXT


def test_utf16_without_bom_is_recognised():
    assert decode("Plain words here.\n".encode("utf-16-le"), "x.txt").text == "Plain words here.\n"


def test_windows_1252_and_latin_1():
    assert decode("“Café” — naïve".encode("cp1252"), "x.txt").text == "“Café” — naïve"
    assert decode("Café Zürich".encode("latin-1"), "x.txt").text == "Café Zürich"


def test_declared_charset_of_a_page_is_used():
    raw = '<html><head><meta charset="iso-8859-2"></head><body><p>Łódź</p></body></html>'.encode("iso-8859-2")
    assert "Łódź" in decode(raw, "x.html").text


def test_double_encoded_utf8_is_repaired():
    broken = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                     for b in "Babiš’s “party”".encode("utf-8"))
    assert repair_mojibake(broken) == "Babiš’s “party”"
    assert repair_mojibake("Plain text — fine") == "Plain text — fine"


def test_control_characters_and_invisible_marks_go():
    assert decode("a\x07b\u200bc\u00a0d\u00ade".encode("utf-8"), "x").text == "abc de"


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"),
    (b"   \n\r\n\t", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
])
def test_unreadable_inputs_raise_a_clear_error(raw, words):
    with pytest.raises(InputError) as caught:
        decode(raw, "article.txt")
    message = str(caught.value)
    assert message.startswith("article.txt: error:")
    assert words in message
    assert "fix:" in message


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 100)
    with pytest.raises(InputError, match="limit"):
        read_source(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_source(tmp_path)


def test_html_is_detected_by_content_or_suffix(tmp_path):
    assert decode(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page").is_html
    assert not decode(b"Just text.", "page").is_html
    path = tmp_path / "saved.htm"
    path.write_bytes(b"<p>Hello</p>")
    assert read_source(path).is_html
