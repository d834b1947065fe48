"""Typed field readers that turn YAML values into Python values or located problems.

Like MkDocs's config options: each reader knows one type, returns a clean value,
and on bad input records a problem at the exact line with a message that says
what was expected and what was found. Readers never raise.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from site_builder.errors import Problem
from site_builder.content.invisible import INVISIBLE, describe as describe_invisible
from site_builder.content.yamlfile import CONTROL, KeyPath, Position, locate, locate_value

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WHITESPACE = re.compile(r"\s")  # the characters str.isspace() accepts
# Items in one list field: real briefings list a few dozen at most, and every item becomes
# pages and links, so a pasted list of 10,000 tags would make a build take many minutes.
MAX_ITEMS = 200
# CONTROL and NUL, which a file cannot hold but a quoted "\0" in YAML can (XML feeds forbid it).
_VALUE_CONTROL = re.compile("[\x00" + CONTROL.pattern[1:])
MIN_YEAR, MAX_YEAR = 1800, 2999  # dates outside are typos, and a timeline padding 0001-01-01 overflowed


def describe(value: object) -> str:
    """How an editor would call a YAML value's type."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value[:40]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


@dataclass
class FieldReader:
    """Reads fields of one file's YAML, collecting problems with positions."""

    path: str
    positions: dict[KeyPath, Position]
    problems: list[Problem] = field(default_factory=list)
    # Entries that messages name instead of their index: {(3,): "actor 'Jane Doe'"}.
    labels: dict[KeyPath, str] = field(default_factory=dict)
    too_long: set[KeyPath] = field(default_factory=set)  # lists already reported over MAX_ITEMS

    def error(self, keypath: KeyPath, message: str, hint: str = "", at_value: bool = False,
              severity: str = "error") -> None:
        """A problem at the key (or, with ``at_value``, where its value starts), named after its entry."""
        line, col = (locate_value if at_value else locate)(self.positions, keypath)
        label = self._label(keypath)
        self.problems.append(Problem(self.path, f"{label[1]}: {message}" if label else message, line, col, hint,
                                     severity))

    def _label(self, keypath: KeyPath) -> tuple[int, str] | None:
        """(length, label) of the longest labelled start of ``keypath``: "actor 'Jane Doe'"."""
        for size in range(len(keypath), 0, -1):
            label = self.labels.get(keypath[:size])
            if label:
                return size, label
        return None

    def name(self, keypath: KeyPath) -> str:
        """A key path as an editor reads it: 'events[2].date', or 'type' inside a labelled entry."""
        label = self._label(keypath) if self.labels else None
        out = ""
        for part in keypath[label[0]:] if label else keypath:
            out += f"[{part + 1}]" if isinstance(part, int) else (("." if out else "") + str(part))
        return out

    def text(self, mapping: dict, keypath: KeyPath, required: bool = False, default: str = "") -> str:
        key = keypath[-1]
        value = mapping.get(key)
        if type(value) is str:  # the common case, stripped once
            stripped = value.strip()
            if stripped:
                return self.clean(keypath, stripped, default)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                missing = "is empty" if key in mapping else "is missing"
                self.error(keypath, f"required field '{self.name(keypath)}' {missing}",
                           hint=f"add a line '{key}: ...' with a value")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(keypath, f"'{self.name(keypath)}' must be text, found {describe(value)}",
                       hint="write it as plain text on one line, in quotes if it contains ':' or '#'")
            return default
        return self.clean(keypath, str(value).strip(), default)

    def clean(self, keypath: KeyPath, value: str, default: str = "") -> str:
        """The text, unless it holds a control character (written as an escape such as "\\x1f")."""
        control = _VALUE_CONTROL.search(value)
        if control:
            self.error(keypath, f"'{self.name(keypath)}' contains the invisible control character "
                                f"U+{ord(control.group()):04X}", hint="remove the escape sequence (such as \\x1f) from the text")
            return default
        invisible = INVISIBLE.search(value)
        if invisible:
            self.error(keypath, f"'{self.name(keypath)}' contains the invisible character "
                                f"{describe_invisible(invisible.group())}, which hides in the text or changes how "
                                "it is shown", hint=f"delete it: retype '{self.name(keypath)}' by hand, or "
                                                    "delete and retype the characters around it")
            return default
        return value

    def date(self, mapping: dict, keypath: KeyPath, required: bool = False) -> dt.date | None:
        key = keypath[-1]
        value = mapping.get(key)
        if value is None or value == "":
            if required:
                self.error(keypath, f"required date '{self.name(keypath)}' is missing",
                           hint=f"add '{key}: YYYY-MM-DD', e.g. {key}: 2025-10-03")
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else value.date()
        match = _DATE.match(str(value).strip()) if isinstance(value, str) else None
        if not match:
            self.error(keypath, f"'{self.name(keypath)}' must be a date written YYYY-MM-DD, found {describe(value)}",
                       hint=f"write the date as year-month-day, e.g. {key}: 2025-10-03", at_value=True)
            return None
        if not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:  # year 1 or 9999: a typo, and out of the range
            self.error(keypath, f"'{self.name(keypath)}' {value} has a year outside {MIN_YEAR} to {MAX_YEAR}",
                       hint="check the year (four digits, e.g. 2025)", at_value=True)  # timelines can draw
            return None
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError as exc:
            self.error(keypath, f"'{self.name(keypath)}' is not a real date ({value}: {exc})",
                       hint="check the month and the day of the month", at_value=True)
            return None

    def flag(self, mapping: dict, keypath: KeyPath) -> bool:
        """An optional true/false field; anything else is a problem and counts as false."""
        value = mapping.get(keypath[-1])
        if value is None or isinstance(value, bool):
            return bool(value)
        self.error(keypath, f"'{self.name(keypath)}' must be true or false, found {describe(value)}",
                   hint=f"write {keypath[-1]}: true, or remove the line", at_value=True)
        return False

    def choice(self, mapping: dict, keypath: KeyPath, options: tuple[str, ...], default: str | None = None,
               required: bool = False) -> str | None:
        value = self.text(mapping, keypath, required=required)
        if not value:
            return default
        if value.lower() not in options:
            self.error(keypath, f"'{self.name(keypath)}' must be one of {', '.join(options)}; found {value!r}",
                       hint=f"use one of: {', '.join(options)}", at_value=True)
            return default
        return value.lower()

    def text_list(self, mapping: dict, keypath: KeyPath) -> tuple[tuple[str, Position], ...]:
        """A list of text items, each with its own position (a single string is accepted)."""
        key = keypath[-1]
        value = mapping.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
            items_paths = [keypath]
        elif isinstance(value, list):
            if self._too_long(keypath, value):
                return ()
            items_paths = [keypath + (i,) for i in range(len(value))]
        else:
            self.error(keypath, f"'{self.name(keypath)}' must be a list, found {describe(value)}",
                       hint=f"write one item per line under '{key}:', each starting with '- '")
            return ()
        out = []
        for item, item_path in zip(value, items_paths):
            if type(item) is str:
                text = item.strip()
            elif isinstance(item, bool) or not isinstance(item, (str, int, float)):
                text = ""
            else:
                text = str(item).strip()
            if not text:
                self.error(item_path, f"items of '{self.name(keypath)}' must be names, found {describe(item)}",
                           hint="write each item as '- Name' on its own line")
                continue
            text = self.clean(item_path, text)
            if text:
                out.append((text, locate(self.positions, item_path)))
        return tuple(out)

    def mapping_list(self, mapping: dict, keypath: KeyPath) -> list[tuple[KeyPath, dict]]:
        key = keypath[-1]
        value = mapping.get(key)
        if value is None:
            return []
        if isinstance(value, dict):
            value = [value]
            return [(keypath, value[0])]
        if not isinstance(value, list):
            self.error(keypath, f"'{self.name(keypath)}' must be a list of entries, found {describe(value)}",
                       hint=f"write each entry under '{key}:' starting with '- '")
            return []
        if self._too_long(keypath, value):
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.error(keypath + (i,), f"entry {i + 1} of '{self.name(keypath)}' must be a set of 'key: value' lines, found {describe(item)}",
                           hint="see the content guide in README.md for the fields of each entry")
                continue
            out.append((keypath + (i,), item))
        return out

    def _too_long(self, keypath: KeyPath, items: list) -> bool:
        """An error for a list over ``MAX_ITEMS``, which is then read as empty (nothing of it is built)."""
        if len(items) <= MAX_ITEMS:
            return False
        if keypath in self.too_long:
            return True
        self.too_long.add(keypath)
        self.error(keypath, f"'{self.name(keypath)}' lists {len(items):,} items, over the limit of {MAX_ITEMS} "
                            "for one list", hint=f"keep the {MAX_ITEMS} that matter most, or split the briefing into "
                                                 "several")
        return True

    def url(self, mapping: dict, keypath: KeyPath, required: bool = False) -> str:
        value = self.text(mapping, keypath, required=required)
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or _WHITESPACE.search(value):
            self.error(keypath, f"'{self.name(keypath)}' must be a full http(s) web address, found {value!r}",
                       hint="copy the address from the browser, starting with https://")
            return ""
        return value

    def unknown_keys(self, mapping: dict, keypath: KeyPath, allowed: tuple[str, ...]) -> None:
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                known = f"the fields here are: {', '.join(allowed)}"
                hint = f"did you mean '{close[0]}'? {known}" if close else known
                self.error(keypath + (key,), f"unknown field '{self.name(keypath + (key,))}'", hint=hint)
