"""The library's web app (Starlette): search, the annotated reader, character pages, uploads.

Every page has a JSON twin: the same path with ``.json`` appended, or ``?format=json``. The twin
is the data the page is rendered from. Errors have one shape, on every route, in both forms::

    {"error": {"status": 404, "title": "Not Found", "message": "no work 99 in this library"}}

Security: pages come from autoescaped templates; every response carries a strict
Content-Security-Policy (scripts and styles only from ``/static/``, no inline code, nothing from
other origins, no framing); static files are served from a fixed list of names, so no path from a
URL reaches the file system; uploads are limited in size and type; nothing a work names is ever
fetched.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ficscope.library.records import FACETS, character_urls
from ficscope.library.search import QueryError, SearchQuery, query_summary, search
from ficscope.library.store import Library
from ficscope.library.uploads import DEFAULT_MAX_BYTES, UploadError, Uploads
from ficscope.model import work_to_dict
from ficscope.render.html import STATIC_FILES, Assets, render_reader, render_template, static_text

log = logging.getLogger(__name__)

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
SITE_NAME = "ficscope library"
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_JOB = re.compile(r"[A-Za-z0-9_-]{8,40}")

Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.decode("latin-1").lower() not in SECURITY_HEADERS
                ]
                headers.extend(
                    (k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()
                )
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    pass


def wants_json(request: Request) -> bool:
    return (
        request.url.path.endswith(".json")
        or request.query_params.get("format") == "json"
        or (request.method == "POST" and "application/json" in request.headers.get("accept", ""))
    )


def error_data(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "title": HTTPStatus(status).phrase, "message": message}}


class App:
    """Request handlers over one library."""

    def __init__(self, library: Library, uploads: Uploads) -> None:
        self.library = library
        self.uploads = uploads

    # -- helpers -------------------------------------------------------------------------------

    def site(self, request: Request, q: str = "") -> dict[str, Any]:
        return {"name": SITE_NAME, "search_url": "/search", "upload_url": "/upload", "q": q}

    def assets(self, *, reader: bool = False) -> Assets:
        return Assets.linked("/static/", ("reader.css", "library.css"), ("reader.js", "library.js"))

    def page(
        self,
        request: Request,
        template: str,
        data: dict[str, Any],
        *,
        status: int = 200,
        q: str = "",
    ) -> Response:
        if wants_json(request):
            return JSONResponse(data, status_code=status)
        html = render_template(
            template, data=data, assets=self.assets().context(), site=self.site(request, q)
        )
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, status: int, message: str) -> Response:
        data = error_data(status, message)
        if wants_json(request):
            return JSONResponse(data, status_code=status)
        html = render_template(
            "error.html", data=data, assets=self.assets().context(), site=self.site(request)
        )
        return HTMLResponse(html, status_code=status)

    # -- pages ---------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        return RedirectResponse("/search", status_code=303)

    def search_page(self, request: Request) -> Response:
        params = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
        try:
            query = SearchQuery.from_params(params)
        except QueryError as exc:
            return self.error(request, 400, str(exc))
        found = search(self.library, query)
        data = self._search_data(query, found)
        return self.page(request, "search.html", data, q=query.text)

    def _search_data(self, query: SearchQuery, found: dict[str, Any]) -> dict[str, Any]:
        for item in found["results"]:
            item["url"] = f"/works/{item['id']}"
        for facet, group in found["facets"].items():
            for v in group["values"]:
                pair = (facet, v["value"])
                inc = tuple(p for p in query.include if p != pair)
                exc = tuple(p for p in query.exclude if p != pair)
                v["include_url"] = query.url("/search", include=(*inc, pair), exclude=exc)
                v["exclude_url"] = query.url("/search", include=inc, exclude=(*exc, pair))
                v["remove_url"] = query.url("/search", include=inc, exclude=exc)
        for bucket in found["words"]:
            bucket["url"] = query.url(
                "/search", words_min=bucket["min"] or None, words_max=bucket["max"]
            )
        # a chip per chosen facet value, those included first; removing one drops it from its side
        active = [
            {
                "facet": f,
                "label": FACETS[f],
                "value": v,
                "excluded": side == "exclude",
                "remove_url": query.url(
                    "/search", **{side: tuple(p for p in pairs if p != (f, v))}
                ),
            }
            for side, pairs in (("include", query.include), ("exclude", query.exclude))
            for f, v in pairs
        ]
        if query.words_min is not None or query.words_max is not None:
            active.append(
                {
                    "facet": "words",
                    "label": "Words",
                    "excluded": False,
                    "value": f"{query.words_min or 0:,}–"
                    + ("" if query.words_max is None else f"{query.words_max:,}"),
                    "remove_url": query.url("/search", words_min=None, words_max=None),
                }
            )
        links = {
            "prev": query.url("/search", page=query.page - 1) if query.page > 1 else None,
            "next": query.url("/search", page=query.page + 1)
            if query.page < found["pages"]
            else None,
            "json": query.url("/search.json", page=query.page),
            "clear": "/search",
        }
        return {"query": query_summary(query), "active": active, "links": links, **found}

    def work_page(self, request: Request) -> Response:
        work_id = int(request.path_params["work_id"])
        info = self.library.work_info(work_id)
        work = self.library.load_work(work_id) if info else None
        if info is None or work is None:
            return self.error(request, 404, f"no work {work_id} in this library")
        if wants_json(request):
            return JSONResponse({"work": info, "analysis": work_to_dict(work)})
        html = render_reader(
            work,
            assets=self.assets(),
            character_urls=character_urls(work, "/characters/"),
            site=self.site(request),
        )
        return HTMLResponse(html)

    def character_page(self, request: Request) -> Response:
        key = request.path_params["key"]
        person = self.library.character(key) if _KEY.fullmatch(key) else None
        if person is None:
            return self.error(request, 404, f"no character {key!r} in this library")
        for work in person["works"]:
            work["url"] = f"/works/{work['id']}"
            for quote in work["quotes"]:
                quote["url"] = f"/works/{work['id']}#q-{quote['start']}"
        person["search_url"] = SearchQuery(include=(("character", person["name"]),)).url("/search")
        return self.page(request, "character.html", person)

    def upload_form(self, request: Request) -> Response:
        return self.page(request, "upload.html", self._upload_info())

    def _upload_info(self) -> dict[str, Any]:
        from ficscope.library.importer import WORK_SUFFIXES

        return {
            "max_bytes": self.uploads.max_bytes,
            "max_mb": round(self.uploads.max_bytes / (1024 * 1024), 1),
            "suffixes": sorted(WORK_SUFFIXES),
            "post_url": "/upload",
        }

    async def upload(self, request: Request) -> Response:
        limit = self.uploads.max_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit + 64 * 1024:
            return self.error(
                request,
                413,
                f"the upload is too large (the limit is {self._upload_info()['max_mb']} MB)",
            )
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            return self.error(
                request, 400, "send the file as multipart/form-data in a field named 'file'"
            )
        try:
            body = await _read_limited(request, limit + 64 * 1024)
        except BodyTooLarge:
            return self.error(
                request,
                413,
                f"the upload is too large (the limit is {self._upload_info()['max_mb']} MB)",
            )

        async def replay() -> MutableMapping[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        try:
            form = await Request(request.scope, replay).form(max_files=1, max_fields=10)
        except Exception as exc:  # python-multipart's errors: a malformed body
            return self.error(request, 400, f"cannot read the upload: {exc}")
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                return self.error(request, 400, "no file chosen: send it in a field named 'file'")
            data = await upload.read()
            job = self.uploads.submit(upload.filename, data)
        except UploadError as exc:
            return self.error(request, exc.status, str(exc))
        finally:
            await form.close()
        status_url = f"/uploads/{job.id}"
        if wants_json(request):
            return JSONResponse(
                {"job": job.data(), "status_url": status_url + ".json", "page_url": status_url},
                status_code=202,
            )
        return RedirectResponse(status_url, status_code=303)

    def upload_status(self, request: Request) -> Response:
        job_id = request.path_params["job_id"]
        job = self.uploads.get(job_id) if _JOB.fullmatch(job_id) else None
        if job is None:
            return self.error(
                request, 404, "no such upload (uploads are forgotten when the server restarts)"
            )
        data = job.data()
        data["work_url"] = f"/works/{job.work_id}" if job.work_id is not None else None
        data["upload_url"] = "/upload"
        return self.page(request, "upload_status.html", data)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC_FILES:
            return self.error(request, 404, "no such file")
        return Response(
            static_text(name),
            media_type=STATIC_FILES[name],
            headers={"cache-control": "public, max-age=3600"},
        )


async def _read_limited(request: Request, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(
    library: Library, *, uploads: Uploads | None = None, max_upload_bytes: int | None = None
) -> Starlette:
    """The ASGI app serving ``library``."""
    if uploads is None:
        uploads = Uploads(library, max_bytes=max_upload_bytes or DEFAULT_MAX_BYTES)
    handlers = App(library, uploads)

    def twin(
        path: str, endpoint: Callable[..., Any], methods: list[str] | None = None
    ) -> list[Route]:
        return [
            Route(path + ".json", endpoint, methods=methods),
            Route(path, endpoint, methods=methods),
        ]

    routes = [
        Route("/", handlers.home),
        *twin("/search", handlers.search_page),
        *twin("/works/{work_id:int}", handlers.work_page),
        *twin("/characters/{key}", handlers.character_page),
        *twin("/upload", handlers.upload_form, methods=["GET"]),
        *twin("/upload", handlers.upload, methods=["POST"]),
        *twin("/uploads/{job_id}", handlers.upload_status),
        Route("/static/{name}", handlers.static),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = {404: "no such page", 405: "that method is not allowed here"}.get(
            status, HTTPStatus(status).phrase
        )
        return handlers.error(request, status, message)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        return handlers.error(request, 500, "ficscope failed on this request (see the server log)")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        uploads.close()

    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
        lifespan=lifespan,
    )
    app.state.uploads = uploads
    app.state.library = library
    return app
