"""The web app, in-process: JSON twins, one error shape, security headers, uploads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from starlette.testclient import TestClient

from ficscope.library import Library, record_for
from ficscope.library.uploads import Uploads
from ficscope.library.web import CSP, create_app
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def client(library: Library, tmp_path: Path) -> Iterator[TestClient]:
    uploads = Uploads(library, max_bytes=4096, folder=tmp_path)
    with TestClient(create_app(library, uploads=uploads), base_url="http://127.0.0.1") as c:
        yield c


def work_id(client: TestClient, title: str) -> int:
    found = client.get("/search.json", params={"q": f'"{title}"'}).json()
    return int(next(r["id"] for r in found["results"] if r["title"] == title))


def assert_error(response: Any, status: int, *fragments: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "message"}
    assert body["error"]["status"] == status
    for fragment in fragments:
        assert fragment in body["error"]["message"]


def test_every_page_has_a_json_twin(client: TestClient) -> None:
    wid = work_id(client, "Paper Boats")
    pages = ["/search?q=boats", f"/works/{wid}", "/characters/corrin", "/upload"]
    for page in pages:
        html = client.get(page)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), (
            page
        )
        path, _, query = page.partition("?")
        by_suffix = client.get(path + ".json" + (f"?{query}" if query else ""))
        by_param = client.get(page + ("&" if query else "?") + "format=json")
        assert by_suffix.headers["content-type"] == "application/json", page
        assert by_suffix.json() == by_param.json(), page


def test_search_json_has_results_facets_and_links(client: TestClient) -> None:
    data = client.get(
        "/search.json",
        params=[("fandom", "Harbour Tales"), ("not_warning", "Major Character Death")],
    ).json()
    assert [r["title"] for r in data["results"]] == ["Lanterns at Low Tide"]
    assert data["query"]["exclude"] == [{"facet": "warning", "value": "Major Character Death"}]
    death = next(
        v for v in data["facets"]["warning"]["values"] if v["value"] == "Major Character Death"
    )
    assert death["excluded"] and "not_warning" not in death["remove_url"]
    assert data["results"][0]["url"] == f"/works/{data['results'][0]['id']}"


def test_work_json_is_the_analysis(client: TestClient) -> None:
    wid = work_id(client, "The Ferryman's Ledger")
    data = client.get(f"/works/{wid}.json").json()
    assert data["work"]["title"] == "The Ferryman's Ledger"
    assert data["analysis"]["schema"] and len(data["analysis"]["characters"]) == 3


def test_work_page_is_the_reader_with_links_to_character_pages(client: TestClient) -> None:
    wid = work_id(client, "The Ferryman's Ledger")
    page = lxml.html.document_fromstring(client.get(f"/works/{wid}").text)
    assert page.cssselect(".story span.q.sp-1")
    links = {a.text_content(): a.get("href") for a in page.cssselect("#cast a.name")}
    assert links["Corrin"] == "/characters/corrin"
    assert client.get(links["Corrin"]).status_code == 200
    assert [s.get("src") for s in page.cssselect("script")] == [
        "/static/reader.js",
        "/static/library.js",
    ]


@pytest.mark.parametrize(
    ("url", "status", "fragment"),
    [
        ("/works/999.json", 404, "no work 999"),
        ("/characters/nobody.json", 404, "no character"),
        ("/uploads/abcdefghijkl.json", 404, "no such upload"),
        ("/nothing/here.json", 404, "no such page"),
        ("/search.json?words_min=many", 400, "words_min"),
        ("/search.json?sort=sideways", 400, "unknown sort"),
        ("/static/secret.py?format=json", 404, "no such file"),
    ],
)
def test_errors_have_one_shape(client: TestClient, url: str, status: int, fragment: str) -> None:
    assert_error(client.get(url), status, fragment)


def test_html_errors_are_pages_with_the_same_message(client: TestClient) -> None:
    response = client.get("/works/999")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no work 999 in this library" in response.text


def test_wrong_method_is_refused_in_the_error_shape(client: TestClient) -> None:
    assert_error(client.delete("/search.json"), 405)


@pytest.mark.parametrize(
    "url",
    [
        "/static/../pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static/%2e%2e/reader.css",
        "/works/..%2f1",
        "/characters/..%2f..%2fetc%2fpasswd",
        "/static/reader.css%00.py",
    ],
)
def test_no_path_traversal(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "[build-system]" not in response.text and "root:" not in response.text


def test_every_response_has_the_security_headers(client: TestClient) -> None:
    for url in ("/search", "/search.json", "/static/reader.css", "/works/999", "/nope"):
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CSP, url
        assert headers["x-content-type-options"] == "nosniff"
        assert (
            "script-src 'self'" in CSP
            and "unsafe-inline" not in CSP
            and "frame-ancestors 'none'" in CSP
        )


def test_story_text_is_escaped_in_every_page(library: Library, client: TestClient) -> None:
    work = analyze_work(
        parse_text(f'Title: {PAYLOAD}\n\nChapter 1\n\n"{PAYLOAD}" said Eve.\n'),
        ("segment", "quotes"),
    )
    (stored,) = library.add([record_for(work)])
    for url in (f"/works/{stored.id}", "/search?q=alert", "/search"):
        page = lxml.html.document_fromstring(client.get(url).text)
        assert not page.cssselect("img")
        assert all(s.get("src", "").startswith("/static/") for s in page.cssselect("script")), url
        assert PAYLOAD in page.text_content(), url


def test_upload_flow_with_progress_and_result(client: TestClient) -> None:
    sent = client.post(
        "/upload.json",
        files={"file": ("../../my story.txt", b'Chapter 1\n\n"Hello there," said Kit.\n')},
        headers={"accept": "application/json"},
    )
    assert sent.status_code == 202
    job = sent.json()["job"]
    assert job["name"] == "my story.txt"  # directories dropped from the name
    client.app.state.uploads.wait(job["id"])  # type: ignore[attr-defined]
    status = client.get(sent.json()["status_url"]).json()
    assert status["state"] == "done" and status["progress"] == 1.0
    work = client.get(status["work_url"] + ".json").json()
    assert work["work"]["source_name"] == "my story.txt" and work["work"]["title"] == "my story"


def test_form_upload_redirects_to_a_status_page(client: TestClient) -> None:
    sent = client.post(
        "/upload", files={"file": ("note.txt", b"A short story.\n")}, follow_redirects=False
    )
    assert sent.status_code == 303 and sent.headers["location"].startswith("/uploads/")
    job_id = sent.headers["location"].rsplit("/", 1)[1]
    client.app.state.uploads.wait(job_id)  # type: ignore[attr-defined]
    page = client.get(sent.headers["location"])
    assert page.status_code == 200 and "Read it" in page.text


@pytest.mark.parametrize(
    ("name", "data", "status", "fragment"),
    [
        ("big.txt", b"x" * 5000, 413, "too large"),
        ("story.exe", b"MZ", 415, "not .exe"),
        ("empty.txt", b"", 400, "empty"),
    ],
)
def test_bad_uploads_are_refused_with_clear_errors(
    client: TestClient, name: str, data: bytes, status: int, fragment: str
) -> None:
    response = client.post("/upload.json", files={"file": (name, data)})
    assert_error(response, status, fragment)


def test_an_oversized_body_is_cut_off_before_parsing(client: TestClient) -> None:
    response = client.post("/upload.json", files={"file": ("huge.txt", b"x" * 200_000)})
    assert_error(response, 413, "too large")


def test_upload_without_a_file_or_as_the_wrong_type(client: TestClient) -> None:
    assert_error(
        client.post("/upload.json", data={"other": "x"}, files={"nothing": ("", b"")}),
        400,
        "no file",
    )
    assert_error(
        client.post("/upload.json", content=b"raw", headers={"content-type": "text/plain"}),
        400,
        "multipart",
    )


def test_a_file_that_cannot_be_read_fails_with_its_own_name(client: TestClient) -> None:
    sent = client.post("/upload.json", files={"file": ("binary.txt", b"\x00\x01\x02\x03" * 50)})
    job = sent.json()["job"]
    client.app.state.uploads.wait(job["id"])  # type: ignore[attr-defined]
    status = client.get(f"/uploads/{job['id']}.json").json()
    assert status["state"] == "failed"
    assert status["error"].startswith("binary.txt: ") and "binary data" in status["error"]
    assert "ficscope-upload-" not in status["error"]  # never our temporary name


def test_home_redirects_to_search(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/search"
