"""Fatalities of one incident (issue 13 point 7), on short texts of our own."""

from geo.extract.fatalities import find_fatalities


def _count(text):
    f = find_fatalities(text)
    return f.count if f else None


def test_executed_counts_as_deaths():
    assert _count("Rebels said 14 prisoners were executed by the militia near the dam.") == 14
    assert _count("Nine farmers executed by gunmen were buried on Tuesday.") == 9


def test_claimed_the_lives_of():
    assert _count("The shelling hit a market, claiming the lives of seven people.") == 7
    assert _count("The raid claimed the life of one fighter.") == 1


def test_fatally_shot():
    assert _count("Officers fatally shot a man outside the station.") == 1
    assert _count("Guards fatally shot two protesters on Monday.") == 2


def test_toll_over_a_stretch_of_time_is_not_the_incidents_own():
    assert _count("At least 40 fighters have been killed in the past 48 hours in the valley.") is None
    assert _count("Air strikes killed nearly 30 people over the past three days, a monitor said.") is None
    # a toll of one day stays
    assert _count("Air strikes killed 12 people in the town on Sunday.") == 12


def test_count_before_an_including_aside():
    assert _count("Twenty civilians - including four children - were killed in the raid.") == 20
    assert _count("At least 11 people, among them two women, were killed on Monday.") == 11
