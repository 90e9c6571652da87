"""Sealed checks and signed results, for grading pull requests with the hidden checks.

``grade seal`` packs ``solutions/`` (hidden checks, references, answer keys,
their translations) into one file encrypted and authenticated with Fernet
(AES-CBC and HMAC-SHA256, from the ``cryptography`` package); the key is the
teacher's CI secret. ``grade ci --sealed`` opens it in memory and unpacks it
into a private folder (mode 0700) outside the student's workspace, which the
sandbox never mounts; a wrong key or a changed byte is a clear error.

``grade ci`` signs its JSON result with an Ed25519 key only CI holds, and
``grade verify`` checks the signature with the public key, so a score typed
into a student's own workflow is told apart from one the grader produced.
"""

from __future__ import annotations

import base64
import io
import os
import zipfile
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from grader.course import Course
from grader.errors import CourseError, UsageError
from grader.i18n import _

SEAL_KEY = "GRADER_SEAL_KEY"
SIGNING_KEY = "GRADER_SIGNING_KEY"
MAX_SEALED_BYTES = 50 * 1024 * 1024


def new_seal_key() -> str:
    return Fernet.generate_key().decode("ascii")


def seal(course: Course, output: Path, key: str) -> int:
    """Encrypt ``solutions/`` into ``output``; the number of files sealed."""
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((course.root / "solutions").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.write(path, str(path.relative_to(course.root)))
                count += 1
    output.write_bytes(fernet(key).encrypt(buffer.getvalue()))
    return count


def fernet(key: str) -> Fernet:
    try:
        return Fernet(key.strip().encode("ascii"))
    except (ValueError, UnicodeError):
        raise CourseError(
            _("the seal key is not a valid key (make one with grade seal --new-keys)")
        ) from None


def unseal(sealed: Path, key: str, into: Path) -> Path:
    """Open ``sealed`` into the private folder ``into``; the course's solutions folder there."""
    if not key:
        raise CourseError(
            _("{path}: sealed checks need the key in {variable}").format(
                path=sealed, variable=SEAL_KEY
            )
        )
    data = sealed.read_bytes()
    if len(data) > MAX_SEALED_BYTES:
        raise CourseError(
            _("{path}: larger than a sealed course may be").format(path=sealed)
        )
    try:
        plain = fernet(key).decrypt(data)
    except InvalidToken:
        raise CourseError(
            _(
                "{path}: cannot be opened: the key is wrong or the file was changed"
            ).format(path=sealed)
        ) from None
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        for member in archive.infolist():
            parts = Path(member.filename).parts
            if member.is_dir() or not parts or parts[0] != "solutions" or ".." in parts:
                continue
            target = into.joinpath(*parts)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))
    return into / "solutions"


def sealed_course(course: Course, solutions: Path) -> Path:
    """A course folder beside ``solutions``: the base branch's exercises, the sealed solutions."""
    root = solutions.parent
    (root / "exercises").symlink_to(course.root / "exercises", target_is_directory=True)
    return root


def new_signing_key() -> tuple[str, str]:
    """A private key for CI's secret and its public key for the teacher, both base64."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    raw_public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw_private).decode(), base64.b64encode(raw_public).decode()


def sign(data: bytes, private_key: str) -> str:
    try:
        key = Ed25519PrivateKey.from_private_bytes(
            base64.b64decode(private_key.strip())
        )
    except ValueError:
        raise UsageError(
            _("{variable} does not hold a signing key").format(variable=SIGNING_KEY)
        ) from None
    return base64.b64encode(key.sign(data)).decode()


def verify(data: bytes, signature: str, public_key: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(public_key.strip(), validate=True)
        )
    except ValueError:
        raise UsageError(
            _("--public-key is not a public key printed by grade seal --new-keys")
        ) from None
    try:
        key.verify(base64.b64decode(signature.strip(), validate=True), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def signing_key() -> str:
    return os.environ.get(SIGNING_KEY, "")
