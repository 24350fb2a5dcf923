"""What demo steps share: the database, a seeded random source, today, and what exists."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from vernelogg.domain.formatting import OSLO
from vernelogg.i18n import pgettext
from vernelogg.store.database import Database


@dataclass
class DemoContext:
    db: Database
    rng: random.Random
    today: date
    areas: dict[str, str] = field(default_factory=dict)  # key → area id
    people: dict[str, str] = field(default_factory=dict)  # key → person id
    delegates: dict[str, str] = field(default_factory=dict)  # area key → VO person id
    leaders: dict[str, str] = field(default_factory=dict)  # area key → leader person id
    counts: dict[str, int] = field(default_factory=dict)

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def moment(self, day: date, hour: int | None = None) -> datetime:
        """A time of day during working hours on `day`, in Oslo time."""
        h = hour if hour is not None else self.rng.randint(7, 15)
        return datetime.combine(day, time(h, self.rng.choice([0, 10, 15, 30, 40, 45])), OSLO)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def summary(self) -> str:
        """«120 avvik, 12 vernerunder, …» in the language of the run."""
        return ", ".join(f"{n} {counted_name(what)}" for what, n in self.counts.items())


def counted_name(what: str) -> str:
    """What the demo counts (the name a step gives `count`), in the language of the run."""
    names = {
        "AMU-møter": pgettext("demo", "AMU-møter"),
        "AMU-verv": pgettext("demo", "AMU-verv"),
        "avvik fra vernerunder": pgettext("demo", "avvik fra vernerunder"),
        "avvik": pgettext("demo", "avvik"),
        "bilder fra vernerunder": pgettext("demo", "bilder fra vernerunder"),
        "farer": pgettext("demo", "farer"),
        "kurs": pgettext("demo", "kurs"),
        "personer": pgettext("demo", "personer"),
        "planlagte aktiviteter": pgettext("demo", "planlagte aktiviteter"),
        "risikovurderinger": pgettext("demo", "risikovurderinger"),
        "runder avsluttet": pgettext("demo", "runder avsluttet"),
        "stansinger": pgettext("demo", "stansinger"),
        "tiltak fra vernerunder": pgettext("demo", "tiltak fra vernerunder"),
        "tiltak": pgettext("demo", "tiltak"),
        "utførte aktiviteter": pgettext("demo", "utførte aktiviteter"),
        "verneområder": pgettext("demo", "verneområder"),
        "vernerunder pågår": pgettext("demo", "vernerunder pågår"),
        "vernerunder": pgettext("demo", "vernerunder"),
        "verv": pgettext("demo", "verv"),
    }
    return names.get(what, what)
