from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.areas.page import AreasPage

    return AreasPage(ctx)


PAGE = PageSpec("verneomrader", "Verneområder og roller", _make)
