from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.stoppage.page import StoppagePage

    return StoppagePage(ctx)


PAGE = PageSpec("stansing", "Stansing", _make)
