"""What a published briefing may not still hold; drafts may hold anything.

``unready`` (run by the schema, per file): a ``review`` list, the placeholders
``site-builder new`` writes, the source-text marker ``ingest`` writes, no sources.
``copied_runs`` (run by the build across files): a run of ``RUN_WORDS`` words, outside
quotation marks, shared with the article the briefing was ingested from. The record
``content/.ingest/<file stem>.json`` keeps hashes of the source's runs, not its text.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from pathlib import Path

from site_builder.errors import Problem
from site_builder.content.fields import FieldReader
from site_builder.content.regular import read_regular
from site_builder.content.scaffold import (BODY_PLACEHOLDER, EXAMPLE_PLACEHOLDERS, NO_ATTRIBUTION_PLACEHOLDER,
                                          SUMMARY_PLACEHOLDER)

RECORDS = ".ingest"  # content/.ingest/<stem>.json: what ingest knows of a draft's source
RUN_WORDS = 12
MAX_RECORD = 64 * 1024 * 1024  # a record of a 2 MB source (ingest's limit) holds some 10 MB of hashes
SOURCE_MARKER = ("<!-- SOURCE TEXT: rewrite in our own words before publishing; "
                 f"check refuses copied runs of {RUN_WORDS}+ words -->")
_MARKER_START = SOURCE_MARKER[:len("<!-- SOURCE TEXT")]
# A word: letters and digits, apostrophes inside it dropped ("Moldova's" is "moldovas"); any other
# punctuation separates words ("pro-Russian" is "pro russian"), so the source and a body split alike.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Quoted passages, within a paragraph (a blank line ends an unclosed quotation).
_QUOTED = re.compile(r"“(?:[^”\n]|\n(?![ \t]*\n))*”|\"(?:[^\"\n]|\n(?![ \t]*\n))*\"")
_SPACE = re.compile(r"\s+")
_PUBLISH_HINT = "or keep 'status: draft' until it is ready"


def normalise(word: str) -> str:
    return word.replace("'", "").replace("’", "").casefold()


def _run_hash(words: list[str]) -> str:
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()


def source_runs(text: str) -> list[str]:
    """Hashes of every run of ``RUN_WORDS`` normalised words in a source text, sorted, each once."""
    words = [normalise(m.group()) for m in _WORD.finditer(text)]
    return sorted({_run_hash(words[i:i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)})


def unready(r: FieldReader, meta: dict, body: str, body_line: int, has_sources: bool) -> None:
    """Record with ``r`` why a published briefing is not ready to be published."""
    if meta.get("review"):
        r.error(("review",), "a published briefing still has a 'review' list: fields ingest could not confirm",
                hint="check each field it names against the source, then delete the 'review' line, " + _PUBLISH_HINT)
    summary = meta.get("summary")
    if isinstance(summary, str) and _SPACE.sub(" ", summary).strip() == SUMMARY_PLACEHOLDER:
        r.error(("summary",), "the summary is still the placeholder 'site-builder new' wrote",
                hint="write one or two sentences of your own: what happened, where, and who is said to be behind it")
    if not has_sources:
        r.error(("sources",) if "sources" in meta else ("status",), "a published briefing has no sources",
                hint="add at least one source under 'sources:' (publisher, title, url), " + _PUBLISH_HINT)
    statement = meta.get("no_attribution")
    if isinstance(statement, str) and _SPACE.sub(" ", statement).strip() == NO_ATTRIBUTION_PLACEHOLDER:
        r.error(("no_attribution",), "'no_attribution' still holds the example that 'site-builder new' wrote",
                hint="say in a sentence why no one is named, e.g. which platform or researcher declined to say, "
                     "or delete the line")
    for kind in ("attribution", "sources", "events"):
        entries = meta.get(kind)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            for key, value in (entry.items() if isinstance(entry, dict) else ()):
                placeholder = EXAMPLE_PLACEHOLDERS.get((kind, key))
                if placeholder is not None and isinstance(value, str) and value.strip() == placeholder:
                    r.error((kind, index, key), f"'{r.name((kind, index, key))}' still holds the example "
                            f"'{placeholder}' that 'site-builder new' wrote",
                            hint="replace it with the real value, or delete the example entry")
    flat = _SPACE.sub(" ", body)
    for sentence in _sentences(BODY_PLACEHOLDER):
        if sentence in flat:
            at = re.search(r"\s+".join(map(re.escape, sentence.split()[:2])), body)
            r.problems.append(Problem(r.path, "the body still holds the placeholder text that 'site-builder new' "
                                      f"wrote: “{sentence}”", body_line + body.count("\n", 0, at.start()),
                                      at.start() - body.rfind("\n", 0, at.start()),
                                      hint="delete it and write the briefing in your own words"))
    marker = body.find(_MARKER_START)
    if marker >= 0:
        r.problems.append(Problem(r.path, "the body is still marked as source text from ingest",
                                  body_line + body.count("\n", 0, marker), marker - body.rfind("\n", 0, marker),
                                  hint="rewrite the body in our own words, then delete the "
                                       "'<!-- SOURCE TEXT ... -->' line"))


def _sentences(text: str) -> list[str]:
    return [s if s.endswith(".") else s + "." for s in _SPACE.sub(" ", text).split(". ")]


def load_record(content_dir: Path, stem: str) -> dict | None:
    try:
        record = json.loads(read_regular(content_dir / RECORDS / f"{stem}.json", MAX_RECORD).decode("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def copied_runs(name: str, body: str, body_line: int, runs: set[str], record: str, limit: int = 5,
                what: str = "body", column: int | None = None) -> list[Problem]:
    """A problem at the start of each run of ``RUN_WORDS`` or more words ``body`` shares with the source.

    ``column``, when given, is the column of every problem (a frontmatter value: its key's).
    """
    line_starts = [0] + [m.end() for m in re.finditer("\n", body)]
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(body)]
    starts = [s for s, _ in quoted]
    tokens = []  # (start, end, word) of every word outside quotation marks; None between quoted stretches
    for m in _WORD.finditer(body):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < quoted[i][1]:
            if tokens and tokens[-1] is not None:
                tokens.append(None)
            continue
        tokens.append((m.start(), m.end(), normalise(m.group())))
    matched = []
    for i in range(len(tokens) - RUN_WORDS + 1):
        window = tokens[i:i + RUN_WORDS]
        matched.append(None not in window and _run_hash([t[2] for t in window]) in runs)
    problems: list[Problem] = []
    i = 0
    while i < len(matched):
        if not matched[i]:
            i += 1
            continue
        end = i
        while end + 1 < len(matched) and matched[end + 1]:
            end += 1
        start = tokens[i][0]
        row = bisect.bisect_right(line_starts, start) - 1
        words = body[start:tokens[end + RUN_WORDS - 1][1]].split()
        quote = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        problems.append(Problem(name, f"the {what} copies {end - i + RUN_WORDS} words in a row from the source it was "
                                      f"ingested from ({record}): “{quote}”", body_line + row,
                                column or start - line_starts[row] + 1,
                                hint=f"rewrite this passage in our own words (no run of {RUN_WORDS} or more words may "
                                     "match the source), or put a short quotation in quotation marks and say who said it"))
        i = end + 1
    if len(problems) > limit:
        more = len(problems) - limit
        problems = problems[:limit] + [Problem(name, f"… and {more} more copied passage{'s' if more != 1 else ''}",
                                               body_line, 1, hint="rewrite the whole body in our own words")]
    return problems


def copy_problems(briefings, content_dir: Path) -> list[Problem]:
    """Copied runs in every published briefing that has an ingest record (matched by file name)."""
    folder = content_dir / RECORDS
    if not folder.is_dir():
        return []
    have = {path.stem for path in folder.glob("*.json")}
    problems: list[Problem] = []
    for b in briefings:
        stem = Path(b.source).stem
        if b.is_draft or stem not in have:
            continue
        record = load_record(content_dir, stem)
        runs = record.get("runs") if record else None
        if isinstance(runs, list) and runs:
            where = f"{RECORDS}/{stem}.json"
            problems += copied_runs(b.source, b.summary, b.lines.get("summary", 1), set(runs), where,
                                    what="summary", column=1)
            problems += copied_runs(b.source, b.body, b.body_line, set(runs), where)
    return problems

