"""Browser tests: Debian's chromium driven by Playwright, against a library server running in a
thread on 127.0.0.1 (a free port). Playwright never downloads a browser here.

Without /usr/bin/chromium these tests skip on a developer's machine and fail in CI (``CI`` set),
where scripts/test.sh installs it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (scripts/test.sh installs it with apt-get)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def handmade_works() -> list[Any]:
    """Works with declared tags to filter on (one carries Major Character Death)."""
    from ficscope.pipeline import analyze_work
    from ficscope.readers.plaintext import parse_text

    header = (
        "Title: {}\nAuthor: tester\nFandom: Harbour Tales\nRating: {}\nArchive Warning: {}\n\n"
        "Chapter 1\n\n{}\n"
    )
    works = [
        (
            "Storm over the Harbour",
            "Mature",
            "Major Character Death",
            "The storm took the last lantern. " * 20,
        ),
        (
            "Storm Lanterns",
            "General Audiences",
            "No Archive Warnings Apply",
            '"Light them all," she said. The storm passed.',
        ),
        (
            "Quiet Water",
            "General Audiences",
            "No Archive Warnings Apply",
            "Nothing happened on the quiet water.",
        ),
    ]
    return [analyze_work(parse_text(header.format(*w)), ("segment", "quotes")) for w in works]


@dataclass
class Server:
    url: str
    library: Any
    titles: dict[str, int]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import uvicorn

    from ficscope.library import Library, import_paths, record_for
    from ficscope.library.web import create_app
    from ficscope.render.sample import sample_work

    folder = tmp_path_factory.mktemp("e2e")
    library = Library(folder / "library.db")
    library.add([record_for(w) for w in handmade_works()])
    library.add([record_for(sample_work())])
    seeds = SHARED / "seeds"
    if seeds.exists():
        import_paths(library, [seeds])
    app = create_app(library, max_upload_bytes=2 * 1024 * 1024)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the library server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    rows = library.connection().execute("SELECT title, id FROM works").fetchall()
    yield Server(f"http://127.0.0.1:{port}", library, {r[0]: r[1] for r in rows})
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
    assert not errors, errors  # no script errors, no CSP violations, no failed loads
