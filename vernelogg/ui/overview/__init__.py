from vernelogg.i18n import N_
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.overview.page import OverviewPage

    return OverviewPage(ctx)


PAGE = PageSpec("oversikt", N_("Oversikt"), _make)
