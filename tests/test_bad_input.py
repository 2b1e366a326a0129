"""Bad input gets one line naming the file and the problem, exit code 2: never a traceback, never
a hang, and memory bounded. Each case runs through the installed ``ficscope`` command in a child
process whose address space is capped (so a run that read a 1 GB file or inflated a bomb would
fail with "out of memory"), and through click's CliRunner.

The hostile files are built here, small on disk: a 1 GB sparse file, zip bombs, billion-laughs
entity bombs in an EPUB's package document and in a chapter.
"""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from ficscope.cli.main import main

FICSCOPE = Path(sys.executable).parent / "ficscope"
MEMORY_LIMIT_MB = 512  # address space; a whole analysis of a seed fits in 300 MB
TIME_LIMIT_S = 60

# --- building hostile files -------------------------------------------------------------------

CONTAINER = (
    b'<?xml version="1.0"?><container version="1.0" '
    b'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    b'<rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>'
    b"</rootfiles></container>"
)
CHAPTER = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
    b'<title>One</title></head><body><h1>Chapter 1</h1><p>"Hello," she said.</p>'
    b"<p>He waved back at her.</p></body></html>"
)
LAUGHS = (
    b'<!DOCTYPE %s [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


def opf(*, title: bytes = b"Lanterns", doctype: bytes = b"", spine: bytes = b"c1") -> bytes:
    return (
        b'<?xml version="1.0"?>' + doctype + b'<package xmlns="http://www.idpf.org/2007/opf" '
        b'version="2.0" unique-identifier="id"><metadata '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>' + title + b"</dc:title>"
        b'<dc:identifier id="id">urn:x</dc:identifier><dc:language>en</dc:language></metadata>'
        b'<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>'
        b'</manifest><spine><itemref idref="' + spine + b'"/></spine></package>'
    )


def epub(path: Path, members: dict[str, bytes], *, zeros: tuple[str, int] | None = None) -> Path:
    """An EPUB with ``members``; ``zeros=(name, megabytes)`` streams a member of NUL bytes."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip")
        zf.writestr("META-INF/container.xml", CONTAINER, zipfile.ZIP_DEFLATED)
        for name, data in members.items():
            zf.writestr(name, data, zipfile.ZIP_DEFLATED)
        if zeros is not None:
            info = zipfile.ZipInfo(zeros[0])
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as handle:
                chunk = bytes(1 << 20)
                for _ in range(zeros[1]):
                    handle.write(chunk)
    return path


def good_epub(path: Path) -> Path:
    return epub(path, {"content.opf": opf(), "c1.xhtml": CHAPTER})


def lying_sizes(path: Path) -> Path:
    """A zip whose headers claim a tiny chapter that actually inflates to 30 MB."""
    epub(path, {"content.opf": opf(), "c1.xhtml": CHAPTER + b" " * (30 << 20)})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("c1.xhtml")
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header
    central = data.rfind(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_len]) == b"c1.xhtml":
            struct.pack_into("<I", data, central + 24, 1000)
            break
        central = data.rfind(b"PK\x01\x02", 0, central)
    else:
        raise AssertionError("central directory entry not found")
    path.write_bytes(bytes(data))
    return path


def many_members(path: Path) -> Path:
    members = {"content.opf": opf(), "c1.xhtml": CHAPTER}
    members.update({f"junk/{i}.txt": b"" for i in range(6000)})
    return epub(path, members)


def sparse(size: int) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        with path.open("wb") as handle:
            handle.truncate(size)  # a hole: nothing is written, nothing need be read
        return path

    return make


def write(data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


def directory(path: Path) -> Path:
    path.mkdir()
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)  # opening it for reading would block until a writer comes: a hang
    return path


def symlink_loop(path: Path) -> Path:
    path.symlink_to(path)
    return path


def truncated(path: Path) -> Path:
    data = good_epub(path).read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def corrupted(path: Path) -> Path:
    data = bytearray(good_epub(path).read_bytes())
    for i in range(200, len(data) - 200, 5):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


CASES: list[tuple[str, str, Callable[[Path], Path], str]] = [
    # (case id, file name, builder, words the message must hold)
    ("missing", "missing.txt", lambda p: p, "no such file"),
    ("directory", "stories.epub", directory, "directory"),
    ("fifo", "pipe.txt", fifo, "not a regular file"),
    ("symlink-loop", "loop.txt", symlink_loop, "cannot open"),
    ("empty", "empty.txt", write(b""), "empty"),
    ("blank", "blank.txt", write(b" \r\n\t\n\n"), "white space"),
    ("binary", "noise.bin", write(os.urandom(8192) + bytes(100)), "binary data"),
    (
        "png",
        "cover.png",
        write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(3000)),
        "binary",
    ),
    ("nul-text", "nul.txt", write(b"Chapter 1\n\nShe ran.\x00\x00\x00" * 50), "binary data"),
    (
        "broken-utf16",
        "odd.txt",
        write(b"\xff\xfe" + "Hi there".encode("utf-16-le") + b"\x00"),
        "UTF-16",
    ),
    ("1GB", "huge.txt", sparse(1 << 30), "too large"),
    ("just-over-cap", "big.txt", sparse(64 * 1024 * 1024 + 1), "too large"),
    ("under-cap-zeros", "zeros.txt", sparse(24 * 1024 * 1024), "binary data"),
    ("truncated-epub", "cut.epub", truncated, "EPUB"),
    ("corrupt-epub", "noise.epub", corrupted, ""),
    ("not-a-zip-epub", "fake.epub", write(b"PK\x03\x04" + os.urandom(5000)), "EPUB"),
    (
        "zip-bomb",
        "bomb.epub",
        lambda p: epub(p, {"content.opf": opf()}, zeros=("c1.xhtml", 200)),
        "too large",
    ),
    (
        "zip-bomb-ratio",
        "ratio.epub",
        lambda p: epub(p, {"content.opf": opf()}, zeros=("c1.xhtml", 40)),
        "zip bomb",
    ),
    ("zip-lying-sizes", "liar.epub", lying_sizes, "corrupt"),
    ("zip-many-members", "many.epub", many_members, "too many"),
    (
        "laughs-in-opf",
        "laughs-opf.epub",
        lambda p: epub(
            p,
            {"content.opf": opf(title=b"&lol9;", doctype=LAUGHS % b"package"), "c1.xhtml": CHAPTER},
        ),
        "entities",
    ),
    (
        "laughs-in-xhtml",
        "laughs-chapter.epub",
        lambda p: epub(
            p,
            {
                "content.opf": opf(),
                "c1.xhtml": CHAPTER.replace(b"?>\n", b"?>\n" + LAUGHS % b"html", 1).replace(
                    b"she said.", b"she said. &lol9;"
                ),
            },
        ),
        "entities",
    ),
    (
        "laughs-in-html",
        "laughs.html",
        write(LAUGHS % b"html" + b"<html><body><p>&lol9;</p></body></html>"),
        "entities",
    ),
    (
        "malformed-opf",
        "badopf.epub",
        lambda p: epub(p, {"content.opf": opf()[:-20], "c1.xhtml": CHAPTER}),
        "not well-formed",
    ),
    ("missing-chapter", "hollow.epub", lambda p: epub(p, {"content.opf": opf()}), "c1.xhtml"),
    (
        "empty-spine",
        "nospine.epub",
        lambda p: epub(p, {"content.opf": opf(spine=b"nothing"), "c1.xhtml": CHAPTER}),
        "spine",
    ),
]


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    _, name, build, words = request.param
    return build(tmp_path / name), words


# --- running the real command -------------------------------------------------------------------


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def _bounded_memory() -> None:
    # In the child, before exec: cap its address space. The interpreter with every library
    # ficscope loads stays well under this; reading a 1 GB file or inflating a bomb would not.
    limit = MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_cli(*args: str, timeout: float = TIME_LIMIT_S) -> Run:
    """Run the installed ``ficscope`` with bounded memory and time."""
    try:
        done = subprocess.run(
            [str(FICSCOPE), *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            preexec_fn=_bounded_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"ficscope {' '.join(args)} hung (killed after {timeout} s)")
    return Run(done.returncode, done.stdout.decode(), done.stderr.decode())


def assert_one_line_error(message: str, path: Path, words: str) -> None:
    assert "Traceback" not in message and "out of memory" not in message
    lines = message.splitlines()
    assert len(lines) == 1, message
    assert lines[0].startswith("ficscope: error: ")
    assert str(path) in lines[0]
    assert words.lower() in lines[0].lower(), lines[0]


@pytest.fixture(scope="module")
def command_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, Run]]:
    """Every case through the real command, run side by side (each run is mostly start-up)."""
    if not FICSCOPE.exists():
        pytest.skip("the ficscope command is not installed")
    base = tmp_path_factory.mktemp("bad")
    files = {}
    for case, name, build, words in CASES:
        (base / case).mkdir()
        files[case] = (build(base / case / name), words)
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = dict(
            zip(
                files,
                pool.map(lambda f: run_cli("analyze", str(f[0])), files.values()),
                strict=True,
            )
        )
    return {case: (*files[case], runs[case]) for case in files}


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_bad_input_through_the_command(
    command_runs: dict[str, tuple[Path, str, Run]], case: str
) -> None:
    path, words, run = command_runs[case]
    assert run.code == 2, run.stderr
    assert run.stdout == ""
    assert_one_line_error(run.stderr, path, words)


def test_bad_input_through_clirunner(bad_file: tuple[Path, str]) -> None:
    path, words = bad_file
    result = CliRunner().invoke(main, ["analyze", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert_one_line_error(result.stderr, path, words)


def test_bad_input_as_json_is_still_one_line(tmp_path: Path) -> None:
    path = write(os.urandom(4096))(tmp_path / "noise.bin")
    result = CliRunner().invoke(
        main, ["analyze", str(path), "--json", "-o", str(tmp_path / "o.json")]
    )
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, path, "binary")
    assert not (tmp_path / "o.json").exists()


@pytest.mark.parametrize(
    ("fmt", "make", "words"),
    [
        ("epub", write(b"Chapter 1\n\nJust text.\n"), "EPUB"),
        ("plaintext", good_epub, "binary"),
    ],
)
def test_forced_format_that_does_not_fit(
    tmp_path: Path, fmt: str, make: Callable[[Path], Path], words: str
) -> None:
    path = make(tmp_path / "story.epub")
    result = CliRunner().invoke(main, ["analyze", str(path), "--format", fmt])
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, path, words)


def test_a_good_epub_still_reads(tmp_path: Path) -> None:
    # The hostile cases are built on this file: without the hostility it is fine.
    path = good_epub(tmp_path / "good.epub")
    result = CliRunner().invoke(main, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "Lanterns" in result.stdout


def test_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    path = write(
        b"<html><body>"
        + b"<div>" * 50_000
        + b"<p>Deep.</p>"
        + b"</div>" * 50_000
        + b'<p>"Hi," she said.</p></body></html>'
    )(tmp_path / "deep.html")
    result = CliRunner().invoke(main, ["analyze", str(path)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert_one_line_error(result.stderr, path, "")
