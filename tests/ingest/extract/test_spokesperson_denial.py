"""A denial by a state's spokesperson is the state disputing the charge, not the spokesperson accused."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.pipeline import ingest_bytes

TEXT = """Observers report pressure on voters before the Estonian municipal elections

By Ana Reis

Election observers in Tallinn said on Monday that they had recorded dozens of cases of voters being pressed to back one list.

Moscow's spokesman Ivan Sidorov rejected the accusations of interference and said the observers were biased.

Observers said turnout was lower than at the last vote, and that queues were longest in the morning.

Officials asked people who see a suspicious post to report it rather than share it.
"""


def test_the_spokespersons_state_is_the_one_disputing(kb, matcher):
    result = ingest_bytes(TEXT.encode(), "denial.txt", kb, matcher, dt.date(2026, 6, 1))
    [article] = result.articles
    claims = {c.actor: c for c in article.attribution}
    assert "Ivan Sidorov" not in claims
    assert claims["Russia"].confidence == "disputed"
