"""/api/articles and /api/quotes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response

from .. import queries as Q
from ..filters import ArticleFilters, QuoteFilters
from ..models import ArticleFull, ArticlePage, QuotePage
from ..output import json_response, query_download
from ..params import Format, Page, article_filters, article_sort, quote_filters, quote_sort
from .deps import DB, Config

router = APIRouter()


@router.get("/api/articles", response_model=ArticlePage, tags=["articles"])
def list_articles(
    db: DB,
    config: Config,
    page: Page,
    fmt: Format,
    filters: ArticleFilters = Depends(article_filters),
    sort: str = Depends(article_sort),
) -> Response:
    """Stored articles with event and quote counts (downloads include the clean text)."""
    with db.cursor() as cur:
        if fmt != "json":
            sql, params = Q.articles_sql(filters, sort)
            return query_download(cur, sql, params, fmt, "articles", config.max_export_rows)
        limit, offset = page
        total, items = Q.page_articles(cur, filters, sort, limit, offset)
    return json_response({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/api/articles/{ref:path}", response_model=ArticleFull, tags=["articles"])
def get_article(
    db: DB,
    ref: str = Path(
        pattern=r"^[^\x00-\x1f]{1,500}$", description="Article id, unique id prefix or doc_id (may contain /)."
    ),
    tokens: Annotated[bool, Query(description="Include each sentence's tokens (lemma, POS, dependencies).")] = False,
    raw: Annotated[bool, Query(description="Include the text as read (the repairs' offsets point into it).")] = True,
) -> Response:
    """One article with every annotation: clean text, the cleaner's repairs (with their place in the
    clean text), captions, credits, sentences, entities, events with evidence, quotes, dates, places."""
    with db.cursor() as cur:
        article_id = Q.resolve_article(cur, ref)
        art = Q.get_article(cur, article_id, tokens=tokens) if article_id else None
    if art is None:
        raise HTTPException(404, detail=f"no article matches {ref!r}")
    if not raw:
        art.pop("raw_text", None)
    art.pop("offsets", None)
    return json_response(art)


@router.get("/api/quotes", response_model=QuotePage, tags=["quotes"])
def list_quotes(
    db: DB,
    config: Config,
    page: Page,
    fmt: Format,
    filters: QuoteFilters = Depends(quote_filters),
    sort: str = Depends(quote_sort),
) -> Response:
    """Quotations with their speaker (code, sector, name), cue and article."""
    with db.cursor() as cur:
        if fmt != "json":
            sql, params = Q.quotes_sql(filters, sort)
            return query_download(cur, sql, params, fmt, "quotes", config.max_export_rows)
        limit, offset = page
        total, items = Q.page_quotes(cur, filters, sort, limit, offset)
    return json_response({"total": total, "limit": limit, "offset": offset, "items": items})
