"""Furniture shapes seen on pages nobody tuned on: credits at the end of captions, one share
button a line, comment gates, language switches, release labels, tag lists, print notes."""

import pytest

from site_builder.ingest.split.furniture import shape_reason

FURNITURE = [
    "Fishermen mend nets at the harbour in Gizo on 3 March. Photograph: Mele Example",
    "Foto: Queues form outside a school in Belém on 2 October 2022 (Example Agency)",
    "A stall owner reads the morning paper in Batumi on 1 May 2024. Photo: Nino Example/Example Media.",
    "The candidate waves to a crowd in Cahul, 2 June 2024. - Copyright AP Photo/Jon Example",
    "Compartilhe: Facebook  WhatsApp  X",
    "Compartir en Facebook",
    "Partager sur X",
    "Temps de lecture 4 min.",
    "Go to accessibility shortcuts",
    "Comments have been closed for this story.",
    "Comments",
    "Get the top stories of the day by email",
    "Français",
    "News release",
    "Reuse this content",
    "Topics",
    "ETIQUETAS: Elecciones, Chile, redes sociales",
    "Tags: Moldova, referendum, vote buying",
    "A version of this article appears in print on March 3, 2019, Section A, Page 6 of the New York edition.",
    "The views expressed here are those of the authors alone.",
    "All our briefings are on Telegram now! Click here to join the channel.",
]

BODY = [
    "Photographs of the forged ballots were shared on X and Telegram within hours.",
    "The ministry issued a news release on Monday naming the two networks.",
    "Comments made by the minister on Tuesday drew criticism from the opposition.",
    "Investigators said the accounts shared the same posts on Facebook and WhatsApp.",
    "The report, Photo Finish, was published in French and English.",
    "Topics raised at the hearing included foreign funding of the campaign.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_the_shape_is_furniture(line):
    assert shape_reason(line), line


@pytest.mark.parametrize("line", BODY)
def test_a_body_sentence_is_not(line):
    assert shape_reason(line) == "", line


@pytest.mark.parametrize("line", ["Overview", "Introduction", "Key judgments",
                                  "What is being shared: a clip claiming the count was rigged in the capital."])
def test_section_headings_and_claim_blocks_are_furniture(line):
    assert shape_reason(line), line


def test_many_short_menu_lines_in_another_language_do_not_outweigh_the_english_article():
    from site_builder.ingest.split.furniture import mostly_english

    menus = ["Accueil du site", "Le fil de la rédaction", "Les plus lus de la semaine", "Se connecter pour lire la suite",
             "Nous utilisons des cookies sur ce site", "Vous lisez le journal sur un autre appareil"] * 2
    body = ["The electoral commission said on Monday that the count in the north had been checked twice, and that "
            "observers from the regional body had been present at each of the polling stations they asked to see.",
            "The ministry said it had asked the platform to remove the accounts that shared the forged letter, which "
            "was posted hours before the polls opened and was later shown to be a fake by two fact-checkers."]
    assert mostly_english(menus + body)


@pytest.mark.parametrize("line", ["Latest", "Editor's picks"])
def test_a_list_heading_starts_a_related_list(line):
    from site_builder.ingest.split.clean import RELATED, classify_why

    assert classify_why(line)[0] == RELATED
    assert classify_why(line + " figures show turnout rose in the north.")[0] != RELATED
