"""National parliaments reporters name by their own name, each with its country's ISO code.

"The Bundestag election", "hackers got into the Storting's e-mail", "a bill before the
Sejm": the article is about that country's vote or elected body even where it never names
the country. Ingest reads such a name as a mention of its country (like a region, only as
a name of its own) and as evidence that the country's elected body is the target. Only
names used by one country are listed ("the Rada" is Ukraine's, "Bundesrat" is not here:
Germany, Austria and Switzerland each have one).
"""

from __future__ import annotations

_TABLE = {
    "DE": "Bundestag", "PL": "Sejm", "SE": "Riksdag Riksdagen", "IL": "Knesset", "UA": "Verkhovna_Rada",
    "NO": "Storting Stortinget", "DK": "Folketing Folketinget", "FI": "Eduskunta", "LV": "Saeima", "LT": "Seimas",
    "EE": "Riigikogu", "IN": "Lok_Sabha Rajya_Sabha", "IE": "Dáil Dáil_Éireann Oireachtas", "IS": "Althing Alþingi",
    "NL": "Tweede_Kamer", "HU": "Országgyűlés", "MK": "Sobranie", "HR": "Sabor", "TW": "Legislative_Yuan",
    "MN": "State_Great_Khural", "KZ": "Mazhilis", "KG": "Jogorku_Kenesh", "MY": "Dewan_Rakyat", "SI": "Državni_zbor",
}


def parliaments() -> dict[str, str]:
    """Parliament name -> ISO code of its country."""
    return {name.replace("_", " "): code for code, names in _TABLE.items() for name in names.split()}
