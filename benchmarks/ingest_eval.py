"""Score ``site-builder ingest`` against the hand-labelled corpus in benchmarks/ingest_corpus/.

    python -m benchmarks.ingest_eval                      # dev split (the one to tune on)
    python -m benchmarks.ingest_eval --split blind        # the held-back split, scored once at the end: never tune on it
    python -m benchmarks.ingest_eval --split all --json out.json
    python -m benchmarks.ingest_eval --cases '07_*'       # a few cases (fnmatch on the case name)
    python -m benchmarks.ingest_eval --check              # validate every label file, run nothing

Each case runs the real command, ``python -m site_builder ingest FILE --dry-run --json
--content CONTENT``, in a subprocess with a timeout (a timeout or a crash is scored as
a case where nothing was found, never a hang). Its JSON is compared with the case's
``.labels.yaml`` (format: benchmarks/ingest_corpus/README.md):

* split: the file is split right when ingest gives as many articles as the labels and
  each label's ``first_words`` open the first paragraph of one of them; "starts found"
  counts the labels whose ``first_words`` open some article's first paragraph.
* furniture: labelled furniture lines still present (as whole words) in any paragraph.
* countries, platforms: micro-averaged precision and recall; names compared without
  case or diacritics, through ``ALIASES`` (the one table of name variants).
* actors: predicted = ``actors`` + ``suggestions`` names; a label entry is found when any
  of its variants equals a prediction or one contains the other as whole words;
  ``optional_actors`` neither help nor hurt.
* published: exact ISO date; null predicted for a null label counts as right (the figure
  is over all labelled articles, with the dated and the null labels shown apart).
* targets: set equal (a missing key is wrong); accused recall: a labelled accused found
  by any ``attribution`` actor.

Labels are matched to predicted articles by their ``first_words`` (at the start of the
first paragraph, else anywhere in the article); a label found nowhere is scored with an
empty prediction, and the predictions of articles matched to no label (an entry of a
reading list taken as an article, a story cut in two) count as false positives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import html
import json
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "benchmarks" / "ingest_corpus"
SPLITS = ("dev", "blind")
TIMEOUT = 60.0

# The one table of name variants (lower case, without diacritics) -> the canonical name.
ALIASES = {
    # countries
    "czech republic": "czechia",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "america": "united states",
    "turkey": "turkiye", "republic of turkiye": "turkiye",
    "russian federation": "russia",
    "republic of moldova": "moldova",
    "south korea": "korea, republic of", "republic of korea": "korea, republic of",
    "ivory coast": "cote d'ivoire",
    "holland": "netherlands", "the netherlands": "netherlands",
    "drc": "congo, the democratic republic of the", "democratic republic of the congo": "congo, the democratic republic of the",
    "iran, islamic republic of": "iran",
    "viet nam": "vietnam",
    "taiwan, province of china": "taiwan",
    "people's republic of china": "china", "prc": "china",
    # platforms
    "twitter": "x", "x (formerly twitter)": "x", "x/twitter": "x",
    "vkontakte": "vk",
}

LABEL_KEYS = {"structure", "based_on", "articles", "furniture"}
ARTICLE_KEYS = {"first_words", "title", "publisher", "published", "updated", "countries", "platforms",
                "actors", "optional_actors", "targets", "accused"}
ACCUSED_KEYS = {"actor", "claimed_by", "confidence"}
CONFIDENCE = {"confirmed", "likely", "alleged", "disputed"}
CASE_NAME = re.compile(r"^([fbcde]?\d\d)_[a-z0-9]+(?:_[a-z0-9]+)*$")  # f01, b01, c01 ... (in dev since rounds 3-5), blind cases d01 ...


class LabelError(Exception):
    """A label file that does not fit its dump or the format; the message names the case and key."""


# --- text normalisation -------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def fold(text: str) -> str:
    """Lower case, no diacritics, straight quotes, one space between words."""
    text = unicodedata.normalize("NFKD", str(text).translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def words(text: str) -> str:
    """``fold`` with punctuation turned into spaces: for whole-word comparisons."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def canonical(name: str) -> str:
    key = fold(name).strip(" .")
    return ALIASES.get(key, key)


def contains_words(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words (both already ``words``-folded)."""
    return bool(needle) and f" {needle} " in f" {haystack} "


def names_match(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    return canonical(a) == canonical(b) or wa == wb or contains_words(wa, wb) or contains_words(wb, wa)


# --- labels ---------------------------------------------------------------------------------

def page_text(path: Path) -> str:
    """The dump as text: a .txt as it is; a saved page with its tags removed and entities decoded."""
    raw = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() in (".html", ".htm"):
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
        raw = re.sub(r"(?s)<[^>]+>", "\n", raw)
        raw = html.unescape(raw)
    return raw


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _date(value, where: str):
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value
    raise LabelError(f"{where}: expected an ISO date or null, got {value!r}")


def _str_list(value, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise LabelError(f"{where}: expected a list of names, got {value!r}")
    return value


def _variant_lists(value, where: str) -> list[list[str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise LabelError(f"{where}: expected a list of [variant, ...] lists, got {value!r}")
    return [_str_list(entry if isinstance(entry, list) else [entry], f"{where}[{n}]") or _empty(where, n)
            for n, entry in enumerate(value)]


def _empty(where: str, n: int):
    raise LabelError(f"{where}[{n}]: an entry needs at least one name")


@dataclass
class Case:
    name: str
    split: str
    source: Path
    labels_path: Path
    structure: str
    articles: list[dict]
    furniture: list[str]


def load_case(source: Path, split: str) -> Case:
    """Read and check one case; raises LabelError naming the case and key on any problem."""
    name = source.name.split(".")[0]
    labels_path = source.with_name(name + ".labels.yaml")
    where = f"{split}/{name}"
    if not CASE_NAME.match(name):
        raise LabelError(f"{where}: case names are <nn>_<structure>_<topic> (f<nn>_, b<nn>_, c<nn>_... for the former held-back sets, d<nn>_, e<nn>_... in blind/) in lower case")
    if not labels_path.exists():
        raise LabelError(f"{where}: no labels file {labels_path.name}")
    try:
        data = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LabelError(f"{where}: labels do not parse: {exc}") from exc
    if not isinstance(data, dict):
        raise LabelError(f"{where}: labels must be a mapping")
    unknown = set(data) - LABEL_KEYS
    if unknown:
        raise LabelError(f"{where}: unknown key(s) {sorted(unknown)}")
    for key in ("structure", "articles"):
        if key not in data:
            raise LabelError(f"{where}: missing key {key!r}")
    if not isinstance(data["structure"], str) or not data["structure"].strip():
        raise LabelError(f"{where}.structure: expected a name")
    text = page_text(source)
    flat = _collapse(text)
    lines = {line.strip() for line in text.split("\n")}
    articles = []
    if not isinstance(data["articles"], list):
        raise LabelError(f"{where}.articles: expected a list ([] for a page with no article, such as a bare headline list)")
    for n, art in enumerate(data["articles"]):
        at = f"{where}.articles[{n}]"
        if not isinstance(art, dict):
            raise LabelError(f"{at}: expected a mapping")
        unknown = set(art) - ARTICLE_KEYS
        if unknown:
            raise LabelError(f"{at}: unknown key(s) {sorted(unknown)}")
        first = art.get("first_words")
        if not isinstance(first, str) or len(first.split()) < 3:
            raise LabelError(f"{at}.first_words: expected the first 5-8 words, got {first!r}")
        if _collapse(first) not in flat:
            raise LabelError(f"{at}.first_words: {first!r} is not verbatim in {source.name}")
        accused = []
        for m, acc in enumerate(art.get("accused") or []):
            aw = f"{at}.accused[{m}]"
            if not isinstance(acc, dict) or "actor" not in acc:
                raise LabelError(f"{aw}: expected a mapping with 'actor'")
            unknown = set(acc) - ACCUSED_KEYS
            if unknown:
                raise LabelError(f"{aw}: unknown key(s) {sorted(unknown)}")
            if acc.get("confidence") not in CONFIDENCE:
                raise LabelError(f"{aw}.confidence: expected one of {sorted(CONFIDENCE)}, got {acc.get('confidence')!r}")
            actor = acc["actor"] if isinstance(acc["actor"], list) else [acc["actor"]]
            accused.append({"actor": _str_list(actor, f"{aw}.actor"), "claimed_by": acc.get("claimed_by"),
                            "confidence": acc["confidence"]})
        for key in ("title", "publisher"):
            if art.get(key) is not None and not isinstance(art[key], str):
                raise LabelError(f"{at}.{key}: expected text or null")
        articles.append({
            "first_words": first,
            "title": art.get("title"),
            "publisher": art.get("publisher"),
            "published": _date(art.get("published"), f"{at}.published"),
            "updated": _date(art.get("updated"), f"{at}.updated"),
            "countries": _str_list(art.get("countries"), f"{at}.countries"),
            "platforms": _str_list(art.get("platforms"), f"{at}.platforms"),
            "actors": _variant_lists(art.get("actors"), f"{at}.actors"),
            "optional_actors": _variant_lists(art.get("optional_actors"), f"{at}.optional_actors"),
            "targets": _str_list(art.get("targets"), f"{at}.targets"),
            "accused": accused,
        })
    furniture = _str_list(data.get("furniture"), f"{where}.furniture")
    for line in furniture:
        ok = line.strip() in lines if source.suffix == ".txt" else _collapse(line) in flat
        if not ok:
            raise LabelError(f"{where}.furniture: {line!r} is not a whole line of {source.name}")
    # A furniture line that also occurs inside a line of the article could not be told apart when scored.
    furn = {words(line) for line in furniture}
    for line in furniture:
        needle = words(line)
        for other in lines:
            other_words = words(other)
            if other_words and other_words not in furn and contains_words(other_words, needle):
                raise LabelError(f"{where}.furniture: {line!r} also occurs inside the line {other[:60]!r}; "
                                 "label a longer line or leave it out")
    return Case(name, split, source, labels_path, data["structure"].strip(), articles, furniture)


def discover(split: str = "dev", pattern: str | None = None, corpus: Path = CORPUS) -> list[Case]:
    """The cases of a split (``dev``, ``blind`` or ``all`` = both), checked; LabelError on the first bad one."""
    splits = SPLITS if split == "all" else (split,)
    cases, numbers = [], {}
    for name in splits:
        folder = corpus / name
        if not folder.is_dir():
            continue
        for source in sorted(folder.iterdir()):
            if source.name.endswith(".labels.yaml") or source.suffix not in (".txt", ".html"):
                continue
            case = load_case(source, name)
            number = CASE_NAME.match(case.name).group(1)
            if number in numbers:
                raise LabelError(f"{name}/{case.name}: number {number} is also used by {numbers[number]}")
            numbers[number] = f"{name}/{case.name}"
            if pattern is None or any(fnmatch.fnmatch(case.name, glob.strip()) for glob in pattern.split(",")):
                cases.append(case)
    # Every labels file needs its dump.
    for name in splits:
        for labels in sorted((corpus / name).glob("*.labels.yaml")) if (corpus / name).is_dir() else []:
            stem = labels.name[: -len(".labels.yaml")]
            if not any((corpus / name / (stem + ext)).exists() for ext in (".txt", ".html")):
                raise LabelError(f"{name}/{stem}: labels without a .txt or .html dump")
    return cases


# --- scoring --------------------------------------------------------------------------------

@dataclass
class Score:
    files: int = 0
    split_right: int = 0
    labelled: int = 0
    starts_found: int = 0
    furniture_left: int = 0
    prf: dict = field(default_factory=lambda: {k: [0, 0, 0] for k in ("countries", "platforms", "actors")})
    dates_right: int = 0
    dated: int = 0  # labels with a date (the others are null: right only when ingest gives null)
    dated_right: int = 0
    updated_right: int = 0
    updated_labelled: int = 0
    targets_right: int = 0
    accused: int = 0
    accused_found: int = 0
    failures: int = 0
    seconds: float = 0.0

    def add(self, other: "Score") -> None:
        for key, value in vars(other).items():
            if key == "prf":
                for kind, counts in value.items():
                    self.prf[kind] = [a + b for a, b in zip(self.prf[kind], counts)]
            else:
                setattr(self, key, getattr(self, key) + value)

    def precision(self, kind: str) -> float:
        tp, fp, _ = self.prf[kind]
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str) -> float:
        tp, _, fn = self.prf[kind]
        return tp / (tp + fn) if tp + fn else 1.0

    def accused_recall(self) -> float:
        return self.accused_found / self.accused if self.accused else 1.0

    def line(self) -> str:
        per_file = self.seconds / self.files if self.files else 0.0
        pr = "; ".join(f"{k} P {self.precision(k):.2f} R {self.recall(k):.2f}" for k in ("countries", "platforms", "actors"))
        return (f"files split right {self.split_right}/{self.files}; starts found {self.starts_found}/{self.labelled}; "
                f"furniture lines left {self.furniture_left}; {pr}; published dates {self.dates_right}/{self.labelled} "
                f"(dated {self.dated_right}/{self.dated}, null {self.dates_right - self.dated_right}/{self.labelled - self.dated}); "
                f"targets {self.targets_right}/{self.labelled}; accused recall {self.accused_recall():.2f}; "
                f"seconds per file {per_file:.2f}; updated dates {self.updated_right}/{self.updated_labelled}"
                + (f"; failed runs {self.failures}" if self.failures else ""))

    def as_dict(self) -> dict:
        out = {k: v for k, v in vars(self).items() if k != "prf"}
        for kind in self.prf:
            out[kind] = {"tp": self.prf[kind][0], "fp": self.prf[kind][1], "fn": self.prf[kind][2],
                         "precision": round(self.precision(kind), 4), "recall": round(self.recall(kind), 4)}
        out["accused_recall"] = round(self.accused_recall(), 4)
        return out


def _first_paragraph(article: dict) -> str:
    paragraphs = article.get("paragraphs") or []
    return paragraphs[0] if paragraphs else ""


def pair_articles(labels: list[dict], predicted: list[dict]) -> tuple[list[int | None], list[bool]]:
    """For each label the index of its predicted article (or None), and whether it opens that article."""
    firsts = [fold(_first_paragraph(a)) for a in predicted]
    bodies = [fold(" ".join(a.get("paragraphs") or [])) for a in predicted]
    used: set[int] = set()
    pairs: list[int | None] = [None] * len(labels)
    starts = [False] * len(labels)
    for n, label in enumerate(labels):
        key = fold(label["first_words"])
        for i, first in enumerate(firsts):
            if i not in used and first.startswith(key):
                pairs[n], starts[n] = i, True
                used.add(i)
                break
    for n, label in enumerate(labels):
        if pairs[n] is None:
            key = fold(label["first_words"])
            for i, body in enumerate(bodies):
                if i not in used and key in body:
                    pairs[n] = i
                    used.add(i)
                    break
    return pairs, starts


def _count_names(label: list[str], predicted: list[str]) -> list[int]:
    want = {canonical(x) for x in label}
    got = {canonical(x) for x in predicted}
    tp = len(want & got)
    return [tp, len(got - want), len(want - got)]


def _count_actors(label: list[list[str]], optional: list[list[str]], predicted: list[str]) -> list[int]:
    predicted = list(dict.fromkeys(p for p in predicted if p and p.strip()))
    found = sum(1 for entry in label if any(names_match(v, p) for v in entry for p in predicted))
    fp = 0
    for p in predicted:
        if any(names_match(v, p) for entry in label for v in entry):
            continue
        if any(names_match(v, p) for entry in optional for v in entry):
            continue
        fp += 1
    return [found, fp, len(label) - found]


def predicted_actors(article: dict) -> list[str]:
    names = list(article.get("actors") or [])
    for suggestion in article.get("suggestions") or []:
        if isinstance(suggestion, dict) and suggestion.get("name"):
            names.append(suggestion["name"])
        elif isinstance(suggestion, str):
            names.append(suggestion)
    return names


def score_case(case: Case, predicted: list[dict], seconds: float = 0.0, failed: bool = False) -> tuple[Score, list[str]]:
    """Score one case's predicted articles against its labels; also return per-label notes."""
    s = Score(files=1, labelled=len(case.articles), seconds=seconds, failures=int(failed))
    notes: list[str] = []
    pairs, starts = pair_articles(case.articles, predicted)
    s.starts_found = sum(starts)
    s.split_right = int(len(predicted) == len(case.articles) and all(starts))
    # Longest lines first, each removed once counted, so "Share" inside a kept "Share on X" counts once.
    paragraphs = [f" {words(p)} " for a in predicted for p in (a.get("paragraphs") or [])]
    for line in sorted(case.furniture, key=lambda x: -len(words(x))):
        needle = f" {words(line)} "
        if needle.strip() and any(needle in p for p in paragraphs):
            s.furniture_left += 1
            notes.append(f"furniture kept: {line!r}")
            paragraphs = [p.replace(needle, " \x00 ") for p in paragraphs]
    for n, label in enumerate(case.articles):
        art = predicted[pairs[n]] if pairs[n] is not None else {}
        if pairs[n] is None:
            notes.append(f"article {n + 1} ({label['first_words'][:30]}...) not found")
        for kind in ("countries", "platforms"):
            got = list(art.get(kind) or [])
            counts = _count_names(label[kind], got)
            s.prf[kind] = [a + b for a, b in zip(s.prf[kind], counts)]
            want, have = {canonical(x) for x in label[kind]}, {canonical(x) for x in got}
            if want - have:
                notes.append(f"article {n + 1} {kind} missed: {', '.join(sorted(want - have))}")
            if have - want:
                notes.append(f"article {n + 1} {kind} extra: {', '.join(sorted(have - want))}")
        names = predicted_actors(art)
        counts = _count_actors(label["actors"], label["optional_actors"], names)
        s.prf["actors"] = [a + b for a, b in zip(s.prf["actors"], counts)]
        missed = [e[0] for e in label["actors"] if not any(names_match(v, p) for v in e for p in names)]
        extra = [p for p in dict.fromkeys(names)
                 if not any(names_match(v, p) for e in label["actors"] + label["optional_actors"] for v in e)]
        if missed:
            notes.append(f"article {n + 1} actors missed: {', '.join(missed)}")
        if extra:
            notes.append(f"article {n + 1} actors extra: {', '.join(extra)}")
        s.dated += int(label["published"] is not None)
        if pairs[n] is not None and art.get("published") == label["published"]:
            s.dates_right += 1
            s.dated_right += int(label["published"] is not None)
        elif pairs[n] is not None:
            notes.append(f"article {n + 1} published {art.get('published')} (label {label['published']})")
        if label["updated"] is not None:
            s.updated_labelled += 1
            s.updated_right += int(art.get("updated") == label["updated"])
        if "targets" in art and {canonical(t) for t in art.get("targets") or []} == {canonical(t) for t in label["targets"]}:
            s.targets_right += 1
        attribution = [a.get("actor", "") for a in (art.get("attribution") or []) if isinstance(a, dict)]
        for acc in label["accused"]:
            s.accused += 1
            s.accused_found += int(any(names_match(v, a) for v in acc["actor"] for a in attribution if a))
    # Articles that answer no label: everything they predict is a false positive.
    for i, art in enumerate(predicted):
        if i in pairs:
            continue
        for kind in ("countries", "platforms"):
            s.prf[kind][1] += len({canonical(x) for x in art.get(kind) or []})
        s.prf["actors"][1] += len(set(predicted_actors(art)))
    if len(predicted) != len(case.articles):
        notes.append(f"{len(predicted)} articles for {len(case.articles)} labelled")
    return s, notes


# --- running --------------------------------------------------------------------------------

def run_ingest(source: Path, content: Path, timeout: float = TIMEOUT) -> tuple[list[dict], float, str | None]:
    """Run the real command on one file: (articles, seconds, error or None)."""
    cmd = [sys.executable, "-m", "site_builder", "ingest", str(source), "--dry-run", "--json", "--content", str(content)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return [], time.perf_counter() - start, f"timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    try:
        data = json.loads(proc.stdout)
        articles = data["articles"]
        if not isinstance(articles, list):
            raise TypeError("articles is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        tail = (proc.stderr.strip().splitlines() or [""])[-1]
        return [], seconds, f"exit {proc.returncode}, no JSON ({exc}); {tail}"
    return [a for a in articles if isinstance(a, dict)], seconds, None


def evaluate(cases: list[Case], content: Path, timeout: float = TIMEOUT, out=sys.stdout) -> dict:
    totals = {split: Score() for split in SPLITS}
    rows = []
    header = f"{'case':44} {'arts':>5} {'split':>5} {'starts':>6} {'furn':>4} {'ctry tp/fp/fn':>13} {'plat tp/fp/fn':>13} {'actr tp/fp/fn':>13} {'date':>4} {'acc':>5} {'s':>5}"
    print(header, file=out)
    wall = time.perf_counter()
    largest = None
    for case in cases:
        predicted, seconds, error = run_ingest(case.source, content, timeout)
        score, notes = score_case(case, predicted, seconds, failed=error is not None)
        if error:
            notes.insert(0, f"FAILED: {error}")
        totals[case.split].add(score)
        size = case.source.stat().st_size
        if largest is None or size > largest[1]:
            largest = (f"{case.split}/{case.source.name}", size, seconds)
        p = score.prf
        print(f"{case.split + '/' + case.name:44.44} {len(predicted):>2}/{len(case.articles):<2} "
              f"{'yes' if score.split_right else 'no':>5} {score.starts_found:>3}/{score.labelled:<2} {score.furniture_left:>4} "
              f"{'/'.join(map(str, p['countries'])):>13} {'/'.join(map(str, p['platforms'])):>13} {'/'.join(map(str, p['actors'])):>13} "
              f"{score.dates_right:>2}/{score.labelled:<1} {score.accused_found:>2}/{score.accused:<2} {seconds:5.2f}", file=out)
        for note in notes:
            print(f"    {note}", file=out)
        rows.append({"case": case.name, "split": case.split, "structure": case.structure, "articles": len(predicted),
                     "error": error, "notes": notes, **score.as_dict()})
    total_seconds = time.perf_counter() - wall
    print(file=out)
    result = {"cases": rows, "totals": {}, "total_seconds": round(total_seconds, 3)}
    for split, score in totals.items():
        if score.files:
            print(f"{split}: {score.line()}", file=out)
            result["totals"][split] = score.as_dict()
    if largest:
        print(f"total {total_seconds:.1f} s for {len(cases)} files; largest file {largest[0]} "
              f"({largest[1] / 1024:.1f} KB) {largest[2]:.2f} s", file=out)
        result["largest_file"] = {"file": largest[0], "bytes": largest[1], "seconds": round(largest[2], 3)}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ingest_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--cases", help="only the cases whose name matches this glob, or one of several separated by commas, e.g. '07_*,09_*'")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--content", type=Path, default=REPO / "content", help="content folder (knowledge base) for ingest")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per case before it counts as failed")
    parser.add_argument("--check", action="store_true", help="validate the labels of the split and stop")
    args = parser.parse_args(argv)
    try:
        cases = discover(args.split, args.cases)
    except LabelError as exc:
        print(f"label error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        print(f"{len(cases)} cases, labels valid")
        return 0
    if not cases:
        print("no cases matched", file=sys.stderr)
        return 2
    result = evaluate(cases, args.content.resolve(), args.timeout)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
