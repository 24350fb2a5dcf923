from vernelogg.ui.overview.page import EXTRA_CARDS
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.amu.page import AmuPage

    return AmuPage(ctx)


def _card(ctx):
    from vernelogg.ui.amu.overview_card import amu_card

    return amu_card(ctx)


PAGE = PageSpec("amu", "AMU", _make)
if _card not in EXTRA_CARDS:
    EXTRA_CARDS.append(_card)  # the next meeting and overdue decisions on the overview
