from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.rounds.page import RoundsPage

    return RoundsPage(ctx)


PAGE = PageSpec("vernerunder", "Vernerunder", _make)
