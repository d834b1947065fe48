"""Page furniture: the text around an article that is not the article.

Saved pages and copied text carry prompts (notifications, newsletters,
log-in, donations, cookies), labels (sections, tags, breadcrumbs, "3 min
read"), photo captions with their credit after "|", and end matter
("X contributed to this report.", "This article is being updated.",
copyright lines). ``classify`` sorts each paragraph into content, furniture,
end matter or a related list. Design notes: docs/architecture.md ("site_builder/ingest/split/clean.py").
"""

from __future__ import annotations

import re

from site_builder.ingest.split.furniture import end_section, mail_header, relative_date, shape_reason

CONTENT, FURNITURE, END, RELATED = "content", "furniture", "end", "related"

_I = re.IGNORECASE

# Each rule: (class, pattern, longest paragraph in words it applies to).
_RULES: list[tuple[str, re.Pattern, int]] = [
    # End matter: the article is over.
    (END, re.compile(r"\bcontributed (?:to )?(?:this |the |additional )?(?:report|reporting|story|article|coverage)\b", _I), 40),
    (END, re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|research|graphics|fact-checking) by\b", _I), 60),
    (END, re.compile(r"^this (?:article|story|report|page|post|live blog) (?:is being|has been|was|will be|is) (?:updated|corrected|amended)", _I), 40),
    (END, re.compile(r"^(?:this is a )?(?:developing|breaking) story\b", _I), 25),
    (END, re.compile(r"^(?:tags?|topics?|filed under|categories|keywords|more on|more about|related topics|section)\s*[-–—:|]", _I), 30),
    (END, re.compile(r"^(?:©|\(c\)|copyright\b)", _I), 40),
    (END, re.compile(r"\ball rights reserved\b", _I), 40),
    (RELATED, re.compile(r"^(?:related(?: (?:articles?|stories|content|coverage|reading))?|read (?:more|next|also)|see also|more (?:from|stories|on this story|like this)|most (?:read|popular|viewed|shared)|sponsored (?:stories|links|content)(?: by \w+)?|terpopuler|berita terkait|baca juga|meistgelesen|mehr zum thema|cele mai citite|citește și|citeste si|les plus lus|(?:à )?lire aussi|más leídas|lea también|mais lidas|leia (?:também|mais)|promoted (?:stories|links)|around the web|from (?:our|the) partners|recommended(?: for you)?|you (?:may|might) (?:also )?like|trending|top stories|latest news|in other news|(?:the )?latest(?= *:? *$)|editor'?s picks(?= *:? *$)|just in(?= *:? *$))\b\s*[:\-–—|]?", _I), 14),
    # Prompts.
    (FURNITURE, re.compile(r"\bnotifications?\b.*\b(?:browser|stay up to date|turn on|allow|enable|manage|preferences|get)\b|\bstay up to date with\b|^(?:get|receive|turn on|sign up for) (?:\w+ )?(?:alerts|notifications|updates)\b", _I), 30),
    (FURNITURE, re.compile(r"^(?:sign up|subscribe|register|join us|get our|enter your|try \w+ (?:free|for))\b|\b(?:newsletters?|inbox|unsubscribe|e-?mail address|subscriber-only|subscribers only)\b", _I), 40),
    (FURNITURE, re.compile(r"\b(?:sign(?:ing)? up|subscribed?|subscription|subscriber)\b", _I), 15),
    (FURNITURE, re.compile(r"\b(?:thank you for (?:registering|subscribing|signing up|reading|your support)|log(?:ged)? ?(?:in|out)\b|sign(?:ed)? ?in\b|create (?:an|a free|your) account|already (?:have an account|a (?:subscriber|member)|registered)|refresh (?:the|your) (?:page|browser)|forgot (?:your )?password|register (?:for free|now|to|here))", _I), 40),
    (FURNITURE, re.compile(r"\b(?:your support|donat(?:e|ion|ions|ing)|support (?:our|independent|quality|us)|support (?:its|their) (?:reporting|journalism|work)|reader-funded|make a contribution|become a (?:member|subscriber|supporter|patron)|paywalls?|ad-?free|unlimited access|free trial)\b", _I), 90),
    (FURNITURE, re.compile(r"\bcookies?\b.*\b(?:accept|consent|privacy|settings|use)\b|\b(?:accept|reject) all\b|\bprivacy (?:policy|settings|notice)\b|\bterms (?:of (?:use|service)|and conditions)\b", _I), 50),
    (FURNITURE, re.compile(r"\b(?:enable javascript|javascript is (?:disabled|required)|your browser (?:does not|doesn't) support|update your browser|ad ?blocker)\b", _I), 40),
    (FURNITURE, re.compile(r"\b(?:download|get) (?:the|our) (?:\w+ )?app\b|\bfollow us on\b|\bjoin (?:us|the conversation) on\b|\bjoin the conversation\b|\bshow comments\b|\bcomments? (?:are|is) (?:closed|open)\b|\bleave a comment\b", _I), 30),
    # Labels and widgets.
    (FURNITURE, re.compile(r"^(?:advertisement|advertising|advert|ad|sponsored(?: content)?|paid (?:post|content)|partner content|promoted|story continues(?: below)?(?: advertisement)?|continue reading(?: below)?(?: the main story)?|scroll (?:down )?to continue(?: reading)?|skip (?:advert|ad|to (?:main )?content|to navigation)|close|menu|search|home|loading(?:\.\.\.|…)?|watch|listen|play|video|audio|live|exclusive|analysis|opinion|explainer|breaking(?: news)?|print|e-?mail|share(?: this (?:article|story|page))?(?: on \w+)?|copy link|link copied|save(?: article)?|gift (?:this )?article|comments?|view comments|\d+ comments?|back to top|top)\W*$", _I), 8),
    (FURNITURE, re.compile(r"^(?:listen to (?:this|the) (?:article|story)|\d+\s*(?:min(?:ute)?s?|-minute) (?:read|listen)|reading time\b|estimated reading time\b)", _I), 12),
    (FURNITURE, re.compile(r"^(?:published|updated|posted)?\s*(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\W*$", _I), 8),
    (FURNITURE, re.compile(r"^(?:news|sport|sports|business|world|politics|culture|opinion|comment|video|videos|audio|"
                           r"weather|science|health|technology|tech|entertainment|arts|travel|lifestyle|money|europe|"
                           r"americas|asia|africa|middle east|uk|us|elections?|media|climate|newsletters|podcasts?|"
                           r"more|sections|latest|top stories|in pictures|features|investigations|fact check|"
                           r"world news|uk news|us news|europe news)\W*$", _I), 3),
    # Byline details on their own line: "South Caucasus correspondent", "Reporting from Tbilisi".
    (FURNITURE, re.compile(r"^(?:[A-Z][\w’'-]*\s+){0,4}(?:senior |chief |political |foreign |diplomatic |staff |security |"
                           r"investigations |technology |europe |world )*(?:correspondent|editor|reporter|writer|"
                           r"journalist|columnist|contributor)s?(?:,\s*[A-Z][\w ]+)?$", _I), 7),
    (FURNITURE, re.compile(r"^reporting from [A-Z][\w’' .-]+$", _I), 6),
    (FURNITURE, re.compile(r"^(?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit|email|messenger|bluesky|threads|flipboard|pinterest)(?:\s*[|,/·•]\s*(?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit|email|messenger|bluesky|threads|flipboard|pinterest))+\W*$", _I), 12),
    # Pictures: captions and credits.
    (FURNITURE, re.compile(r"^(?:photo|image|picture|video|illustration|file photo|photograph|graphic)(?: caption| credit| source)?\s*[:,|]", _I), 80),
    (FURNITURE, re.compile(r"^(?:image|photo|picture) (?:caption|credit|source)\b", _I), 80),
    (FURNITURE, re.compile(r"(?:^|[\s(])(?:photo|image|picture)s?:?\s*(?:by\s+)?[A-Z][^.!?]{0,60}(?:/|\bvia\b)\s*(?:Getty|AFP|AP|Reuters|EPA|Shutterstock|Alamy|Bloomberg|ANP|TASS|Sputnik|Imago|PA|Anadolu)[^.!?]{0,40}\)?$", _I), 80),
    # "... caption. | Jane Doe/Agency" and "... caption. | Photo: Jane Doe": a described picture, then its credit.
    (FURNITURE, re.compile(r"^(?:\S+\s+){4,}\S+\s\|\s*[^|.!?;:“”\"]{2,70}$"), 90),
    (FURNITURE, re.compile(r"^(?:\S+\s+){4,}\S+\s\|\s*(?:photo(?:graph)?|image|picture|foto|credit|source|illustration)s?\b[^|]{0,80}$", _I), 90),
    (FURNITURE, re.compile(r"(?:\b(?:Getty Images|AFP|Reuters|AP Photo|EPA(?:-EFE)?|Shutterstock|Alamy|Bloomberg|Anadolu|Sputnik|TASS|Imago|PA Images)\b[\s/)]*$)", 0), 25),
    # A copyright mark after a notice in any language: "本網站內容版權所有。 © 2024 Example Daily".
    (END, re.compile(r"(?:^|\s)©\s*(?:(?:19|20)\d\d\b|(?![a-z])[^\W\d_])"), 25),
]

_SEPARATOR = re.compile(r"^[\s_*=~#\-–—•·.]{1,}$")
_BREADCRUMB = re.compile(r"^[\w’'&,. -]{2,30}(?:\s*[|>»›/]\s*[\w’'&,. -]{2,30}){1,5}$")
_PUBLISHER_VOICE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")  # "US" is the country, not the publisher
# Words of a pitch for money or sign-ups, as opposed to a newsroom describing its own reporting.
_MEDIA_WORDS = re.compile(r"\b(?:journalism|paywalls?|subscri\w+|donat\w+|independent|support|supporters?|"
                          r"contribut\w+|membership|afford|free to read|keep (?:our|us|sending))\b", _I)
_TO_READER = re.compile(r"\b(?:you|your)\b", _I)  # the publisher speaking to the reader
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|tells|wrote|according to|added|stated)\b", _I)
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘[^’]*’(?!\w)")
_URL = re.compile(r"^(?:<)?https?://\S+?(?:>)?$")

_PUBLISHER_HINTS = [
    re.compile(r"\b(?:notifications|alerts|updates) from (?:the )?(?P<p>(?:The )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4})"),
    re.compile(r"(?:^|\s)(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<p>(?:The )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4})", _I),
    re.compile(r"\b(?i:subscribe) to (?P<p>(?:The )?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})(?:[’']s)? newsletters?\b"),
    re.compile(r"\bsupport (?P<p>The [A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})\b"),
]
_NOT_PUBLISHER = re.compile(r"^(?:The|All|Our|Your|This)$|\b(?:rights|reserved)\b", _I)


def words(text: str) -> int:
    return len(text.split())


def sentence_like(text: str) -> bool:
    """A paragraph of running text, not a headline: long, or a full sentence."""
    return words(text) >= 25 or (words(text) >= 10 and text.rstrip().endswith((".", "!", "?", "”", "\"")))


def unquoted(text: str) -> str:
    """The paragraph without the words in quotation marks (what the publisher says itself)."""
    return _QUOTED.sub(" ", text)


def classify(text: str) -> str:
    """content, furniture, end or related (see the module docstring)."""
    return classify_why(text)[0]


def _is_date_line(text: str) -> bool:
    from site_builder.ingest.extract.dates import parse_date_line

    return parse_date_line(text) is not None


def _rule_reason(index: int, kind: str) -> str:
    if kind == END:
        return "end matter"
    if kind == RELATED:
        return "a 'related' or 'read more' list"
    if index <= 14:
        return "a prompt (sign-up, log-in, cookies, app, donation)"
    if index <= 21:
        return "a page label or byline detail"
    return "a picture caption or credit"


def classify_why(text: str) -> tuple[str, str]:
    """(kind, the reason when it is not content)."""
    stripped = text.strip()
    if not stripped or _SEPARATOR.match(stripped):
        return FURNITURE, "a separator"
    n = words(stripped)
    if relative_date(stripped):
        return FURNITURE, relative_date(stripped)
    if end_section(stripped) or mail_header(stripped):
        return FURNITURE, end_section(stripped) or mail_header(stripped)
    own = unquoted(stripped)
    for index, (kind, pattern, limit) in enumerate(_RULES):
        if n <= limit and pattern.search(own if kind == FURNITURE else stripped):
            if index <= 14 and kind == FURNITURE and n >= _LONG and _reported(own):
                continue  # "... to check the permissibility of donations.": a report that names a prompt's word
            if index > 21 and _is_date_line(stripped):
                break  # "Oct 03, 2024 | 16:05 | World News": a date line, not a credit
            return kind, _rule_reason(index, kind)
    reason = shape_reason(stripped)
    if reason == "an end mark":
        return END, reason  # "- 30 -", "###": the release is over; its contact block is not its text
    if reason:
        return FURNITURE, reason
    if (n <= 8 and _BREADCRUMB.match(stripped) and not stripped.endswith((".", "?", "!"))
            and not re.search(r"\d", stripped) and not re.match(r"(?i)by\s", stripped)):
        return FURNITURE, "a menu or breadcrumb"
    if _publisher_voice(own):
        return FURNITURE, "the publisher's own pitch"
    return CONTENT, ""


_LONG = 25  # words: a prompt is short; a paragraph this long that names a prompt's word is checked for a report's voice


def _reported(own: str) -> bool:
    """A paragraph in a report's third-person voice: it never speaks to the reader or as the publisher,
    so one word of a prompt in it ("donations", "newsletter", "log in") makes no prompt."""
    return not _TO_READER.search(own) and not _PUBLISHER_VOICE.search(own) and not re.match(
        r"(?i)(?:please|sign|subscribe|register|join|get|enter|try|download|follow|support|donate|click|tap)\b", own.strip())


def _publisher_voice(own: str) -> bool:
    """A pitch in the publisher's own "we" voice, not a report: for money or sign-ups, or to the reader
    ("Join our channel and get the news delivered to you")."""
    if not _PUBLISHER_VOICE.search(own):
        return False
    if _ATTRIBUTION.search(own):
        return False
    return len(_MEDIA_WORDS.findall(own)) >= 1 or (words(own) <= 30 and bool(_TO_READER.search(own)))


def is_url(text: str) -> str:
    """The address when the paragraph is only a web address, else ''."""
    stripped = text.strip()
    return stripped.strip("<>") if _URL.match(stripped) else ""


def publisher_hint(text: str) -> str:
    """A publisher's name given away by furniture, e.g. "notifications from The Independent"."""
    for pattern in _PUBLISHER_HINTS:
        m = pattern.search(text)
        if m:
            name = re.split(r"\.\s|\s[|•·–—-]\s|,|;", m.group("p"))[0].strip(" .,'’")
            if name and not _NOT_PUBLISHER.search(name):
                return name
    return ""



_CREDIT = re.compile(r"^(?:(?:photo|image|picture)s?\s*(?:credit|source)?\s*[:,]?\s*)?(?:[A-Z][\w.'’-]*\s?){0,3}"
                     r"(?:/\s*)?(?:Getty Images|AFP|Reuters|AP|AP Photo|EPA|EPA-EFE|Shutterstock|Alamy|Bloomberg|Anadolu|"
                     r"Sputnik|TASS|Imago|PA Images|PA Media|ANP|NurPhoto|SOPA Images|LightRocket|Xinhua)"
                     r"(?:\s*(?:/|via)\s*[\w .-]+)?$", _I)
_REPORTING_FROM = re.compile(r"^reporting from (?P<place>[A-Z][\w’' .-]+)$", _I)


def is_credit(text: str) -> bool:
    """A picture credit on its own line ("Getty Images", "Reuters", "Photo: Jane Doe/AFP")."""
    return bool(_CREDIT.match(text.strip()))


def reporting_from(text: str) -> str:
    """The place in "Reporting from Tbilisi" (a byline detail some sites use instead of a dateline)."""
    m = _REPORTING_FROM.match(text.strip())
    return m.group("place").strip() if m else ""


def is_publisher_voice(text: str) -> bool:
    """Unquoted "we"/"our"/"us" without attribution: how a pitch speaks (used for paragraphs between two pitches)."""
    own = unquoted(text)
    return bool(_PUBLISHER_VOICE.search(own)) and not _ATTRIBUTION.search(own)
