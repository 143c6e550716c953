"""Bytes to text: BOMs first, strict UTF-8 next, then charset-normalizer's candidates.

charset-normalizer ranks single-byte code pages by how well the decoded text fits a language
model, and on a short article that ranking is close to a coin toss between Latin code pages
(``Moscú`` read as cp775 gives ``Mosc·``). Among the candidates it finds equally clean (no
more "mess" than the cleanest), we therefore prefer Windows-1252 (a superset of Latin-1 for
printable text, and by far the most common legacy encoding of news text) unless another
candidate fits its language clearly better (a Turkish text in cp1254, Greek in cp1253, Russian
in cp1251 all stay what the detector says).
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio


class DecodeError(ValueError):
    pass


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_MESS_TOLERANCE = 0.1
_COHERENCE_MARGIN = 0.15
_SAMPLE = 64 * 1024
_TEXT_BYTES = bytes(range(32, 256)) + bytes([9, 10, 12, 13, 27])


def looks_binary(data: bytes) -> bool:
    """Control bytes that no text file carries (NUL, or many C0 controls) mean binary."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    # Deleting every allowed byte leaves the controls: counted in C, not a Python loop per byte.
    controls = len(head.translate(None, _TEXT_BYTES))
    return controls > max(4, len(head) // 100)


def _western_mess(data: bytes) -> float | None:
    try:
        sample = data[:_SAMPLE].decode("cp1252")
    except UnicodeDecodeError:
        return None
    return mess_ratio(sample, maximum_threshold=1.0)


def _guess(data: bytes) -> str | None:
    """The encoding to use for non-UTF-8 bytes, or None when nothing decodes cleanly."""
    matches = list(from_bytes(data))
    western_mess = _western_mess(data)
    if not matches:
        return "cp1252" if western_mess is not None and western_mess <= _MESS_TOLERANCE else None
    cleanest = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= cleanest + _MESS_TOLERANCE]
    top = max(clean, key=lambda m: m.coherence)
    western = [m for m in clean if any(e in _WESTERN for e in m.could_be_from_charset)]
    if western and max(m.coherence for m in western) >= top.coherence - _COHERENCE_MARGIN:
        return "cp1252"
    if not western and western_mess is not None and western_mess <= cleanest + _MESS_TOLERANCE and top.coherence <= _COHERENCE_MARGIN:
        # Too short for the detector to recognise any language: the common case wins.
        return "cp1252"
    return top.encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise DecodeError with a one-line reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark ({exc.reason} at byte {exc.start})") from exc
    if looks_binary(data):
        raise DecodeError("binary content (control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess(data)
    if encoding is None:
        raise DecodeError("undecodable bytes: no text encoding fits")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"undecodable bytes (best guess {encoding} fails: {exc})") from exc
    if "\x00" in text or "\ufffd" in text:
        raise DecodeError(f"undecodable bytes (best guess {encoding} gives replacement characters)")
    return text, encoding
