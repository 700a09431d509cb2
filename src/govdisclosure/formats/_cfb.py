"""A bounded reader of OLE2 compound files (MS-CFB), the container of Word 97–2003.

A compound file is a small file system in one file: a 512-byte header, then sectors
of 512 (version 3) or 4096 bytes (version 4). The FAT, an array of sector numbers
kept in sectors the header and the DIFAT list, chains each stream's sectors; streams
shorter than the cutoff (4096 bytes) live in 64-byte mini sectors inside the root
entry's stream, chained by the MiniFAT; the directory (128-byte entries, itself a
chain of sectors) names them, each storage's children a red-black tree of siblings.

:class:`CompoundFile` reads the streams at the top level of the file (a Word
document's ``WordDocument``, ``1Table``, ``0Table``), not those inside storages (an
embedded object's, under ``ObjectPool``). Everything is bounded by the file: a chain
that loops, a sector beyond the end of the file, a stream that declares more bytes
than its chain holds, a directory tree that refers to itself raise
:class:`~govdisclosure.ParseError`, never a hang.
"""

from __future__ import annotations

import struct
from typing import Final

from govdisclosure.errors import ParseError

__all__ = ["SIGNATURE", "CompoundFile"]

SIGNATURE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAXREGSECT: Final = 0xFFFFFFFA
_ENDOFCHAIN: Final = 0xFFFFFFFE
_FREESECT: Final = 0xFFFFFFFF
_NOSTREAM: Final = 0xFFFFFFFF
_HEADER_DIFAT: Final = 109
_STREAM: Final = 2
_ROOT: Final = 5


def _broken(what: str) -> ParseError:
    return ParseError(f"not a readable compound file (OLE2): {what}")


class CompoundFile:
    """The top-level streams of the compound file ``data``.

    >>> CompoundFile(SIGNATURE + bytes(504))
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ParseError: not a readable compound file (OLE2): byte order mark 0x0000, not 0xFFFE
    """

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(SIGNATURE):
            msg = "no compound file header (OLE2)"
            raise _broken(msg)
        self._data = data
        (major, order, shift, mini_shift) = struct.unpack_from("<4H", data, 26)
        if order != 0xFFFE:
            msg = f"byte order mark 0x{order:04X}, not 0xFFFE"
            raise _broken(msg)
        if (major, shift) not in {(3, 9), (4, 12)} or mini_shift != 6:
            msg = f"version {major} with sectors of 2**{shift} and mini sectors of 2**{mini_shift} bytes"
            raise _broken(msg)
        self._size = 1 << shift
        # sectors wholly or partly in the file (a last sector cut short is read as far
        # as it goes: a stream that needs more is refused)
        self._count = max(0, (len(data) - self._size + self._size - 1) // self._size)
        (n_fat, first_dir, _, self._cutoff, first_minifat, n_minifat, first_difat, n_difat) = (
            struct.unpack_from("<8I", data, 44)
        )
        self._fat = self._read_fat(n_fat, first_difat, n_difat)
        entries = self._chain_bytes(first_dir, "the directory")
        if len(entries) < 128:
            msg = "no directory"
            raise _broken(msg)
        self._entries = [entries[i : i + 128] for i in range(0, len(entries) - 127, 128)]
        root = self._entries[0]
        if root[66] != _ROOT:
            msg = "the first directory entry is not the root"
            raise _broken(msg)
        root_start, root_size = self._start_size(root)
        self._mini = b""
        self._minifat: tuple[int, ...] = ()
        if root_size:
            self._mini = self._stream_bytes(root_start, root_size, "the mini stream")
            if n_minifat:
                raw = self._chain_bytes(first_minifat, "the MiniFAT")
                self._minifat = struct.unpack_from(f"<{len(raw) // 4}I", raw)
        self._top = self._children(root)

    # ------------------------------------------------------------------ the FAT
    def _sector(self, n: int) -> bytes:
        at = (n + 1) * self._size
        return self._data[at : at + self._size]

    def _read_fat(self, n_fat: int, first_difat: int, n_difat: int) -> tuple[int, ...]:
        if n_fat > self._count:
            msg = f"{n_fat} FAT sectors in a file of {self._count} sectors"
            raise _broken(msg)
        where = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", self._data, 76))
        per = self._size // 4 - 1
        seen: set[int] = set()
        sector = first_difat
        while len(where) < n_fat and sector <= _MAXREGSECT:
            if sector in seen or sector >= self._count or len(seen) > n_difat:
                msg = "the DIFAT chain loops or leaves the file"
                raise _broken(msg)
            seen.add(sector)
            raw = self._sector(sector)
            if len(raw) < self._size:
                msg = "the DIFAT is cut short"
                raise _broken(msg)
            *listed, sector = struct.unpack_from(f"<{per + 1}I", raw)
            where.extend(listed)
        fat: list[int] = []
        for n in where[:n_fat]:
            if n >= self._count:
                msg = f"FAT sector {n} beyond the end of the file ({self._count} sectors)"
                raise _broken(msg)
            raw = self._sector(n)
            fat.extend(struct.unpack_from(f"<{len(raw) // 4}I", raw))
        return tuple(fat)

    def _chain(self, start: int, table: tuple[int, ...], count: int, what: str) -> list[int]:
        """The sectors of the chain from ``start`` in ``table`` (of ``count`` sectors)."""
        out: list[int] = []
        n = start
        while n != _ENDOFCHAIN:
            if n >= count or n >= len(table):
                msg = f"{what}: sector {n} is beyond the end of the file"
                raise _broken(msg)
            if len(out) >= count:
                msg = f"{what}: its chain of sectors loops"
                raise _broken(msg)
            out.append(n)
            n = table[n]
        return out

    def _chain_bytes(self, start: int, what: str) -> bytes:
        if start in {_ENDOFCHAIN, _FREESECT}:
            return b""
        return b"".join(self._sector(n) for n in self._chain(start, self._fat, self._count, what))

    def _stream_bytes(self, start: int, size: int, what: str) -> bytes:
        if size > len(self._data):
            msg = f"{what} declares {size} bytes, more than the file's {len(self._data)}"
            raise _broken(msg)
        data = self._chain_bytes(start, what)
        if len(data) < size:
            msg = f"{what} declares {size} bytes; its sectors hold {len(data)}"
            raise _broken(msg)
        return data[:size]

    def _mini_bytes(self, start: int, size: int, what: str) -> bytes:
        count = len(self._mini) // 64
        if size > len(self._mini):
            msg = f"{what} declares {size} bytes, more than the mini stream's {len(self._mini)}"
            raise _broken(msg)
        sectors = self._chain(start, self._minifat, count, what) if size else []
        data = b"".join(self._mini[n * 64 : n * 64 + 64] for n in sectors)
        if len(data) < size:
            msg = f"{what} declares {size} bytes; its mini sectors hold {len(data)}"
            raise _broken(msg)
        return data[:size]

    # ------------------------------------------------------------- the directory
    def _start_size(self, entry: bytes) -> tuple[int, int]:
        start, low, high = struct.unpack_from("<3I", entry, 116)
        # (version 3 files may leave garbage in the high half of the size)
        return start, low if self._size == 512 else low | high << 32

    def _children(self, storage: bytes) -> dict[str, bytes]:
        """The streams among the children of ``storage``, by name."""
        out: dict[str, bytes] = {}
        seen: set[int] = set()
        todo = [struct.unpack_from("<I", storage, 76)[0]]
        while todo:
            n = todo.pop()
            if n == _NOSTREAM:
                continue
            if n >= len(self._entries) or n in seen:
                msg = "the directory's tree refers to a missing or repeated entry"
                raise _broken(msg)
            seen.add(n)
            entry = self._entries[n]
            left, right = struct.unpack_from("<2I", entry, 68)
            todo += (left, right)
            length = min(struct.unpack_from("<H", entry, 64)[0], 64)
            name = entry[: max(length - 2, 0)].decode("utf-16-le", errors="replace")
            if entry[66] == _STREAM:
                out.setdefault(name, entry)
        return out

    def names(self) -> frozenset[str]:
        """The names of the streams at the top level."""
        return frozenset(self._top)

    def stream(self, name: str) -> bytes | None:
        """The bytes of the top-level stream ``name``, ``None`` when there is none."""
        entry = self._top.get(name)
        if entry is None:
            return None
        start, size = self._start_size(entry)
        if size < self._cutoff:
            return self._mini_bytes(start, size, f"stream {name}")
        return self._stream_bytes(start, size, f"stream {name}")
