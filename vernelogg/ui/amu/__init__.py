from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.amu.page import AmuPage

    return AmuPage(ctx)


PAGE = PageSpec("amu", "AMU", _make)
