"""A label in another script than Latin before a byline or a row of share buttons ("โดย Pim Sukhapan",
"แชร์   Facebook   LINE   X") is read by its shape, whatever the language: the name after it is the
author, the buttons are furniture; a Latin word or a dash before a name makes no byline."""

from __future__ import annotations

import pytest

from site_builder.ingest.split.furniture import shape_reason
from site_builder.ingest.split.header import byline


@pytest.mark.parametrize("line, name", [
    ("โดย Mara Example", "Mara Example"),
    ("نویسنده: Piet Example", "Piet Example"),
    ("Автор: Ivan Example", "Ivan Example"),
])
def test_a_byline_after_a_label_in_another_script(line, name):
    assert byline(line) == (name, None)


@pytest.mark.parametrize("line", ["Über Mara Example", "— Mara Example", "Автор: the district council"])
def test_no_byline_without_such_a_label_and_a_name(line):
    assert byline(line) is None


def test_share_buttons_after_a_label_in_another_script():
    assert shape_reason("แชร์   Facebook   LINE   X") == "a share row"
    assert shape_reason("Line one of the story named Facebook and X") == ""
