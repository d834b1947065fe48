"""Verbs of reported speech: the one list that every reader of "who said what" shares.

Three readers need them: quotations ("…,” Kallas said."), accusations reported as
speech ("the bureau said China had ..."), and the headline proposed from a lead
("The service said on Monday it had dismantled ..." -> "The service dismantled ...").
Each used to keep its own list, and each missed verbs the others knew; a verb added
here is known to all three. Each line gives a verb's base, past, third person and
-ing forms.
"""

from __future__ import annotations

_TABLE = """
say said says saying
tell told tells telling
write wrote writes writing
add added adds adding
warn warned warns warning
state stated states stating
note noted notes noting
explain explained explains explaining
argue argued argues arguing
insist insisted insists insisting
declare declared declares declaring
post posted posts posting
tweet tweeted tweets tweeting
ask asked asks asking
reply replied replies replying
continue continued continues continuing
conclude concluded concludes concluding
claim claimed claims claiming
caution cautioned cautions cautioning
stress stressed stresses stressing
emphasise emphasised emphasises emphasising
emphasize emphasized emphasizes emphasizing
announce announced announces announcing
acknowledge acknowledged acknowledges acknowledging
admit admitted admits admitting
recall recalled recalls recalling
urge urged urges urging
agree agreed agrees agreeing
observe observed observes observing
predict predicted predicts predicting
suggest suggested suggests suggesting
echo echoed echoes echoing
respond responded responds responding
comment commented comments commenting
remark remarked remarks remarking
allege alleged alleges alleging
maintain maintained maintains maintaining
report reported reports reporting
confirm confirmed confirms confirming
find found finds finding
show showed shows showing
believe believed believes believing
assess assessed assesses assessing
"""
_FORMS = [line.split() for line in _TABLE.strip().splitlines()]


def verbs(*, base: bool = True, ing: bool = False) -> str:
    """A regular-expression alternation of the verbs' finite forms (and base, -ing forms as asked),
    longest first so that "says" is never read as "say"."""
    words = {w for base_form, past, third, gerund in _FORMS
             for w in (past, third, *([base_form] if base else []), *([gerund] if ing else []))}
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))
