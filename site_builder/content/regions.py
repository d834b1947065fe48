"""First-level regions (states, provinces, nations) of the countries whose regions hold their own votes.

An article about ballots in Pennsylvania or a candidate in British Columbia is
about the United States or Canada even when it never names them, so ingest
reads a region as a mention of its country. Names that are also countries
(Georgia) are left out: ``match.AMBIGUOUS`` handles those from context.
"""

from __future__ import annotations

_TABLE = {
    "US": "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois "
          "Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri "
          "Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio "
          "Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont "
          "Virginia West_Virginia Wisconsin Wyoming",
    "CA": "Alberta British_Columbia Manitoba New_Brunswick Newfoundland_and_Labrador Nova_Scotia Ontario "
          "Prince_Edward_Island Quebec Saskatchewan Yukon Nunavut Northwest_Territories",
    "AU": "New_South_Wales Queensland South_Australia Tasmania Western_Australia Northern_Territory",
    "GB": "England Scotland Wales Northern_Ireland",
    "DE": "Bavaria Saxony Thuringia Brandenburg Hesse Saxony-Anhalt Mecklenburg-Western_Pomerania North_Rhine-Westphalia "
          "Lower_Saxony Baden-Württemberg Rhineland-Palatinate Schleswig-Holstein Saarland",
    "ES": "Catalonia Andalusia Galicia Basque_Country",
}


def regions() -> dict[str, str]:
    """Region name -> ISO code of its country."""
    return {name.replace("_", " "): code for code, names in _TABLE.items() for name in names.split()}
