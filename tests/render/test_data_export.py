"""``briefings.json``: valid JSON, the same data an indented dump gives, one line per briefing."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from site_builder.render.data_export import dumps_by_line

values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                      max_leaves=8)


@given(st.dictionaries(st.text(), values | st.lists(values, max_size=4), max_size=5))
def test_the_text_reads_back_as_the_data(data) -> None:
    assert json.loads(dumps_by_line(data)) == data


def test_each_briefing_and_election_is_one_line(built_site: Path) -> None:
    text = (built_site / "briefings.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = {line.rstrip(",") for line in text.splitlines()}
    for item in data["briefings"] + data["elections"]:
        assert "  " + json.dumps(item, ensure_ascii=False, sort_keys=True) in lines
    assert "Babiš" in text and "\\u" not in text, "names are written as they are, not escaped"
