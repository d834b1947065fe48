"""What a page's templates depend on, found in their source: the render key's template hash, and
whether a page may show details of entities it reaches through other objects.

Both are read off the templates by ``render.incremental`` and the write stage, from the syntax
trees the environment kept when it compiled them (``templating.Environment.parsed``), and kept
in the build cache by the templates' sources, so a build whose templates did not change reads
nothing off them; docs/architecture.md says how they decide which pages render again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import meta, nodes

from site_builder.cache import BuildCache, digest
from site_builder.render.templating import cached_partial_names

# An entity's fields that a page naming it through another object does not show (see ``detail_readers``).
DETAILS = ("description", "source", "line")
# A briefing's fields that a page reaching it through another object (an event) does not show.
BRIEFING_DETAILS = ("body", "html", "body_line", "lines", "warnings")


@dataclass
class TemplateFacts:
    """What the write stage needs to know of the templates, read off their source once per build."""

    hashes: dict[str, bytes]  # ``template_hashes``
    entity_readers: set[str]  # ``detail_readers`` of ``DETAILS``
    briefing_readers: set[str]  # ``detail_readers`` of ``BRIEFING_DETAILS``
    body_readers: set[str]  # ``body_readers``: may show ``BRIEFING_DETAILS`` of any briefing, its own data's too


FACTS_STORE = "template-facts"


def template_facts(env: jinja2.Environment, cache: BuildCache | None = None) -> TemplateFacts:
    """The facts of the templates, from ``cache`` when it knows these sources (and globals); else
    each template parsed once at most (Jinja's parser is slow: some 0.1 s a template on a busy
    machine), none when the environment compiled it already."""
    sources = _sources(env)
    key = digest(*(part for name in sorted(sources) for part in (name, sources[name])), *sorted(env.globals))
    known = cache.store(FACTS_STORE).get(key) if cache is not None else None
    if known is not None:
        return known
    parsed = _closures(env, sources)
    facts = TemplateFacts(template_hashes(env, parsed), *_readers(env, [DETAILS, BRIEFING_DETAILS], parsed),
                          *_readers(env, [BRIEFING_DETAILS], parsed, anywhere=True))
    if cache is not None:
        cache.replace(FACTS_STORE, {key: facts})
    return facts


def template_hashes(env: jinja2.Environment, parsed: tuple | None = None) -> dict[str, bytes]:
    """For each template, a hash of its source and of every template it extends, includes or imports,
    or renders through the ``cached_partial`` global.

    A reference that cannot be followed (a name computed at render time) makes
    the template depend on all templates.
    """
    sources, closures, _ = parsed or _closures(env)
    everything = digest(*(part for name in sorted(sources) for part in (name, sources[name])))
    return {name: everything if closure is None else digest(*(part for n in sorted(closure) for part in (n, sources[n])))
            for name, closure in closures.items()}


def template_keys(templates: Iterable[str], hashes: dict[str, bytes], globals_key: bytes) -> dict[str, bytes]:
    """For each of ``templates``, the digest of its hash (``hashes``, empty when unknown) and the globals
    that a page made with it records (the write stage's ``made_with``): made once per template per build,
    before the workers fork, not once per page (benchmarks/README.md, "Body edits, sixth pass")."""
    return {template: digest(hashes.get(template, b""), globals_key) for template in templates}


# Globals that take only plain values (strings, the settings); any other callable global may read
# anything of the objects handed to it (``stix_briefing`` reads actors' descriptions).
PLAIN_GLOBALS = frozenset({"config", "url", "asset", "absolute", "cached_partial"})
# Globals that read no briefing's ``BRIEFING_DETAILS`` (the STIX bundles: titles, dates, names, claims,
# sources; tests/render/test_body_readers.py checks that a body changes none of their bytes).
BODY_FREE_GLOBALS = frozenset({"stix_briefing", "stix_site"})
_SETTINGS = frozenset({"config", "page", "self"})  # ``config.description``, ``page.description``: not an entity's


def detail_readers(env: jinja2.Environment, fields: tuple[str, ...], parsed: tuple | None = None) -> set[str]:
    """Templates that may show ``fields`` (``DETAILS`` or ``BRIEFING_DETAILS``) of an object they reach
    through another object (their pages are hashed with ``Fingerprinter(whole_entities=True)`` or
    ``whole_briefings=True``).

    A template (with everything it extends, includes or renders as a partial)
    reads details when it asks for such an attribute of anything but the
    settings or of a name the page's data gives (``x.description``,
    ``x["description"]``, ``attribute="description"``; in a partial, whose
    names are its caller's arguments, of anything), calls a global that is not known to take only plain values, or cannot be
    followed. The rule errs on the safe side: a false alarm (``chart.description``
    of a picture) only renders the page again when an entity it reaches changes.
    """
    return _readers(env, [fields], parsed or _closures(env))[0]


def body_readers(env: jinja2.Environment, parsed: tuple | None = None) -> set[str]:
    """Templates that may show ``BRIEFING_DETAILS`` (a body, its HTML) of any briefing, the page's own included.

    The rule of ``detail_readers`` without its exceptions for the page's own
    data and the settings: any such attribute asked of anything, a string of
    that name, a global other than ``PLAIN_GLOBALS`` and ``BODY_FREE_GLOBALS``,
    a template that cannot be followed. The pages of other templates (the
    listings, ``briefings.csv``, the STIX bundles) show nothing an edit of a
    body changes, so the dependency index leaves them alone on such an edit.
    """
    return _readers(env, [BRIEFING_DETAILS], parsed or _closures(env), anywhere=True)[0]


def _readers(env: jinja2.Environment, field_sets: list[tuple[str, ...]], parsed: tuple,
             anywhere: bool = False) -> list[set[str]]:
    """``detail_readers`` of each of ``field_sets``, each template's tree walked once for all;
    ``anywhere``: of anything, the page's own data and the settings included (``body_readers``)."""
    _, closures, trees = parsed
    partials = {p for tree in trees.values() if tree is not None for p in cached_partial_names(tree)}
    readers: list[set[str]] = [set() for _ in field_sets]
    for name, tree in trees.items():
        if tree is None:
            for found in readers:
                found.add(name)
            continue
        # The page's own data is hashed whole; a partial's names are whatever its caller passed.
        given = set() if name in partials or anywhere else meta.find_undeclared_variables(tree)
        pair_keys = {id(pair.key) for pair in tree.find_all(nodes.Pair)}  # {"description": ...} names a key
        asked = list(tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Const, nodes.Name)))
        for fields, found in zip(field_sets, readers):
            if any(_reads(node, env, fields, given, pair_keys, anywhere) for node in asked):
                found.add(name)
    return [{name for name, closure in closures.items() if closure is None or closure & found} for found in readers]


def _reads(node: nodes.Node, env: jinja2.Environment, fields: tuple[str, ...], given: set[str],
           pair_keys: set[int], anywhere: bool = False) -> bool:
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        asked = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        of_given = not anywhere and isinstance(node.node, nodes.Name) and (node.node.name in given
                                                                          or node.node.name in _SETTINGS)
        return asked in fields and not of_given
    if isinstance(node, nodes.Name):
        quiet = BODY_FREE_GLOBALS if fields == BRIEFING_DETAILS else ()
        return (node.ctx == "load" and node.name in env.globals and node.name not in PLAIN_GLOBALS
                and node.name not in quiet)
    return node.value in fields and id(node) not in pair_keys


def _sources(env: jinja2.Environment) -> dict[str, str]:
    return {name: env.loader.get_source(env, name)[0] for name in env.list_templates()}


def _closures(env: jinja2.Environment, sources: dict[str, str] | None = None) -> tuple[
        dict[str, str], dict[str, set[str] | None], dict[str, nodes.Template | None]]:
    """Each template's source, the templates it uses, itself included (None: not all can be
    followed), and its syntax tree (None when it has a syntax error): the tree the environment
    made when it compiled that source, if it did."""
    sources = _sources(env) if sources is None else sources
    names = list(sources)
    kept = getattr(env, "parsed", {})
    refs: dict[str, set[str] | None] = {}
    trees: dict[str, nodes.Template | None] = {}
    for name in names:
        source, compiled = sources[name], kept.get(name)
        try:
            tree = trees[name] = compiled[1] if compiled is not None and compiled[0] == source else env.parse(source)
            found = set(meta.find_referenced_templates(tree)) | cached_partial_names(tree)
        except jinja2.TemplateSyntaxError:
            trees[name], found = None, {None}
        refs[name] = None if None in found else found
    closures: dict[str, set[str] | None] = {}
    for name in names:
        closure, todo, dynamic = set(), [name], False
        while todo:
            current = todo.pop()
            if current in closure:
                continue
            closure.add(current)
            if current not in refs or refs[current] is None:
                dynamic = True
                break
            todo.extend(refs[current])
        closures[name] = None if dynamic else closure
    return sources, closures, trees
