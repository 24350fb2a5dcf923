from vernelogg.i18n import N_
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.annual.page import AnnualPage

    return AnnualPage(ctx)


PAGE = PageSpec("arsoversikt", N_("Årsoversikt"), _make)
