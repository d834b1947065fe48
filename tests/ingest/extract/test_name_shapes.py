"""Name shapes: a romanised given name with a hyphen and a lower-case second syllable is part of a
name; a world region, or a place named after a saint or a mountain, is not a name."""

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


def test_a_place_named_after_a_saint_or_a_mountain_is_not_a_person():
    assert _names("The accounts were run by a St Petersburg agency and by a courier found in Mount Albert.") == []


def test_a_middle_initial_and_a_generation_are_part_of_a_persons_name():
    names = proper_names("The indictment was signed by Anna K. Lindqvist, the special counsel, and by John T. Weir III.")
    assert [(n.name, n.kind) for n in names] == [("Anna K. Lindqvist", "person"), ("John T. Weir III", "person")]
    assert _names("Voters backed Plan B in the poll.") == []
