"""The Kinerja & Kemitraan page: every tab builds and lists, the survey dialog shows the advice,
a bad input shows beside its field and saves nothing."""
from __future__ import annotations

import datetime as dt

import pytest

from kws_desktop.ui.pages.evaluation.page import EvaluationPage
from kws_desktop.ui.pages.evaluation.surveys_tab import SurveyDialog
from kws_desktop.ui.pages.evaluation.trainings_tab import TrainingDialog
from tests.ui.page_setup import shown_page


@pytest.fixture
def page(qtbot, book):
    from tests.services.evaluation_setup import make_setup
    setup = make_setup(book)
    p = shown_page(qtbot, book, EvaluationPage)
    yield p, setup
    p.ctx.book = None


def test_every_tab_refreshes(page):
    p, _setup = page
    for i in range(p.tabs.count()):
        p.tabs.setCurrentIndex(i)
        p.refresh()
    assert p.tabs.tabText(0) == "Ringkasan kinerja"


def test_survey_dialog_advice_and_error_beside_field(page, qtbot):
    from kws_desktop.services.evaluation import surveys
    p, setup = page
    d = SurveyDialog(p)
    qtbot.addWidget(d)
    d.document.setText(setup["order_number"])
    d.persons.setText("5")
    d.source.setCurrentIndex(d.source.findData("sumur_gali"))
    d.distance.setText("6")
    assert "1,7 x 0,85 x 1,5 m" in d.advice.text() and "kurang dari 10 m" in d.advice.text()
    d.distance.setText("-2")
    d.save()
    assert "negatif" in d.errors.message("well_distance_m")
    assert surveys.count_surveys(p.book) == 0
    d.distance.setText("12")
    d.save()
    assert surveys.count_surveys(p.book) == 1


def test_training_before_joining_is_shown_and_not_saved(page, qtbot):
    from kws_desktop.services.evaluation import trainings
    p, _setup = page
    d = TrainingDialog(p)
    qtbot.addWidget(d)
    d.start.set_value(dt.date(2024, 1, 1))
    d.end.set_value(dt.date(2024, 1, 1))
    d.save()
    assert "sebelum Siti Aminah bergabung" in d.errors.message("start_date")
    assert trainings.count_trainings(p.book) == 0
