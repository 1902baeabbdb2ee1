"""Reading article files: UTF-8 text with optional YAML front matter, or HTML.

An article file is ``---`` / YAML mapping / ``---`` followed by the body. Character
offsets anywhere in positions-kg count from the first character of the body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.config import (
    DEFAULT_MAX_ARTICLE_BYTES,
    DEFAULT_MAX_HTML_ATTRIBUTES,
    DEFAULT_MAX_HTML_TAGS,
    limit_from_env,
)
from kg.errors import InputError, LimitExceededError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: Nesting of ``[``/``{`` in front matter (PyYAML recurses once per level) and its size in characters.
MAX_FRONT_MATTER_DEPTH = 20
MAX_FRONT_MATTER_CHARS = 64_000
_TAG = re.compile(r"<[A-Za-z][^<>]*")
_ATTRIBUTE = re.compile(r"""\s[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")
_SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_META_TYPES: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "outlet": str,
    "url": str,
    "published": (dt.date, str),
    "event_date": (dt.date, str),
    "language": str,
    "author": str,
    "note": str,
}


@dataclass(frozen=True)
class Article:
    """One news article: metadata and body.

    Attributes
    ----------
    path : str
        The path as given by the user (used as ``doc`` in claims).
    article_id : str
        Stable identifier: the file name without its suffix (see :func:`article_id_for`).
    body : str
        The text that character offsets refer to.
    title, outlet, url, language : str or None
        From the front matter (or HTML metadata); None when unknown.
    published : datetime.date or None
        Publication date; None when unknown.
    content_hash : str
        SHA-256 of the file's bytes, to tell a changed article from an unchanged one.
    """

    path: str
    article_id: str
    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    event_date: dt.date | None = None
    content_hash: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def date(self) -> dt.date | None:
        """The date claims from this article carry: publication date, else the reported event's date."""
        return self.published or self.event_date


def max_article_bytes() -> int:
    """The article size limit: ``KG_MAX_ARTICLE_BYTES`` or 5 MB."""
    return limit_from_env("KG_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES)


def parse_article(raw: bytes, path: str, *, max_bytes: int | None = None) -> Article:
    """Parse the bytes of an article file.

    Parameters
    ----------
    raw : bytes
        The file's content.
    path : str
        Its path, for messages and as the article's ``doc``.
    max_bytes : int, optional
        Refuse larger inputs; defaults to :func:`max_article_bytes`.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        Not UTF-8, contains NUL bytes, bad front matter, or no body text.
    LimitExceededError
        Larger than ``max_bytes``.

    Examples
    --------
    >>> a = parse_article(b"---\\ntitle: T\\npublished: 2025-04-04\\n---\\nBody text.", "x.txt")
    >>> (a.title, str(a.published), a.body)
    ('T', '2025-04-04', 'Body text.')
    """
    limit = max_article_bytes() if max_bytes is None else max_bytes
    if len(raw) > limit:
        raise LimitExceededError(
            f"{path}: article is {len(raw):,} bytes, over the limit of {limit:,} "
            "(set KG_MAX_ARTICLE_BYTES to change it)"
        )
    if b"\x00" in raw:
        raise InputError(path, "contains NUL bytes; not a text article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte {exc.start})", line=line) from exc
    text = text.removeprefix("\ufeff")
    content_hash = hashlib.sha256(raw).hexdigest()
    article_id = article_id_for(path)
    if Path(path).suffix.lower() in (".html", ".htm"):
        return _parse_html(text, path, article_id, content_hash)
    meta: dict = {}
    body = text
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _parse_front_matter(match.group(1), path)
        body = text[match.end():]
    if not body.strip():
        raise InputError(path, "article has no body text")
    return _article(path, article_id, body, meta, content_hash)


def load_article(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Article:
    """Read and parse one article file (see :func:`parse_article`).

    Only regular files (or symlinks to them) are read, and never more than the size limit
    plus one byte: a device or a FIFO is refused unread.
    """
    name = str(path)
    limit = max_article_bytes() if max_bytes is None else max_bytes
    raw = read_regular_file(name, limit, "article", "set KG_MAX_ARTICLE_BYTES to change it")
    return parse_article(raw, name, max_bytes=max_bytes)


def read_regular_file(name: str, limit: int, what: str, hint: str) -> bytes:
    """The bytes of the regular file ``name``, refused when it holds more than ``limit`` bytes.

    The file is opened without blocking (a FIFO would wait for a writer), checked to be
    a regular file on the open descriptor (no race with a rename), and read with a byte
    cap (``/dev/zero`` has size 0 and never ends).

    Raises
    ------
    InputError
        Missing, a directory, a device, FIFO or socket, or unreadable.
    LimitExceededError
        More than ``limit`` bytes.

    Examples
    --------
    >>> read_regular_file("/dev/null", 10, "article", "")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: /dev/null: not a regular file (a character device); refused unread
    """
    import stat

    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError as exc:
        raise InputError(name, f"is a directory, not an {what} file") from exc
    except FileNotFoundError as exc:
        raise InputError(name, "no such file") from exc
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(name, f"is a directory, not an {what} file")
        if not stat.S_ISREG(mode):
            kind = ("a character device" if stat.S_ISCHR(mode) else "a block device" if stat.S_ISBLK(mode)
                    else "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "special")
            raise InputError(name, f"not a regular file ({kind}); refused unread")
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    if len(raw) > limit:
        size = max(len(raw), os.stat(name).st_size if os.path.exists(name) else 0)
        raise LimitExceededError(
            f"{name}: {what} is {size:,} bytes, over the limit of {limit:,} ({hint})"
        )
    return raw


def find_articles(paths: list[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and directories into a sorted list of article files.

    Raises
    ------
    InputError
        A path does not exist, or a directory holds no article files.
    """
    found: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            inner = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
            if not inner:
                raise InputError(str(given), "directory holds no article files (.txt, .md, .html)")
            found.extend(inner)
        elif p.exists():
            found.append(p)
        else:
            raise InputError(str(given), "no such file or directory")
    return found


def article_id_for(path: str) -> str:
    """The article identifier derived from a path: its file name without suffix, made IRI-safe.

    A stem of safe ASCII (letters, digits, ``_ . -``) is the id as it is. Any other stem
    is slugged and given a short hash of the stem itself, so that file names that slug
    alike (``a b`` and ``a-b``, or any two names in a non-Latin script) keep distinct ids.
    Files of the same name in different folders are told apart at ingest (see
    :func:`kg.ingest.ingest`).

    Examples
    --------
    >>> article_id_for("seeds/articles/000_a728b89d9237dc50.txt")
    '000_a728b89d9237dc50'
    >>> article_id_for("/tmp/My Article (2).md")
    'My-Article-2-0a184b3d'
    >>> article_id_for("a b.txt") != article_id_for("a-b.txt")
    True
    >>> article_id_for("статья.txt")
    'article-1347fb28'
    """
    stem = Path(path).stem
    if _SAFE_ID.fullmatch(stem):
        return stem
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.") or "article"
    return f"{slug}-{short_hash(stem)}"


def short_hash(text: str) -> str:
    """Eight hex digits of the SHA-256 of ``text`` (to keep ids apart).

    Examples
    --------
    >>> short_hash("a b")
    'c8687a08'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def check_html_markup(html: str, path: str) -> None:
    """Refuse HTML whose markup alone would make the extraction run for minutes.

    Counts tags, and attributes per tag, with one linear scan before any parser runs.

    Raises
    ------
    LimitExceededError
        More than ``KG_MAX_HTML_TAGS`` tags, or a tag with more than ``KG_MAX_HTML_ATTRIBUTES``.

    Examples
    --------
    >>> check_html_markup('<p class="x">Text</p>', "a.html")
    >>> try:
    ...     check_html_markup("<p " + "a=1 " * 2000 + ">", "a.html")
    ... except LimitExceededError as exc:
    ...     print(str(exc)[:50])
    a.html: an HTML tag has 2,000 attributes, over the
    """
    max_tags = limit_from_env("KG_MAX_HTML_TAGS", DEFAULT_MAX_HTML_TAGS, minimum=1)
    max_attributes = limit_from_env("KG_MAX_HTML_ATTRIBUTES", DEFAULT_MAX_HTML_ATTRIBUTES, minimum=1)
    tags = 0
    for tag in _TAG.finditer(html):
        tags += 1
        if tags > max_tags:
            raise LimitExceededError(f"{path}: HTML has more than {max_tags:,} tags "
                                     "(set KG_MAX_HTML_TAGS to change it)")
        text = tag.group()
        if text.count("=") + text.count(" ") < max_attributes:
            continue  # cannot hold more attributes than that: no need to count them
        attributes = sum(1 for _ in _ATTRIBUTE.finditer(text))
        if attributes > max_attributes:
            raise LimitExceededError(f"{path}: an HTML tag has {attributes:,} attributes, over the limit of "
                                     f"{max_attributes:,} (set KG_MAX_HTML_ATTRIBUTES to change it)")


def _check_front_matter_shape(block: str, path: str) -> None:
    """Refuse front matter too large or too deeply nested for PyYAML's recursive parser."""
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise InputError(path, f"front matter is {len(block):,} characters, over the limit of "
                               f"{MAX_FRONT_MATTER_CHARS:,}", line=2)
    depth = deepest = 0
    for char in re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|#[^\n]*", "", block):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    indent = max((len(line) - len(line.lstrip(" -")) for line in block.splitlines()), default=0)
    if deepest > MAX_FRONT_MATTER_DEPTH or indent > 4 * MAX_FRONT_MATTER_DEPTH:
        raise InputError(path, f"front matter is nested deeper than {MAX_FRONT_MATTER_DEPTH} levels", line=2)


def _parse_front_matter(block: str, path: str) -> dict:
    import yaml  # only needed for files with front matter

    _check_front_matter_shape(block, path)
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the '---' line
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(path, f"front matter is not valid YAML: {problem}", line=line) from exc
    except ValueError as exc:  # PyYAML's timestamp constructor on dates like 2025-02-30
        raise InputError(path, f"front matter has an invalid value: {exc}", line=2) from exc
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a YAML mapping of key: value", line=2)
    for key, expected in _META_TYPES.items():
        value = meta.get(key)
        if value is not None and not isinstance(value, expected):
            raise InputError(path, f"front matter field '{key}' has the wrong type ({type(value).__name__})")
    return meta


def _parse_date(value: object, path: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(path, f"front matter date is not an ISO date: {value!r}") from exc


def _article(path: str, article_id: str, body: str, meta: dict, content_hash: str) -> Article:
    known = {"title", "outlet", "url", "published", "language", "event_date"}
    return Article(
        path=path,
        article_id=article_id,
        body=body,
        title=meta.get("title") or None,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        published=_parse_date(meta.get("published"), path),
        language=meta.get("language") or None,
        event_date=_parse_date(meta.get("event_date"), path),
        content_hash=content_hash,
        extra={k: v for k, v in meta.items() if k not in known},
    )


def _parse_html(html: str, path: str, article_id: str, content_hash: str) -> Article:
    check_html_markup(html, path)
    import trafilatura  # heavy; only for HTML input

    body = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not body or not body.strip():
        raise InputError(path, "no article text found in the HTML")
    md = trafilatura.extract_metadata(html)
    meta = {}
    if md is not None:
        meta = {"title": md.title, "outlet": md.sitename, "url": md.url, "published": md.date, "language": None}
    return _article(path, article_id, body, meta, content_hash)
