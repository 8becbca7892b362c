from geo import taxonomy

ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"}


def test_taxonomy_is_acled_plus_diplomacy():
    assert set(taxonomy.TYPE_NAMES) == ACLED_TYPES | {"Diplomacy"}


def test_each_type_has_its_own_colour_and_icon():
    colours = [t.colour for t in taxonomy.EVENT_TYPES]
    icons = [t.icon for t in taxonomy.EVENT_TYPES]
    assert len(set(colours)) == len(colours)
    assert len(set(icons)) == len(icons)
    assert all(c.startswith("#") and len(c) == 7 for c in colours)


def test_sub_types_belong_to_their_type():
    assert taxonomy.is_valid("Battles", "Government regains territory")
    assert taxonomy.is_valid("Diplomacy", "Meeting or call")
    assert not taxonomy.is_valid("Protests", "Air/drone strike")
    assert not taxonomy.is_valid("Weather")


def test_unknown_type_is_grey_not_an_error():
    assert taxonomy.colour_for("Weather") == taxonomy.UNKNOWN_COLOUR
    assert taxonomy.colour_for("Battles") == "#d62728"
