"""Zip submissions, unpacked without trusting the archive.

Members are written one by one below the target folder: absolute paths,
``..`` and drive letters are refused, links (symbolic or hard) are skipped,
and the number of members, each member's size and the total size are capped
while reading, whatever sizes the archive claims. Only regular files are
written, never with their stored permissions.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.errors import SubmissionError
from grader.i18n import _

MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
SKIPPED_PARTS = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints"}


@dataclass(frozen=True)
class Unpacked:
    folder: Path
    notes: tuple[str, ...]


def unpack(archive: Path, into: Path) -> Unpacked:
    """Unpack ``archive`` below ``into``; the folder that holds the submission."""
    into.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            if len(members) > MAX_MEMBERS:
                raise SubmissionError(
                    _("{name}: more than {limit} files in the archive").format(
                        name=archive.name, limit=MAX_MEMBERS
                    )
                )
            notes = extract(zipped, members, into, archive.name)
    except zipfile.BadZipFile:
        raise SubmissionError(
            _("{name}: not a readable zip archive").format(name=archive.name)
        ) from None
    except (
        OSError,
        RuntimeError,
        NotImplementedError,
        EOFError,
        ValueError,
        RecursionError,
        zlib.error,
    ) as exc:
        raise SubmissionError(
            _(
                "{name}: cannot be unpacked ({kind}); pack the exercise files again as a plain zip"
            ).format(name=archive.name, kind=type(exc).__name__)
        ) from None
    return Unpacked(single_folder(into), tuple(notes))


def extract(
    zipped: zipfile.ZipFile, members: list[zipfile.ZipInfo], into: Path, name: str
) -> list[str]:
    skipped: list[str] = []
    total = 0
    for member in members:
        target = safe_target(member.filename, into)
        if target is None or is_link(member):
            skipped.append(member.filename)
            continue
        if member.is_dir() or set(PurePosixPath(member.filename).parts) & SKIPPED_PARTS:
            continue
        total += copy_member(zipped, member, target, MAX_TOTAL_BYTES - total, name)
    if skipped:
        shown = ", ".join(sorted(skipped)[:5])
        return [
            _("{name}: left out members with unsafe paths or links: {members}").format(
                name=name, members=shown
            )
        ]
    return []


def safe_target(filename: str, into: Path) -> Path | None:
    """Where a member may go below ``into``; None for absolute paths, ``..`` or drive letters."""
    path = PurePosixPath(filename.replace("\\", "/"))
    if (
        path.is_absolute()
        or ".." in path.parts
        or (path.parts and ":" in path.parts[0])
    ):
        return None
    parts = [part for part in path.parts if part not in ("", ".")]
    return into.joinpath(*parts) if parts else None


def is_link(member: zipfile.ZipInfo) -> bool:
    """A symbolic link, or any member whose stored type is neither file nor folder."""
    kind = stat.S_IFMT(member.external_attr >> 16)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def copy_member(
    zipped: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, room: int, name: str
) -> int:
    """Copy one member, counting real bytes against the caps; the bytes written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    limit = min(MAX_MEMBER_BYTES, room)
    with zipped.open(member) as source, target.open("wb") as sink:
        while chunk := source.read(1 << 16):
            written += len(chunk)
            if written > limit:
                raise SubmissionError(
                    _(
                        "{name}: the archive unpacks to more than {limit} MB; hand in only your exercise files"
                    ).format(name=name, limit=limit // 2**20)
                )
            sink.write(chunk)
    return written


def single_folder(folder: Path) -> Path:
    """An archive of one folder (``hw3/padding.py``): that folder."""
    for _depth in range(64):
        entries = [
            entry for entry in folder.iterdir() if entry.name not in SKIPPED_PARTS
        ]
        if len(entries) != 1 or not entries[0].is_dir():
            break
        folder = entries[0]
    return folder
