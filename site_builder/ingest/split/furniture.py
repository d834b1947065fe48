"""Furniture by shape, and why each line was dropped.

``clean.classify`` knows the wording of prompts and labels; this module adds
what furniture looks like in any outlet and language: share rows (several
network names, "copy link"), reading times, short labels ("Key events",
"ADVT", "Topic(s):"), end marks ("- End -", "###"), UI words of other
languages ("Anzeige", "Baca juga:") and, in a dump that is mostly English,
whole lines in another language (menus, cookie banners around an English
article). ``reason`` names the rule, for the review record in the draft.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from site_builder.ingest.extract.localdates import UPDATED_WORDS

_I = re.IGNORECASE
_NETWORKS = (r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|e-?mail|messenger|bluesky|threads|flipboard|"
             r"pinterest|viber|vk|copy link|link kopieren|copiază link(?:ul)?|salin tautan|copiar link|copier le lien|"
             r"copiar enlace|print|imprimir|drucken|tweet|line|wechat|weibo|kakaotalk")
_SHARE_WORD = (r"(?:(?:share|teilen|distribuie|bagikan|partager|partagez|compartir|comparte|compartilhar|compartilhe|condividi|"
               r"udostępnij)(?: (?:on|via|this|en|sur|em|no|na|auf|pe|di))?)")
_SHARE_ROW = re.compile(rf"^(?:{_SHARE_WORD}\s*:?\s*)?(?:(?:{_SHARE_WORD}\s+)?(?:{_NETWORKS})\W*){{2,}}$", _I)
_SHARE_LEAD = re.compile(rf"^{_SHARE_WORD}\s*:\s*\S", _I)
_SHARE_ONE = re.compile(rf"^{_SHARE_WORD}(?:\s+(?:{_NETWORKS}))?\W*$", _I)  # "Compartir en X", "Udostępnij": one button a line
# "<a label in any language>: Facebook | X": networks after a short label are a share row whatever the label says
# ... and after a label in another script than Latin, with or without a colon ("แชร์   Facebook   LINE   X")
_SHARE_LABELLED = re.compile(rf"^(?:[^\W\d][^:.!?]{{0,30}}:|[^\s\x00-\x7f\u00C0-\u024F]{{2,}})\s*(?:(?:{_NETWORKS})\s*[|,/·•]?\s*){{2,}}$", _I)
_READ_TIME_LEAD = re.compile(r"^(?:temps de lecture|tiempo de lectura|tempo de leitura|lesezeit|timp de citire|reading time)\s*:?\s*"
                             r"\d+(?:\s*[–-]\s*\d+)?\s*(?:min(?:ute)?s?|minutes?|minutos|minuten)?\.?$", _I)
_READ_TIME = re.compile(r"(?:^|·\s*)\d+(?:\s*[–-]\s*\d+)?\s*(?:min(?:ute)?s?|minutes?|menit|Minuten)(?:\s+(?:read|de lectură|"
                        r"Lesezeit|baca|listen))?\s*$", _I)
_END_MARK = re.compile(r"^[-–—#*\s]*(?:end|ends|fin|sfârșit|30|###)?[-–—#*\s]*$", _I)  # "- 30 -": the Canadian end mark
_LABEL_COLON = re.compile(r"^[^.!?:]{1,40}:$")
_UPDATED = re.compile(rf"^{UPDATED_WORDS}\b(?:[^.!?]|\.\d){{0,40}}$", _I)
_BREADCRUMB = re.compile(r"^[^.!?]{2,40}(?:\s[›»>/]\s[^.!?]{2,40}){1,4}$")
_BUTTONS = re.compile(r"\b(?:akzeptieren|ablehnen|einstellungen|accepter|refuser|paramètres|acceptă|accepta|refuză|setări|setuju|"
                      r"tolak|pelajari|aceptar|rechazar|configuración|aceitar|rejeitar|configurações)\b", _I)
_CREDIT = re.compile(r"(?:\b(?:photo(?:graph)?|image|picture|video) (?:by|courtesy of|credit)\b[^.!?]{0,60}|"
                     r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} ?/ ?(?:AP|AFP|Reuters|Getty Images|EPA|Bloomberg|Xinhua|"
                     r"Rappler|ANP|NurPhoto)(?: (?:file|photo|via [^.!?]{1,40}))?)$")
_CAPTION_LEAD = re.compile(r"^(?:file )?(?:photo|image|picture)s? (?:used|taken|shows|for|of|from)\b|^(?:foto|fotografia|photo|bild)\s*:\s*\S", _I)
# A caption ending in its credit: "... Photograph: Name", "... Photo: Name/Outlet.", "... - Copyright AP Photo/Name".
_CREDIT_TAIL = re.compile(r"(?:[.!?)]\s+|\s[-–—]\s*)(?:(?:photo(?:graph)?|image|picture|foto|credit|source|copyright)\s*:|copyright\s|©)"
                          r"\s*[^.!?]{1,60}\.?$", _I)
# "... the day of the first round. (Photo: Agency/Name)": a caption closed by its credit in brackets.
_CREDIT_BRACKET = re.compile(r"\S\s*\((?:photo(?:graph)?|image|picture|foto|credit|illustration)s?\s*(?:by|:)\s*[^()]{1,60}\)\.?$", _I)
_PULL_QUOTE = re.compile(r"^[“\"][^“”\"]{20,300}[”\"]$")
_BYLINE_LABEL = re.compile(r"^(?:authors?|autor(?:es|en|i|ul)?|auteurs?|penulis|(?:written|prepared) by|reporter|redakteur|editor)\s*:\s*"
                           r"[A-Z][^.!?]{0,120}$", _I)
# "[Comment: check this figure — AL]", "[Photo]": a line wholly in square brackets is an editor's note or a placeholder.
_BRACKETED = re.compile(r"^\[[^\[\]]{2,300}\]$")
_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,5})?$", _I)
_VERDICT = re.compile(r"^(?:what (?:is|was) being (?:shared|said|claimed)|what the (?:post|video|claim) says|claim|rating|verdict|our rating|the claim|fact|conclusion|veredicto|verdicto|fals|fake)\s*:\s*\S", _I)
_NUMBER = re.compile(r"^[#\d][\d\s/.-]*$")
_NUMERIC_DATE = re.compile(r"^(?:[0-3]?\d[./-][0-3]?\d[./-](?:19|20)\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d)\.?$")  # a date, not a number
_ISSUE = re.compile(r"^(?:issue|no\.|edition|vol\.)\s*#?\d+\b[^.!?]{0,60}$", _I)
# A promotion in the imperative or as a slogan: "Get the ... news you need, every morning.", "... straight to your inbox."
_PROMO = re.compile(r"^(?:(?:get|receive|read|enjoy|start your day with|stay (?:informed|ahead) with)\b.{0,70}\b(?:every (?:morning|"
                    r"day|evening|week|weekday)|daily|weekly|each (?:morning|day|week))|.{0,70}\b(?:straight|direct(?:ly)?|"
                    r"delivered) (?:to|into) your (?:inbox|phone|e-?mail)|(?:get|receive|sign up for)\b.{0,60}\b(?:by|via|in your) (?:e-?mail|inbox))\W*$", _I)
_AD_LABEL = re.compile(r"\b(?:AD|Ad|ADS|Ads|ADVT|Advt|ADVERTISEMENT|Advertisement|ANZEIGE|Anzeige|IKLAN|Iklan)\W*$")
_SKIP = re.compile(r"^(?:skip (?:to|navigation)|(?:go|jump) to (?:the )?(?:main |page )?(?:content|navigation|accessibility|menu))\b", _I)
# English UI phrases that are whole lines of furniture in any outlet.
_UI_EN = re.compile(
    r"^(?:key (?:events|findings|points|takeaways|judgments)|overview|introduction|background|abstract|conclusions?|methodology|show key events only|executive summary|summary|table of contents|contents|"
    r"download(?: the)? (?:pdf|report|full report)\b.*|authors?|press contacts?|media contacts?|contacts?|recommendations|"
    r"for immediate release|immediate release|office of public affairs|purchase licensing rights|ad feedback|"
    r"sponsored (?:stories|links|content)(?: by \w+)?|english(?: edition)?|en|cite this\b.*|phone\s*[+\d].*|"
    r"our standards\b.*|please (?:turn on|enable) javascript\b.*|join (?:our|the) (?:commenting forum|discussion)\b.*|"
    r"join thought-provoking conversations\b.*|did you see something you want us to check\b.*|"
    r"that's (?:all|it) for (?:this|today)\b.*|reply to this (?:e-?mail|message|newsletter)\b.*|forward (?:this |it )?to a friend\b.*|view (?:this (?:e-?mail|issue) )?in (?:your |a )?browser\b.*|catch all the\b.*\bon\b.*|"
    r"\(?this (?:story|article) has not been edited\b.*|this interview has been edited for (?:length|clarity)\b.*|"
    r"text ad\b.*|support\b.{0,40}\bjournalism\b.*|advt|ad|ads|(?:read|see) also\b.*|what you need to know|in this issue|this week'?s reading|"
    r"also in the news|more headlines|in brief|at a glance|listen to this article|view comments|tweet|"
    r"(?:topics?|components?|tags?|categories|sections?)(?:\(s\))?\s*:|topics|tags|reuse this content|"
    r"comments|comments (?:have been|are) (?:closed|disabled)\b.*|(?:news|press|media) release|media (?:advisory|note)|"
    r"fran[çc]ais|español|deutsch|português|italiano|polski|中文|"
    r"a version of this (?:article|story) appears in print\b.*|the views expressed\b.{0,60}\bauthor(?:s|\(s\))?\b.*|"
    r"disclaimer\s*:.*|(?:the )?(?:views|opinions) expressed\b.{0,80}\b(?:do not|don't|does not|not necessarily)\b.*)\W*$", _I)
# "Tags: Russia, elections" in any language: a label and a list of words.
_TAG_LIST = re.compile(r"^(?:tags?|topics?|etiquetas|schlagw[öo]rter|mots-cl[ée]s|t[óo]picos|temas|subjects?|keywords)\s*:\s*"
                       r"[^.!?:]{1,120}$", _I)
# Notes about the page, not the story: where it first ran, its translation, its corrections, other editions.
_PAGE_NOTE = re.compile(
    r"^(?:(?:this|the) (?:article|story|report|piece|post|interview|column|text) (?:(?:was|is|has been) )?(?:first|originally) "
    r"(?:appeared|published|ran|posted|written)\b|(?:this|the) (?:article|story|report|piece|post|interview|column|text) "
    r"(?:was|is|has been) (?:\w+ )?(?:republished|translated|machine-translated|adapted from)\b|republish(?:ed|ing)\b|"
    r"translated (?:from|by)\b|(?:translator'?s|translation|editor'?s|correction|clarification)(?: note)?\s*(?:\([^)]{1,30}\))?\s*:|"
    r"corrections? (?:appended|to this (?:article|story))\b|"
    r"(?:read|view) (?:this (?:article|story|page) |the (?:original|article|story) |it )?(?:in|the original in) [^\W\d][\w ]{1,20}$|"
    r"(?:read|view) the original\b.{0,40}$|(?:leer|lire|ler|leggi|citește|czytaj|lesen sie) (?:en|em|in|în|po) \w+$|"
    r"(?:versión|version|versão|versione) (?:en|em|in) \w+$|auf \w+ lesen$)", _I)
# "... an independent newsroom. Read the original article.": a pointer to the first publisher closing a note
_ORIGINAL_TAIL = re.compile(r"(?:^|[.!?]\s+)(?:read|view|see) the original(?: (?:article|story|version|report))?(?: here)?\W*$", _I)
PAGE_NOTE = "a note about the page (where it first ran, its translation or correction, other editions)"
_CLICK_HERE = re.compile(r"\bclick here\b", _I)
# UI words of other languages (ads, share, read also, most read, imprint, cookies).
_UI_OTHER = re.compile(
    r"^(?:anzeige|werbung|mehr zum thema|meistgelesen|impressum|datenschutz|kontakt|publicitate|reclam[aă]|cele mai citite|"
    r"citește și|citeste si|iklan|terpopuler|baca juga|berita terkait|publicidade|publicidad|publicité|anuncio|"
    r"leia (?:também|mais)|lea también|à lire aussi|lire aussi|les plus lus|más leídas|mais lidas|faktencheck|"
    r"hak cipta|toate drepturile|alle rechte|todos los derechos|tous droits|sari la conținut|sari la continut|"
    r"suscr[íi]bete|abonnez-vous|inscreva-se|abonează-te|newsletter abonnieren|jetzt abonnieren|"
    r"zum inhalt|aller au contenu|ir al contenido|saltar (?:para o|al) conte[úu]do|langsung ke konten|lewati ke konten)\b", _I)
_EN_WORDS = set("the a an of to in and is are was were for on with that this by from at as it its be has have had not "
                "but or which who their they he she said says will would after over into than about".split())
_OTHER_WORDS = set(
    "der die das und ist nicht sie wir mit von zu den dem für auf ein eine zum zur im des sich auch "
    "și si în pe cu la care este din pentru nu un o al ale mai cel cea despre "
    "yang dan di ini itu dengan untuk dari ke tidak akan pada juga lebih hari ada "
    "le les des et est une du pour dans sur avec qui que ne pas au aux "
    "el los las y es del para con una por se lo su como más "
    "os e é do da dos das em para com uma não mais "
    "się nie na do że jak po ale od za jest dla oraz przez czy już tylko jego jej są być został więcej wszystkie "
    "het een en van op te dat met voor niet zijn aan ook er om naar bij uit wordt worden meer "
    "il gli della delle degli dei che non è una per con sono alla nel nella anche più come dopo "
    "je se že ve pro jako jsou byl bylo také podle "
    "ve bir için ile olarak daha çok gibi "
    "och att det är som för på med av till inte har".split()) - _EN_WORDS - {"die", "o", "son", "pe", "van", "de"}


# Headings of what follows an article: notes to editors, the authors' bios, references (in a few languages).
_END_SECTION = re.compile(
    r"^(?:notes? (?:to|for) (?:the )?editors?|editors'? notes|about the (?:authors?|writers?|reporters?|contributors?)|"
    r"footnotes|endnotes|references|notes|bibliography|further reading|notes? aux rédactions|"
    r"notas? (?:para|a) (?:los |os |as )?(?:editores|redacciones|redações|redacções)|hinweise? für (?:die )?redaktionen?|"
    r"über (?:den|die) autor(?:in|en|innen)?|à propos (?:de l'|des )auteur(?:e|s)?|sobre (?:el|la|o|a|os) autor(?:a|es)?|"
    r"despre autor(?:i)?|tentang penulis|o autorze|over de auteurs?)\s*:?$", _I)
END_SECTION = "a heading of the notes after the article"


def end_section(text: str) -> str:
    """END_SECTION when the line heads the notes under an article (what follows it is not the article)."""
    return END_SECTION if _END_SECTION.match(" ".join(text.split())) else ""


# The header of a saved or forwarded e-mail: "From: Desk <news@x.example>", "Subject: ...", "Date: Sat, 21 Dec 2019 08:00".
_MAIL_ADDRESS = re.compile(r"^(?:from|to|cc|bcc|reply-to|sender)\s*:\s*[^<>]{0,80}<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?$", _I)
_MAIL_OTHER = re.compile(r"^(?:subject|date|sent)\s*:\s*\S", _I)


def mail_header(text: str) -> str:
    """Why the line is a line of an e-mail's header ('' when it is not): a newsletter saved from the inbox."""
    line = " ".join(text.split())
    if _MAIL_ADDRESS.match(line):
        return "an e-mail header line"
    if _MAIL_OTHER.match(line) and len(line.split()) <= 24 and (
            not line.lower().startswith(("date", "sent")) or re.search(r"\b(?:19|20)\d\d\b|\d:\d\d", line)):
        return "an e-mail header line"
    return ""


def shape_reason(text: str) -> str:
    """Why ``text`` is furniture by its shape or UI words ('' when it is not)."""
    line = " ".join(text.split())
    n = len(line.split())
    if _SKIP.match(line):
        return "a 'skip to' link"
    if n <= 14 and (_SHARE_ROW.match(line) or _SHARE_ONE.match(line) or _SHARE_LABELLED.match(line)
                    or (_SHARE_LEAD.match(line) and not line.endswith("."))):
        return "a share row"
    if n <= 12 and (_READ_TIME.search(line) or _READ_TIME_LEAD.match(line)):
        return "a reading time"
    if n <= 3 and _END_MARK.match(line) and re.search(r"\w|#", line):
        return "an end mark"
    if n <= 30 and _UI_EN.match(line) or n <= 14 and _UI_OTHER.match(line):
        return "a page label or prompt"
    if n <= 20 and _TAG_LIST.match(line):
        return "a list of tags"
    if (n <= 70 and _PAGE_NOTE.match(line.rstrip(".")) or n <= 30 and _ORIGINAL_TAIL.search(line)) and not _date_line(line):
        return PAGE_NOTE  # "Republished Monday 23 December 2019" is a date line, read for its date
    if n <= 30 and _CLICK_HERE.search(line):
        return "a prompt to click"
    if n <= 8 and _BUTTONS.search(line) and not line.endswith("."):
        return "cookie or consent buttons"
    if n <= 8 and _BREADCRUMB.match(line):
        return "a breadcrumb"
    if n <= 60 and (_CREDIT.search(line) or _CAPTION_LEAD.match(line) or _CREDIT_TAIL.search(line)
                    or _CREDIT_BRACKET.search(line)):
        return "a picture caption or credit"
    if n <= 50 and _PULL_QUOTE.match(line):
        return "a pull quote (a quotation without its speaker)"
    if n <= 24 and _BYLINE_LABEL.match(line):
        return "a byline line (authors)"
    if n <= 50 and _BRACKETED.match(line):
        return "an editor's note or placeholder in square brackets"
    if n <= 4 and _TIMESTAMP.match(line):
        return "a timestamp"
    if n <= 60 and _VERDICT.match(line):
        return "a fact-check claim or rating label"
    if _NUMBER.match(line) and not _NUMERIC_DATE.match(line):
        return "a number on its own"
    if n <= 6 and _UPDATED.match(line):
        return "an 'Updated' line (kept as the updated date)"
    if n <= 5 and _AD_LABEL.search(line) and not line.endswith("."):
        return "an advertisement label"
    if n <= 16 and _PROMO.match(line):
        return "a promotion (newsletter, alerts)"
    if n <= 12 and _ISSUE.match(line):
        return "an issue line"
    if n <= 6 and _LABEL_COLON.match(line):
        return "a label"
    if n <= 4 and line.upper() == line and re.search(r"[A-Z]{2}", line) and not re.search(r"\d", line):
        return "a label in capitals"
    return ""


_RELATIVE_DATE = re.compile(
    r"^(?:(?:last )?(?:published|updated|posted|modified)\s*:?\s*)?(?:(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|"
    r"hrs?|days?|weeks?)\s+ago|(?:today|yesterday|(?:last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?:,?\s*(?:at\s+)?"
    r"[0-2]?\d[:.][0-5]\d\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,5})?)?)\W*$", _I)
RELATIVE = "a relative date (the day it counts from is not given)"


def _date_line(line: str) -> bool:
    from site_builder.ingest.extract.dates import parse_date_line

    return parse_date_line(line) is not None


def relative_date(text: str) -> str:
    """RELATIVE when the line is only a date relative to the reader's day ("2 hours ago", "Yesterday at 14:30")."""
    line = " ".join(text.split())
    return RELATIVE if len(line.split()) <= 8 and _RELATIVE_DATE.match(line) else ""


def is_foreign(text: str, loose: bool = False) -> bool:
    """A line in another language than English: foreign function words and no English ones.

    ``loose`` (a line next to other foreign lines): one foreign word or letter is enough.
    """
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    if len(tokens) < 2:
        return False
    english = sum(t in _EN_WORDS for t in tokens)
    other = sum(t in _OTHER_WORDS for t in tokens)
    if loose and english == 0 and len(tokens) <= 8 and (other or re.search(r"[ăâșțßäöüãõç]", text.lower())):
        return True
    return other >= 2 and english == 0 or other >= 3 and other > 2 * english


def mostly_english(texts: list[str]) -> bool:
    """True when the dump's running text is English (so lines in other languages are its menus).

    Running text is the long lines: many short menu items in another language do not outweigh it.
    """
    running = [text for text in texts if len(text.split()) >= 20] or texts
    words = [t for text in running for t in re.findall(r"[^\W\d_]+", text.lower())]
    english = sum(t in _EN_WORDS for t in words)
    other = sum(t in _OTHER_WORDS for t in words)
    return english >= 20 and english > 3 * other


_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _scripts(text: str) -> Counter:
    """How many letters of ``text`` are in each script ("LATIN", "ARABIC", "SINHALA", "CJK" ...)."""
    out: Counter = Counter()
    latin = len(_ASCII_LETTERS.findall(text))  # most text is ASCII: counted at C speed
    if latin:
        out["LATIN"] = latin
    for ch in _NON_ASCII.findall(text):
        if ch.isalpha():
            out[unicodedata.name(ch, "? ?").split(" ")[0]] += 1
    return out


def main_script(texts: list[str]) -> str:
    """The script the dump's running text is written in (its long lines), '' when there is none."""
    running = [t for t in texts if len(t.split()) >= 20] or texts
    found = sum((_scripts(t) for t in running), Counter())
    return found.most_common(1)[0][0] if found else ""


def other_script(text: str, main: str) -> bool:
    """Most of the line's letters are in another script than the running text's: a menu, label or banner
    of the site around an article in another language (Urdu menus around an English story, say)."""
    found = _scripts(text)
    letters = sum(found.values())
    return bool(main) and letters >= 2 and found[main] < 0.4 * letters


_LEAD_LABEL = re.compile(r"^[^\W\d][^:.!?“”\"]{0,24}:\s*(?=[“\"‘])")


def drop_repeats(blocks: list, dropped: list[tuple[str, str]]) -> list:
    """The blocks without pull quotes and captions that repeat a sentence of another paragraph."""
    texts = [" ".join(b.text.split()) for b in blocks]
    folded = [t.casefold() for t in texts]
    kept = []
    for i, block in enumerate(blocks):
        # "PULL QUOTE: “...”", "Quote: ...": the label in front is not part of what is repeated
        inner = _LEAD_LABEL.sub("", texts[i]).strip("“”\"‘’ ").casefold()
        inner = inner[:-1] if inner.endswith(".") else inner
        if 5 <= len(inner.split()) <= 40 and any(j != i and inner in folded[j] and len(texts[j]) > len(texts[i])
                                                 for j in range(len(texts))):
            dropped.append((block.text, "a pull quote or caption repeating the body"))
            continue
        kept.append(block)
    return kept
