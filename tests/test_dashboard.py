"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Without /usr/bin/chromium the browser tests skip (install it with scripts/install_chromium.sh),
except under CI (CI=true), where they fail. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _api_db import build_demo_db

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
STATIC = ROOT / "src" / "newsevents" / "api" / "static"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SEED_DOC = "000_0196cf2e184cccf0.txt"


def _need(condition: bool, reason: str) -> None:
    """Skip on a developer machine, fail under CI, when a browser-test prerequisite is missing."""
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run)")
    pytest.skip(reason)


# -- the committed build matches web/ --------------------------------------------------------------


def _source_hash() -> str:
    """The hash web/scripts/stamp.mjs writes into static/build.json (same files, same order)."""
    h = hashlib.sha256()

    def walk(folder: Path) -> Iterator[Path]:
        for p in sorted(folder.iterdir(), key=lambda x: x.name):
            if p.name in ("node_modules", "dist") or p.name.startswith("."):
                continue
            if p.is_dir():
                yield from walk(p)
            elif not p.name.endswith(".md"):
                yield p

    for f in walk(WEB):
        h.update(f.relative_to(WEB).as_posix().encode() + b"\n")
        h.update(f.read_bytes())
        h.update(b"\n")
    return h.hexdigest()


def test_dashboard_build_is_current() -> None:
    assert (STATIC / "index.html").exists(), "no dashboard build in src/newsevents/api/static: run `make web`"
    assert (STATIC / "swagger" / "swagger-ui-bundle.js").exists(), "Swagger UI assets missing: run `make web`"
    info = json.loads((STATIC / "build.json").read_text())
    if not WEB.exists():
        pytest.skip("no web/ sources next to this installation")
    assert info["sources_sha256"] == _source_hash(), "web/ changed since the last build: run `make web` and commit"


def test_no_cdn_or_remote_urls_in_the_build() -> None:
    for f in [STATIC / "index.html", *(STATIC / "assets").glob("*.js"), *(STATIC / "assets").glob("*.css")]:
        text = f.read_text(encoding="utf-8", errors="replace")
        for marker in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "tile.openstreetmap", "googleapis", "fonts.gstatic"):
            assert marker not in text, f"{f.name} refers to {marker}"


# -- browser ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[str]:
    """The app on 127.0.0.1 and a free port, in a thread (uvicorn), over the demo database."""
    uvicorn = pytest.importorskip("uvicorn")
    from newsevents.api import create_app
    from newsevents.api.cli import free_port

    db = build_demo_db(tmp_path_factory.mktemp("dash-db"), seed_path)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started:
        assert time.time() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped while starting"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    _need(CHROMIUM.exists(), f"{CHROMIUM} is missing: run scripts/install_chromium.sh")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed: pip install playwright (never `playwright install`)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 950})
        pg.errors = []  # type: ignore[attr-defined]
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
        pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))  # type: ignore[attr-defined]
        outside: list[str] = []

        def route(r) -> None:  # the dashboard must need nothing but this server
            if r.request.url.startswith(server):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        pg.route("**/*", route)
        pg.outside = outside  # type: ignore[attr-defined]
        yield pg
        browser.close()


def shot(pg, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def test_dashboard_rus_prk_flow(page, server: str) -> None:
    pg = page
    pg.goto(server)
    pg.wait_for_selector("[data-testid=filterbar]")
    # explorer: filter to RUS-PRK with the filter bar
    pg.fill("input[name=pair_a]", "RUS")
    pg.fill("input[name=pair_b]", "PRK")
    pg.click("form[data-testid=filterbar] button[type=submit]")
    pg.wait_for_function("location.hash.includes('pair=RUS%2CPRK') || location.hash.includes('pair=RUS,PRK')")
    pg.wait_for_selector("table.events tbody tr")
    total = pg.inner_text("[data-testid=event-total]")
    assert int(total.split()[0]) > 0, total
    assert pg.locator("section.facet[data-facet=actor] button[data-value=RUS]").count() == 1
    shot(pg, "1-explorer-rus-prk")

    # timeline for the pair
    pg.click("nav a[data-view=timeline]")
    pg.wait_for_selector("svg[data-testid=timeline-chart] g.bar rect")
    assert "RUS" in pg.inner_text(".timeline h2") and "PRK" in pg.inner_text(".timeline h2")
    assert pg.locator("svg[data-testid=timeline-chart] g.bar").count() >= 1
    assert pg.locator("[data-testid=timeline-table] tbody tr").count() >= 1
    shot(pg, "2-timeline-rus-prk")

    # map: country outlines from world-atlas, the pair's countries shaded
    pg.click("nav a[data-view=map]")
    pg.wait_for_selector("svg[data-testid=map-chart] path.country")
    assert pg.locator("svg[data-testid=map-chart] path.country").count() > 150
    for code in ("RUS", "PRK"):
        # the outlines can render before the statistics arrive: wait for the shading, then check it
        sel = f"svg[data-testid=map-chart] path.country[data-code={code}]"
        try:
            pg.wait_for_function(
                "sel => { const e = document.querySelector(sel); return e && e.getAttribute('fill') !== '#eef0f2'; }",
                arg=sel,
                timeout=10000,
            )
        except Exception:  # the assertion below reports what the page shows
            pass
        fill = pg.get_attribute(sel, "fill")
        assert fill and fill != "#eef0f2", f"{code} is not shaded on the map ({fill})"
    shot(pg, "3-map-rus-prk")

    # network
    pg.click("nav a[data-view=network]")
    pg.wait_for_selector("svg[data-testid=network-chart] g.node")
    assert pg.locator("svg[data-testid=network-chart] g.node[data-code=RUS]").count() == 1
    shot(pg, "4-network")
    assert not pg.outside, f"the dashboard tried to reach other hosts: {pg.outside[:5]}"
    assert not pg.errors, f"errors in the page: {pg.errors[:5]}"


def test_reader_highlights_besuch_with_rus_and_prk(page, server: str) -> None:
    pg = page
    pg.goto(server + "#/article")
    pg.click(f"a[data-doc='{SEED_DOC}']")
    pg.wait_for_selector("[data-testid=article-text] .hl-trigger")
    triggers = pg.locator("[data-testid=article-text] .hl-trigger")
    found = []
    besuch = []
    for i in range(triggers.count()):
        el = triggers.nth(i)
        if el.inner_text().strip() != "Besuch":
            continue
        src = (el.get_attribute("data-source") or "").split()
        tgt = (el.get_attribute("data-target") or "").split()
        besuch.append((src, tgt))
        if "RUS" in src and "PRK" in tgt:
            found.append(el)
    shot(pg, "5-reader-seed")
    assert found, (
        "no highlighted 'Besuch' trigger with source RUS and target PRK in the seed article "
        f"(the coder gave these 'Besuch' triggers: {besuch}); the event coder must produce CONSULT RUS -> PRK"
    )
    el = found[0]
    el.scroll_into_view_if_needed()
    el.hover()
    tip = pg.wait_for_selector("[data-testid=tooltip]")
    text = tip.inner_text()
    assert "CONSULT" in text and "RUS" in text and "PRK" in text and "trigger «Besuch»" in text, text
    roles = pg.locator("[data-testid=article-text] [data-role]")
    assert roles.count() >= 2, "hovering the trigger did not outline the words supporting source and target"
    role_names = " ".join(roles.nth(i).get_attribute("data-role") or "" for i in range(roles.count()))
    assert "source" in role_names and "target" in role_names, role_names
    assert pg.locator("[data-testid=article-text] .hl-actor").count() > 0
    assert pg.locator("[data-testid=article-text] .hl-repair").count() > 0, "the cleaner's repairs are not shown"
    shot(pg, "6-reader-besuch-hover")
    assert not pg.errors, f"errors in the page: {pg.errors[:5]}"
