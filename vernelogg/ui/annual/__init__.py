from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.annual.page import AnnualPage

    return AnnualPage(ctx)


PAGE = PageSpec("arsoversikt", "Årsoversikt", _make)
