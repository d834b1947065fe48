"""Name shapes: a romanised given name with a hyphen and a lower-case second syllable is part of a
name; a world region is not a name."""

from site_builder.ingest.extract.names import proper_names


def _names(text: str) -> list[str]:
    return [n.name for n in proper_names(text)]


def test_a_hyphenated_given_name_with_a_lower_case_syllable_is_part_of_the_name():
    assert "Chen Mei-ling" in _names("Voters in Tainan backed Chen Mei-ling by a wide margin on Saturday.")
    assert "Wang Jin-pyo" in _names("The court heard that Wang Jin-pyo ran the accounts from a flat in Seoul.")


def test_a_place_and_a_short_participle_is_not_a_name():
    assert _names("A Moscow-led network and a Kyiv-born blogger posted the clips.") == []


def test_a_world_region_is_not_a_name():
    assert _names("The network also ran pages aimed at Southeast Asia and at Latin America last year.") == []
