from vernelogg.i18n import N_
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.amu.page import AmuPage

    return AmuPage(ctx)


PAGE = PageSpec("amu", N_("AMU"), _make)
