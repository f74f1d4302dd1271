"""bot/turns.py: the aspect remembered between turns, with the year of the figures just given."""

from bot.turns import aspect_year, dated, split_aspect


def test_the_year_rides_on_the_aspect_and_leaves_its_name_and_measure_alone():
    assert split_aspect("figures:emplois@2019") == ("figures", "emplois") == split_aspect("figures:emplois")
    assert split_aspect("figures@2016") == ("figures", None)
    assert aspect_year("figures:emplois@2019") == 2019
    assert aspect_year("figures:emplois") is None and aspect_year(None) is None


def test_only_one_year_is_remembered():
    assert dated("figures:emplois", [2019, 2019]) == "figures:emplois@2019"
    assert dated("figures:emplois", [2018, 2019]) == "figures:emplois"
    assert dated("figures", [None]) == "figures" and dated("figures", []) == "figures"
