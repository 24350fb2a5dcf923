from vernelogg.i18n import N_
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.training.page import TrainingPage

    return TrainingPage(ctx)


PAGE = PageSpec("frister", N_("Opplæring og frister"), _make)
