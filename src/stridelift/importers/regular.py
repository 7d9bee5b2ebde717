"""Opening a path only if it is a regular file: what a user's folder holds is not always one.

A FIFO named ``a.fit`` would block a plain ``open`` forever and a symlink to ``/dev/zero`` would
read until memory runs out, so paths are opened without blocking and checked on the descriptor.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, Final

_KINDS: Final = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def open_regular(path: Path) -> IO[bytes] | str:
    """``path`` opened for reading if it is (or a symlink resolves to) a regular file; else why not.

    Opened without blocking and checked on the open descriptor, so a FIFO cannot hang the import,
    a symlink to ``/dev/zero`` cannot fill memory, and nothing can be swapped in between.
    """
    try:
        kind = _not_regular(os.stat(path).st_mode)  # sockets cannot even be opened: say what they are
        if kind:
            return kind
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    try:
        kind = _not_regular(os.fstat(fd).st_mode)  # what was opened, should the path have changed since
        if kind:
            os.close(fd)
            return kind
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except OSError as exc:
        os.close(fd)
        return f"cannot read file: {exc.strerror or exc}"


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')}): not read"


def read_regular(path: Path, max_bytes: int) -> bytes | str:
    """A regular file's bytes (at most ``max_bytes``, even if it grows while read), or why not."""
    fh = open_regular(path)
    if isinstance(fh, str):
        return fh
    with fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                return f"file of {size} bytes is larger than the {max_bytes}-byte cap"
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            return f"cannot read file: {exc.strerror or exc}"
    if len(data) > max_bytes:
        return f"file grew past the {max_bytes}-byte cap while it was read"
    return data
