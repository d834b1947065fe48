"""Everyday names of countries that ISO 3166 does not spell: short names, demonyms, capitals.

One table for the whole builder: ``check`` accepts these names in briefings and
ingest finds them in articles, so "UK", "Britain" and "Ivory Coast" mean the
same country to both. Kosovo, which ISO 3166 does not list, has the code XK
that the EU and most registries use (``EXTRA_CODES``).

The knowledge base stays the authority (a curated entry wins); these forms
only fill gaps and resolve through the ISO code to its canonical name. Columns: ISO code | other names | demonyms | capital (or main dateline city).
Plural demonyms ("Moldovans") are derived by ``demonym_forms``.
"""

from __future__ import annotations

_TABLE = """
AF|Afghanistan|Afghan|Kabul
AL||Albanian|Tirana
DZ||Algerian|Algiers
AD||Andorran|Andorra la Vella
AO||Angolan|Luanda
AR||Argentine;Argentinian|Buenos Aires
AM||Armenian|Yerevan
AU||Australian|Canberra
AT||Austrian|Vienna
AZ||Azerbaijani;Azeri|Baku
BS||Bahamian|Nassau
BH||Bahraini|Manama
BD||Bangladeshi|Dhaka
BB||Barbadian|Bridgetown
BY||Belarusian|Minsk
BE||Belgian|Brussels
BZ||Belizean|Belmopan
BJ||Beninese|Porto-Novo
BT||Bhutanese|Thimphu
BO|Bolivia|Bolivian|La Paz
BA|Bosnia;Bosnia-Herzegovina|Bosnian|Sarajevo
BW||Botswanan|Gaborone
BR||Brazilian|Brasília
BN||Bruneian|Bandar Seri Begawan
BG||Bulgarian|Sofia
BF||Burkinabe|Ouagadougou
BI||Burundian|Gitega
KH||Cambodian|Phnom Penh
CM||Cameroonian|Yaoundé
CA||Canadian|Ottawa
CV||Cape Verdean|Praia
CF|Central African Republic|Central African|Bangui
TD||Chadian|N'Djamena
CL||Chilean|Santiago
CN|PRC|Chinese|Beijing
CO||Colombian|Bogotá
KM||Comoran|Moroni
CG|Republic of the Congo;Congo-Brazzaville||Brazzaville
CD|DR Congo;DRC;Democratic Republic of the Congo;Congo-Kinshasa|Congolese|Kinshasa
CR||Costa Rican|San José
CI|Ivory Coast;Côte d'Ivoire|Ivorian|Yamoussoukro
HR||Croatian|Zagreb
CU||Cuban|Havana
CY||Cypriot|Nicosia
CZ|Czech Republic|Czech|Prague
DK||Danish|Copenhagen
DJ||Djiboutian|Djibouti
DO||Dominican|Santo Domingo
EC||Ecuadorian|Quito
EG||Egyptian|Cairo
SV||Salvadoran|San Salvador
GQ||Equatorial Guinean|Malabo
ER||Eritrean|Asmara
EE||Estonian|Tallinn
SZ|Swaziland|Swazi|Mbabane
ET||Ethiopian|Addis Ababa
FJ||Fijian|Suva
FI||Finnish|Helsinki
FR||French|Paris
GA||Gabonese|Libreville
GM|The Gambia|Gambian|Banjul
GE||Georgian|Tbilisi
DE||German|Berlin
GH||Ghanaian|Accra
GR||Greek|Athens
GT||Guatemalan|Guatemala City
GN||Guinean|Conakry
GW||Bissau-Guinean|Bissau
GY||Guyanese|Georgetown
HT||Haitian|Port-au-Prince
HN||Honduran|Tegucigalpa
HU||Hungarian|Budapest
IS||Icelandic|Reykjavik
IN||Indian|New Delhi
ID||Indonesian|Jakarta
IR|Iran|Iranian|Tehran
IQ||Iraqi|Baghdad
IE||Irish|Dublin
IL||Israeli|Jerusalem
IT||Italian|Rome
JM||Jamaican|Kingston
JP||Japanese|Tokyo
JO||Jordanian|Amman
KZ||Kazakh;Kazakhstani|Astana
KE||Kenyan|Nairobi
KI||I-Kiribati|Tarawa
KP|North Korea;DPRK|North Korean|Pyongyang
KR|South Korea|South Korean|Seoul
KW||Kuwaiti|Kuwait City
KG||Kyrgyz|Bishkek
LA|Laos|Lao;Laotian|Vientiane
LV||Latvian|Riga
LB||Lebanese|Beirut
LS||Basotho|Maseru
LR||Liberian|Monrovia
LY||Libyan|Tripoli
LI||Liechtensteiner|Vaduz
LT||Lithuanian|Vilnius
LU||Luxembourgish|Luxembourg
MG||Malagasy|Antananarivo
MW||Malawian|Lilongwe
MY||Malaysian|Kuala Lumpur
MV||Maldivian|Malé
ML||Malian|Bamako
MT||Maltese|Valletta
MH||Marshallese|Majuro
MR||Mauritanian|Nouakchott
MU||Mauritian|Port Louis
MX||Mexican|Mexico City
FM|Micronesia|Micronesian|Palikir
MD|Moldova|Moldovan|Chișinău
MC||Monégasque;Monacan|Monaco
MN||Mongolian|Ulaanbaatar
ME||Montenegrin|Podgorica
MA||Moroccan|Rabat
MZ||Mozambican|Maputo
MM|Burma|Burmese|Naypyidaw
NA||Namibian|Windhoek
NR||Nauruan|Yaren
NP||Nepalese;Nepali|Kathmandu
NL|Holland;The Netherlands|Dutch|Amsterdam
NZ||New Zealander|Wellington
NI||Nicaraguan|Managua
NE||Nigerien|Niamey
NG||Nigerian|Abuja
MK|Macedonia|Macedonian|Skopje
NO||Norwegian|Oslo
OM||Omani|Muscat
PK||Pakistani|Islamabad
PW||Palauan|Ngerulmud
PS|Palestine;Palestinian territories|Palestinian|Ramallah
PA||Panamanian|Panama City
PG||Papua New Guinean|Port Moresby
PY||Paraguayan|Asunción
PE||Peruvian|Lima
PH|The Philippines|Filipino;Philippine|Manila
PL||Polish|Warsaw
PT||Portuguese|Lisbon
QA||Qatari|Doha
RO||Romanian|Bucharest
RU|Russia;Kremlin;The Kremlin|Russian|Moscow
RW||Rwandan|Kigali
WS||Samoan|Apia
SM||Sammarinese|San Marino
ST||São Toméan|São Tomé
SA||Saudi;Saudi Arabian|Riyadh
SN||Senegalese|Dakar
RS||Serbian|Belgrade
SC||Seychellois|Victoria
SL||Sierra Leonean|Freetown
SG||Singaporean|Singapore
SK||Slovak;Slovakian|Bratislava
SI||Slovenian;Slovene|Ljubljana
SB||Solomon Islander|Honiara
SO||Somali|Mogadishu
ZA||South African|Pretoria
SS||South Sudanese|Juba
ES||Spanish|Madrid
LK||Sri Lankan|Colombo
SD||Sudanese|Khartoum
SR||Surinamese|Paramaribo
SE||Swedish|Stockholm
CH||Swiss|Bern
SY|Syria|Syrian|Damascus
TW|Taiwan|Taiwanese|Taipei
TJ||Tajik|Dushanbe
TZ|Tanzania|Tanzanian|Dodoma
TH||Thai|Bangkok
TL|East Timor|Timorese|Dili
TG||Togolese|Lomé
TO||Tongan|Nuku'alofa
TT||Trinidadian|Port of Spain
TN||Tunisian|Tunis
TR|Turkey|Turkish|Ankara
TM||Turkmen|Ashgabat
TV||Tuvaluan|Funafuti
UG||Ugandan|Kampala
UA||Ukrainian|Kyiv;Kiev
AE|UAE;Emirates|Emirati|Abu Dhabi
GB|UK;U.K.;Britain;Great Britain|British|London
US|US;U.S.;USA;U.S.A.;United States of America|American|Washington
UY||Uruguayan|Montevideo
UZ||Uzbek|Tashkent
VU||Ni-Vanuatu|Port Vila
VA|Vatican;Holy See||Vatican City
VE|Venezuela|Venezuelan|Caracas
VN|Vietnam|Vietnamese|Hanoi
YE||Yemeni|Sanaa
ZM||Zambian|Lusaka
ZW||Zimbabwean|Harare
HK||Hong Konger|
XK|Kosovo|Kosovar|Pristina
"""

# Codes outside ISO 3166 that the table names, with their names.
EXTRA_CODES = {"XK": "Kosovo"}

# Demonyms whose plural is the same word ("the Chinese", "the Swiss").
_INVARIANT_ENDINGS = ("ese", "ss", "sh", "ch", "i", "ois")


def _rows() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    rows = {}
    for line in _TABLE.strip().splitlines():
        code, names, demonyms, capitals = (line.split("|") + ["", "", ""])[:4]
        split = lambda cell: tuple(x.strip() for x in cell.split(";") if x.strip())  # noqa: E731
        rows[code] = (split(names), split(demonyms), split(capitals))
    return rows


ROWS = _rows()


def demonym_forms(demonym: str) -> list[str]:
    """A demonym and its plural: "Moldovan" -> ["Moldovan", "Moldovans"]."""
    if demonym.endswith(_INVARIANT_ENDINGS):
        return [demonym]
    return [demonym, demonym + "s"]


def other_names(code: str) -> tuple[str, ...]:
    return ROWS.get(code, ((), (), ()))[0]


def demonyms(code: str) -> tuple[str, ...]:
    return ROWS.get(code, ((), (), ()))[1]


def capitals(code: str) -> tuple[str, ...]:
    return ROWS.get(code, ((), (), ()))[2]


def capital_index() -> dict[str, str]:
    """Capital (as written, any case) -> ISO code, for datelines like "PRAGUE —"."""
    from site_builder.content.slugs import fold

    return {fold(city): code for code, (_, _, cities) in ROWS.items() for city in cities}
