"""Safe EPUB containers: a zip checked against bombs, XML parsed with defusedxml, the OPF's
metadata and spine order. Readers for AO3, FanFicFare and generic EPUB build on this."""

from __future__ import annotations

import posixpath
import typing
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ficscope.errors import CorruptInputError

MAX_ENTRIES = 5000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed; text compresses ~3-10x, bombs ~1000x

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


@dataclass(frozen=True)
class SpineItem:
    href: str  # path inside the zip
    media_type: str
    properties: str = ""


@dataclass
class Epub:
    """An opened EPUB: OPF metadata (Dublin Core, by local name) and the spine in reading order."""

    path: Path
    zf: zipfile.ZipFile
    opf_path: str
    metadata: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)  # <meta name=... content=...>
    spine: list[SpineItem] = field(default_factory=list)

    def read(self, name: str) -> bytes:
        """A member's bytes, refusing oversized or bomb-like entries."""
        try:
            info = self.zf.getinfo(name)
        except KeyError as exc:
            raise CorruptInputError(
                self.path, f"EPUB lists {name!r} but does not contain it"
            ) from exc
        _check_entry(self.path, info)
        try:
            with self.zf.open(info) as handle:
                data = handle.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
            raise CorruptInputError(self.path, f"EPUB member {name!r} is corrupt: {exc}") from exc
        if len(data) > MAX_ENTRY_BYTES:
            raise CorruptInputError(self.path, f"EPUB member {name!r} is too large")
        return data

    def names(self) -> list[str]:
        return self.zf.namelist()

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> Epub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_entry(path: Path, info: zipfile.ZipInfo) -> None:
    if info.file_size > MAX_ENTRY_BYTES:
        raise CorruptInputError(
            path, f"EPUB member {info.filename!r} is too large ({info.file_size} bytes)"
        )
    if (
        info.compress_size
        and info.file_size / info.compress_size > MAX_RATIO
        and info.file_size > 1_000_000
    ):
        raise CorruptInputError(path, f"EPUB member {info.filename!r} looks like a zip bomb")


def parse_xml(data: bytes, path: Path, what: str) -> Element:
    """Parse XML with defusedxml: entity bombs and external entities are refused."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        return typing.cast(Element, root)
    except DefusedXmlException as exc:
        raise CorruptInputError(
            path, f"{what} contains forbidden XML entities ({type(exc).__name__})"
        ) from exc
    except SafeET.ParseError as exc:
        raise CorruptInputError(path, f"{what} is not well-formed XML: {exc}") from exc


def open_epub(path: Path) -> Epub:
    """Open and check an EPUB; read its OPF metadata and spine."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise CorruptInputError(path, f"not a readable EPUB (bad zip: {exc})") from exc
    try:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise CorruptInputError(path, f"EPUB has too many members ({len(infos)})")
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES:
            raise CorruptInputError(path, f"EPUB unpacks to {total} bytes: refused as a zip bomb")
        for info in infos:
            _check_entry(path, info)
        epub = Epub(path=path, zf=zf, opf_path="")
        epub.opf_path = _find_opf(epub)
        _read_opf(epub)
        return epub
    except BaseException:
        zf.close()
        raise


def _find_opf(epub: Epub) -> str:
    names = set(epub.names())
    if "META-INF/container.xml" in names:
        root = parse_xml(epub.read("META-INF/container.xml"), epub.path, "META-INF/container.xml")
        for rootfile in root.iter(f"{{{_NS['c']}}}rootfile"):
            full = rootfile.get("full-path")
            if full and full in names:
                return full
    opfs = sorted(n for n in names if n.lower().endswith(".opf"))
    if not opfs:
        raise CorruptInputError(epub.path, "EPUB has no package document (.opf)")
    return opfs[0]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_opf(epub: Epub) -> None:
    root = parse_xml(epub.read(epub.opf_path), epub.path, epub.opf_path)
    base = posixpath.dirname(epub.opf_path)
    for parent in root:
        if _local(parent.tag) == "metadata":
            for item in parent.iter():
                name = _local(item.tag)
                if name == "meta" and item.get("name"):
                    epub.meta[item.get("name", "")] = item.get("content", "")
                elif item is not parent and item.text and item.text.strip():
                    epub.metadata.setdefault(name, []).append(item.text.strip())
    manifest: dict[str, SpineItem] = {}
    for item in root.iter():
        if _local(item.tag) == "item" and item.get("id") and item.get("href"):
            href = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
            manifest[item.get("id", "")] = SpineItem(
                href, item.get("media-type", ""), item.get("properties", "")
            )
    for itemref in root.iter():
        if _local(itemref.tag) == "itemref":
            found = manifest.get(itemref.get("idref", ""))
            if found is not None and itemref.get("linear", "yes") != "no":
                epub.spine.append(found)
    if not epub.spine:
        raise CorruptInputError(epub.path, "EPUB spine lists no documents")
