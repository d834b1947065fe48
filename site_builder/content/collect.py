"""The content stage of a build: the whole content folder read, validated and resolved.

Every problem is collected, none raised, so ``check`` reports them all at once.
Unchanged files come from the cache; the others are parsed in worker processes.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import stat
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.cache import BuildCache, cached_map, document_key, knowledge_base_key
from site_builder.content.config import SiteConfig, load_config
from site_builder.content.desk import copy_problems
from site_builder.content.entities import ENTITY_KINDS, KnowledgeBase, load_knowledge_base
from site_builder.content.load import check_inside, markdown_files, read_document
from site_builder.content.resolve import resolve_briefings
from site_builder.content.schema import read_briefing, read_page
from site_builder.content.validate import validate_collection
from site_builder.content.yamlfile import MAX_BYTES
from site_builder.errors import Problem, SiteError
from site_builder.model import Briefing, Page


@dataclass
class Content:
    """Everything read and resolved from the content folder."""

    config: SiteConfig
    kb: KnowledgeBase
    briefings: list[Briefing]
    pages: list[Page]
    # A briefing's source -> the key of the file it was parsed from (``cache.document_key``), when it has one
    document_keys: dict[str, bytes] = field(default_factory=dict)


def read_content(content_dir: Path, base_url: str | None, today: dt.date,
                 cache: BuildCache | None = None) -> tuple[Content, list[Problem]]:
    """Load, validate and resolve everything; return the content and every problem found."""
    cache = cache or BuildCache(None)
    if not content_dir.is_dir():
        raise SiteError([Problem(str(content_dir), "content folder does not exist",
                                 hint="run from the project folder or pass --content DIR")])
    config, problems = load_config(content_dir, base_url)
    kb, kb_problems = _knowledge_base(content_dir, cache)
    problems += kb_problems
    briefings: list[Briefing] = []
    pages: list[Page] = []
    document_keys: dict[str, bytes] = {}
    for kind, found in (("briefings", briefings), ("pages", pages)):
        for (item, more), key in _read_documents(markdown_files(content_dir / kind), kind, content_dir, today, cache):
            problems += more
            if item is not None:
                found.append(item)
                if key is not None and kind == "briefings":
                    document_keys[item.source] = key
    problems += validate_collection(briefings, pages)
    problems += copy_problems(briefings, content_dir)
    _, resolve_problems = resolve_briefings(briefings, kb)
    problems += resolve_problems
    return Content(config, kb, briefings, pages, document_keys), problems


def _knowledge_base(content_dir: Path, cache: BuildCache) -> tuple[KnowledgeBase, list[Problem]]:
    """The knowledge base and its problems, parsed once per version of its files and kept pickled,
    like the documents: resolving briefings links them to fresh entities every build. (Parsing the
    YAML of a term-heavy site's 1,400 entities took a body edit some 0.3 s.)"""
    if not cache.enabled:
        return load_knowledge_base(content_dir)
    key = knowledge_base_key(os.getcwd(), content_dir / "entities", ENTITY_KINDS)
    known = cache.store(KB_STORE).get(key)
    if known is not None:
        return pickle.loads(known)
    kb, problems = load_knowledge_base(content_dir)
    cache.replace(KB_STORE, {key: pickle.dumps((kb, problems), pickle.HIGHEST_PROTOCOL)})
    return kb, problems


KB_STORE = "knowledge-base"


def _read_one(path: Path, kind: str, content_dir: Path, today: dt.date) -> tuple[Briefing | Page | None, list[Problem]]:
    doc, problems = read_document(path, content_dir)
    if doc is None:
        return None, problems
    item, more = read_briefing(doc, today) if kind == "briefings" else read_page(doc)
    return item, problems + more


def _read_documents(paths: list[Path], kind: str, content_dir: Path, today: dt.date, cache: BuildCache) -> list[tuple]:
    """Parsed briefings or pages with their problems, in ``paths`` order.

    Cached values are kept pickled: resolving fills in parsed objects, so every
    build gets fresh ones. A file outside the content folder, a link or an
    oversized file is never cached (its key is None) and always parsed.
    """
    keys: list[bytes | None] = []
    inside: dict[Path, bool] = {}
    for path in paths:
        key = None
        if cache.enabled and not path.is_symlink():
            if path.parent not in inside:
                inside[path.parent] = check_inside(path.parent, content_dir, "") is None
            if inside[path.parent]:
                try:
                    st = path.stat()
                    if stat.S_ISREG(st.st_mode) and st.st_size <= MAX_BYTES:  # a pipe or a huge file is
                        key = document_key(kind, os.getcwd(), path, today)   # refused unread, never hashed
                except OSError:
                    key = None
        keys.append(key)
    parsed = cached_map(cache, "documents-" + kind, keys, "read", lambda i: pickle.dumps(
        _read_one(paths[i], kind, content_dir, today), pickle.HIGHEST_PROTOCOL))
    cache.settle("documents-" + kind)
    return [(pickle.loads(data), key) for data, key in zip(parsed, keys)]
