from vernelogg.i18n import N_
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.rounds.page import RoundsPage

    return RoundsPage(ctx)


PAGE = PageSpec("vernerunder", N_("Vernerunder"), _make)
