"""Reading bytes as text, with one clear reason when a file is not usable text."""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError

_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is honoured, UTF-16 with BOM too).

    Raises :class:`InputError` for a missing, empty, binary or mis-encoded file.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise InputError(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise InputError(str(path), "is a folder, not a file") from e
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror or e})") from e
    return decode_bytes(data, str(path))


def decode_bytes(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(name, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(name, f"not valid UTF-16 ({e.reason} at byte {e.start})") from e
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise InputError(name, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            name,
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); re-save the file as UTF-8",
        ) from e
    if not text.strip():
        raise InputError(name, "empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")
