from vernelogg.i18n import N_
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.risk.page import RiskPage

    return RiskPage(ctx)


PAGE = PageSpec("risiko", N_("Risikovurderinger"), _make)
