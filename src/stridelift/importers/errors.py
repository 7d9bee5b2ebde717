"""The one error the file importers raise, and the shared gate every XML input passes first."""

from __future__ import annotations

import codecs
import re
from typing import Final

from .xmldepth import MAX_XML_DEPTH, too_deep

MAX_XML_BYTES: Final = 128 * 1024 * 1024  # a 24 h ultra at 1 Hz is ~20 MB of GPX; parsed trees cost ~20x
_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECL = re.compile(r"^<\?xml[^>]*\?>")
_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class ImportFileError(ValueError):
    """An activity file could not be imported; ``str(err)`` is one line naming the file.

    ``reason`` is a short category for callers that group failures (``"unknown_format"``,
    ``"zip_bomb"``, ``"bad_gzip"``, ``"xml_dtd"``, ``"xml_depth"``, ``"bad_xml"``, ``"no_points"``,
    ``"no_timestamps"``, ``"too_large"``, FIT's own reasons such as ``"file_crc"``, ...).
    """

    def __init__(self, reason: str, message: str, name: str = "") -> None:
        line = f"{name}: {message}" if name else message
        super().__init__(" ".join(line.split()))
        self.reason = reason
        self.name = name
        self._message = message

    def __reduce__(self) -> tuple[type[ImportFileError], tuple[str, str, str]]:
        # so that errors cross process boundaries intact, like FitError
        return (ImportFileError, (self.reason, self._message, self.name))


def xml_text(data: bytes, source: str, kind: str) -> str:
    """Decode untrusted XML bytes into text that is safe to hand to ElementTree.

    Refuses DOCTYPE/ENTITY declarations outright (entity expansion, the "billion laughs"), since
    no GPX or TCX file needs them, and nesting deeper than any real file (a parser crash);
    tolerates a BOM, stray whitespace around the document and a wrong or unknown declared
    encoding (names are the only text we might lose, numbers are ASCII).
    Drops the XML declaration, since ElementTree rejects one that is not at the very start.
    """
    if len(data) > MAX_XML_BYTES:
        raise ImportFileError("too_large", f"{kind} of {len(data)} bytes is too large (limit {MAX_XML_BYTES})", source)
    text = _decode(data)
    if _DTD.search(text):
        raise ImportFileError(
            "xml_dtd", f"{kind} has a DOCTYPE/ENTITY declaration, which is refused (entity-expansion risk)", source
        )
    text = text.strip().lstrip("\ufeff").strip()
    text = _DECL.sub("", text, count=1).lstrip()
    if not text:
        raise ImportFileError("empty", f"empty {kind}: no XML in it", source)
    if "\x00" in text:
        raise ImportFileError("bad_xml", f"not a {kind}: binary data (NUL bytes)", source)
    if too_deep(text):
        raise ImportFileError(
            "xml_depth", f"{kind} nests elements more than {MAX_XML_DEPTH} deep: refused before parsing", source
        )
    return text


def _decode(data: bytes) -> str:
    stripped = data.lstrip(b" \t\r\n")
    for bom, encoding in _BOMS:
        if stripped.startswith(bom):
            return stripped[len(bom) :].decode(encoding, "replace")
    # UTF-16 without a BOM: every other byte of "<?xml" is NUL
    if stripped[:2] == b"<\x00":
        return stripped.decode("utf-16-le", "replace")
    if stripped[:2] == b"\x00<":
        return stripped.decode("utf-16-be", "replace")
    encoding = "utf-8"
    match = _DECL_ENCODING.match(stripped[:200])
    if match:
        name = match.group(1).decode("ascii")
        try:
            info = codecs.lookup(name)
        except LookupError:
            info = codecs.lookup("utf-8")
        # a declared UTF-16/32 on bytes that are plainly ASCII-compatible is a lie: keep UTF-8
        encoding = "utf-8" if info.name.startswith(("utf-16", "utf-32")) else info.name
    try:
        return stripped.decode(encoding)
    except UnicodeDecodeError:
        # files that say UTF-8 but hold Latin-1 names are common: keep the numbers, lose the accents
        return stripped.decode("utf-8" if encoding != "utf-8" else "latin-1", "replace")
