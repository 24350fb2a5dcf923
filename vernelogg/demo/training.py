"""Demo training records and the annual plan (årshjul) of Fjordheim Drift AS.

Most role holders are trained; some are not: a 32-hour course without the written
agreement (Ahmed), one with it (Lise), a refresher that is overdue (Per) and one due
soon (Mona), supplements missing, new holders with nothing yet. The plan has quarterly
rounds per area, four AMU meetings a year, elections, the AMU annual report, the
employee survey and a yearly review; past dates are mostly ticked done.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from vernelogg.demo.context import DemoContext
from vernelogg.demo.organisation import AREAS
from vernelogg.domain.annual_plan import ActivityKind, planned_dates
from vernelogg.domain.training import OLM_TOPICS, CourseFormat, CourseKind
from vernelogg.services import annual_plan, training
from vernelogg.services.training import Upload

ALL_TOPICS = tuple(OLM_TOPICS)
B = CourseKind.BASIC

# person, kind, started (days ago), completed (days ago), hours, provider, format,
# topics, agreement (days ago), certificate?
COURSES: list[
    tuple[
        str,
        CourseKind,
        int | None,
        int | None,
        float | None,
        str,
        CourseFormat,
        str,
        int | None,
        bool,
    ]
] = [
    ("per", B, 1155, 1150, 40, "AOF", CourseFormat.CLASSROOM, "abcdef", None, True),
    (
        "per",
        CourseKind.CHEMICAL_BIOLOGICAL,
        600,
        600,
        7,
        "Fjordheim BHT",
        CourseFormat.CLASSROOM,
        "",
        None,
        True,
    ),
    (
        "per",
        CourseKind.CHIEF_SUPPLEMENT,
        302,
        300,
        14,
        "Arbeidsmiljøsenteret",
        CourseFormat.MIXED,
        "",
        None,
        True,
    ),
    ("ingrid", B, 340, 330, 40, "Arbeidsmiljøsenteret", CourseFormat.DIGITAL, "abcdef", None, True),
    ("even", B, 215, 200, 40, "HMS-Forum", CourseFormat.ELEARNING, "abcdef", None, False),
    # 32 hours and no written agreement: counts as missing.
    ("ahmed", B, 50, 45, 32, "Regional kursleverandør", CourseFormat.CLASSROOM, "abce", None, True),
    (
        "ahmed",
        CourseKind.CHEMICAL_BIOLOGICAL,
        30,
        30,
        7,
        "Fjordheim BHT",
        CourseFormat.CLASSROOM,
        "",
        None,
        False,
    ),
    # 32 hours with a written agreement: complete.
    ("lise", B, 105, 100, 32, "AOF", CourseFormat.MIXED, "abcdef", 120, True),
    (
        "lise",
        CourseKind.CHIEF_SUPPLEMENT,
        20,
        None,
        None,
        "Arbeidsmiljøsenteret",
        CourseFormat.DIGITAL,
        "",
        None,
        False,
    ),
    ("mona", B, 1045, 1040, 40, "AOF", CourseFormat.CLASSROOM, "abcdef", None, True),
    ("silje", B, 410, 400, 40, "AOF", CourseFormat.CLASSROOM, "abcdef", None, False),
    ("anna", B, 10, None, None, "BNL Kurs", CourseFormat.DIGITAL, "", None, False),
    ("maja", B, -25, None, None, "BNL Kurs", CourseFormat.CLASSROOM, "", None, False),
    ("nils", B, 660, 650, 40, "HMS-Forum", CourseFormat.ELEARNING, "abcdef", None, True),
    ("fatima", B, 160, 150, 40, "AOF", CourseFormat.CLASSROOM, "abcdef", None, True),
    ("kari", CourseKind.TOP_LEADER, 1900, 1900, 8, "NHO", CourseFormat.CLASSROOM, "", None, True),
    ("kari", B, 390, 380, 40, "Arbeidsmiljøsenteret", CourseFormat.DIGITAL, "abcdef", None, False),
    ("ola", B, 370, 360, 40, "Arbeidsmiljøsenteret", CourseFormat.DIGITAL, "abcdef", None, True),
]


def _pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    y = 760
    for i, line in enumerate(lines):
        c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 18 if i == 0 else 12)
        c.drawString(72, y, line)
        y -= 32 if i == 0 else 20
    c.showPage()
    c.save()
    return out.getvalue()


def _fill_training(ctx: DemoContext) -> None:
    from vernelogg.services.people import get_person

    for key, kind, started, completed, hours, provider, fmt, topics, agreed, cert in COURSES:
        person = get_person(ctx.db, ctx.people[key])
        done = ctx.days_ago(completed) if completed is not None else None
        certificates = []
        if cert and done is not None:
            certificates.append(
                Upload(
                    f"Kursbevis {person.name}.pdf",
                    _pdf(
                        [
                            "Kursbevis",
                            person.name,
                            kind.label,
                            f"{hours:g} timer, {provider}" if hours else provider,
                            f"Fullført {done:%d.%m.%Y}",
                        ]
                    ),
                )
            )
        agreement_docs = []
        agreement_date = ctx.days_ago(agreed) if agreed is not None else None
        if agreement_date is not None:
            agreement_docs.append(
                Upload(
                    "Avtale om kortere opplæring.pdf",
                    _pdf(
                        [
                            "Skriftlig avtale om opplæringens varighet",
                            "Etter forskrift om organisering, ledelse og medvirkning § 3-19",
                            f"Gjelder {person.name}: {hours:g} timer hos {provider}.",
                            "Partene er enige om at kortere opplæring er forsvarlig.",
                            f"Fjordheim Drift AS, {agreement_date:%d.%m.%Y}",
                        ]
                    ),
                )
            )
        training.save_training(
            ctx.db,
            today=ctx.today,
            person_id=ctx.people[key],
            kind=kind,
            start_date=ctx.days_ago(started) if started is not None else None,
            completed_date=done,
            hours=hours,
            provider=provider,
            course_format=fmt,
            topics=tuple(topics),
            agreement_date=agreement_date,
            agreement_note="Avtalt mellom daglig leder og hovedverneombud"
            if agreement_date
            else "",
            certificates=certificates,
            agreement_documents=agreement_docs,
        )
        ctx.count("kurs")


def _fill_plan(ctx: DemoContext) -> None:
    today = ctx.today
    first_year = today.year - 1
    quarterly = "FREQ=MONTHLY;INTERVAL=3"
    yearly = "FREQ=YEARLY;INTERVAL=1"
    plan: list[tuple[str, ActivityKind, str | None, str | None, date, int]] = []
    for number, (key, name, *_rest) in enumerate(AREAS):
        start = date(first_year, 1, 12) + timedelta(days=7 * number)
        plan.append((f"Vernerunde {name}", ActivityKind.ROUND, key, quarterly, start, 7))
    plan += [
        ("AMU-møte", ActivityKind.AMU_MEETING, None, quarterly, date(first_year, 2, 18), 14),
        (
            "Valg av verneombud og vara",
            ActivityKind.ELECTION,
            None,
            "FREQ=YEARLY;INTERVAL=2",
            date(today.year - 2, today.month, 1),
            30,
        ),
        (
            "AMUs årsrapport",
            ActivityKind.AMU_ANNUAL_REPORT,
            None,
            yearly,
            date(first_year, 2, 28),
            21,
        ),
        (
            "Medarbeiderundersøkelse",
            ActivityKind.EMPLOYEE_SURVEY,
            None,
            yearly,
            date(first_year, 10, 5),
            14,
        ),
        (
            "Årlig gjennomgang av HMS-arbeidet (internkontrollforskriften § 5)",
            ActivityKind.OTHER,
            None,
            yearly,
            date(first_year, 12, 8),
            21,
        ),
        (
            "Brannøvelse med evakuering",
            ActivityKind.OTHER,
            None,
            None,
            today + timedelta(days=18),
            7,
        ),
    ]
    for title, kind, area, rule, start, remind in plan:
        activity = annual_plan.save_activity(
            ctx.db,
            title=title,
            kind=kind,
            area_id=ctx.areas[area] if area else None,
            rrule=rule,
            start_date=start,
            remind_days=remind,
        )
        ctx.count("planlagte aktiviteter")
        past = planned_dates(rule, start, start, today - timedelta(days=1))
        for i, p in enumerate(past):
            latest = i == len(past) - 1
            # The evening shift has had no VO lately, and this year's election is late.
            if latest and (area == "kveld" or kind is ActivityKind.ELECTION):
                continue
            if not latest and ctx.rng.random() > 0.9:
                continue
            done = p.planned + timedelta(days=ctx.rng.randint(-4, 9))
            done = min(max(done, p.period_start), today)
            annual_plan.mark_done(ctx.db, activity.id, p.planned, done_date=done, today=today)
            ctx.count("utførte aktiviteter")


def fill(ctx: DemoContext) -> None:
    _fill_training(ctx)
    _fill_plan(ctx)
