from site_builder.content.slugs import fold, is_valid_slug, slugify


def test_fold_ignores_diacritics_case_and_punctuation():
    assert fold("Chișinău") == fold("Chisinau") == fold("CHIȘINĂU")
    assert fold("Stačilo!") == fold("stacilo")
    assert fold("Babiš") == fold("Babis")
    assert fold("Andrej Babiš’s") == "andrej babiss"


def test_fold_keeps_different_names_apart():
    assert fold("Czechia") != fold("Czech Republic")
    assert fold("X") != fold("Xi")


def test_slugify_is_ascii_and_path_safe():
    assert slugify("Stačilo!") == "stacilo"
    assert slugify("Chișinău, Moldova") == "chisinau-moldova"
    assert slugify("../../etc/passwd") == "etc-passwd"
    for name in ("Stačilo!", "Călin Georgescu", "Party of Action & Solidarity", "X (Twitter)"):
        assert is_valid_slug(slugify(name))


def test_is_valid_slug_rejects_paths():
    for bad in ("../x", "a/b", "/abs", "Upper", "a--b", "", "-a"):
        assert not is_valid_slug(bad)
