from vernelogg.i18n import N_
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.areas.page import AreasPage

    return AreasPage(ctx)


PAGE = PageSpec("verneomrader", N_("Verneområder og roller"), _make)
