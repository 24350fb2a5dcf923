"""Who is signed in to a team database, and what PostgreSQL refused them.

In team mode (PostgreSQL) each person signs in with a database login of their own; the
person whose `db_login` it is (`vernelogg_me()` on the server, migration 0015) is the
one the audit log names. The rights themselves live in the server: group roles, grants,
row-level security and a trigger (see the migration and packaging/README.md). This
module only reads them, and turns a refusal into a sentence for people. SQLite is one
person's file: nothing here applies to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from vernelogg.i18n import N_, _, pgettext
from vernelogg.store import audit
from vernelogg.store.errors import DuplicateError, NotAllowedError, NotSignedInError, StoreError

if TYPE_CHECKING:
    from vernelogg.store.database import Database

# The group roles IT grants a login, one of them (migration 0015 creates them); the
# names are the server's, the descriptions marked only (translated where shown).
GROUPS: dict[str, str] = {
    "vernelogg_ledelse": N_("hovedverneombud og HMS-leder: leser og skriver alt"),
    "vernelogg_verneombud": N_("verneombud: skriver i egne verneområder, leser resten"),
    "vernelogg_amu": N_("AMU-medlem: leser"),
    "vernelogg_lesetilgang": N_("revisor: leser"),
}
ASK = N_("Spør hovedverneombudet.")
PERSON_PLACE = N_("Verneområder og roller → Personer og verv (feltet «Databasebruker»)")


@dataclass(frozen=True)
class SignedIn:
    """The database login of a team database and the person it signs in as."""

    login: str
    person_id: str | None
    person_name: str | None
    # Superuser or owner of the schema: PostgreSQL applies no policy to this login.
    unrestricted: bool
    groups: tuple[str, ...]

    @property
    def who(self) -> str:
        """The name the audit log records."""
        return self.person_name or self.login


# One round trip, and nothing a login without any grant may not read.
_SIGN_IN = text(
    """
    SELECT session_user, vernelogg_me(), vernelogg_my_name(),
           vernelogg_unrestricted('person'::regclass),
           ARRAY(SELECT rolname::text FROM pg_roles
                 WHERE rolname = ANY(:groups) AND pg_has_role(session_user, oid, 'MEMBER')
                 ORDER BY rolname)
    """
)


def who_is_signed_in(conn: Connection) -> SignedIn | None:
    """The login and its person on a PostgreSQL database with the rights in place;
    None on SQLite or on a schema from before them."""
    if conn.dialect.name != "postgresql":
        return None
    if conn.execute(text("SELECT to_regprocedure('vernelogg_me()')")).scalar() is None:
        return None
    login, person_id, name, unrestricted, groups = conn.execute(
        _SIGN_IN, {"groups": list(GROUPS)}
    ).one()
    return SignedIn(
        login=login,
        person_id=str(person_id) if person_id else None,
        person_name=name,
        unrestricted=bool(unrestricted),
        groups=tuple(groups),
    )


def sign_in(db: Database) -> SignedIn | None:
    """Map the session's login to a person at start; the audit log of `db` names that
    person from now on. A login that is no one (and not the schema owner) is refused
    with what to do, so is a login IT gave none of the group roles. None on SQLite and
    on a schema from before the rights (sign in again once it is migrated)."""
    if db.is_sqlite:
        return None
    with db.engine.connect() as conn:
        signed_in = who_is_signed_in(conn)
    if signed_in is None:
        return None
    if not signed_in.unrestricted:
        if signed_in.person_id is None:
            raise NotSignedInError(
                _(
                    "Databasebrukeren «{login}» er ikke koblet til noen person i Vernelogg. En "
                    "administrator må koble den til en person under {place} før du kan bruke "
                    "databasen."
                ).format(login=signed_in.login, place=_(PERSON_PLACE))
            )
        if not signed_in.groups:
            raise NotSignedInError(
                _(
                    "Databasebrukeren «{login}» ({person}) har ingen Vernelogg-rolle på "
                    "databasetjeneren. Be IT-avdelingen gi den én av rollene {groups} (se "
                    "installasjonsveiledningen)."
                ).format(
                    login=signed_in.login,
                    person=signed_in.person_name,
                    groups=", ".join(GROUPS),
                )
            )
    db.session_info[audit.USER_KEY] = signed_in.who
    return signed_in


def login_exists(conn: Connection, login: str) -> bool:
    """Is `login` a role on the server? (Always true off PostgreSQL: nothing to check.)"""
    if conn.dialect.name != "postgresql":
        return True
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login})
    return found.first() is not None


# --- refusals ----------------------------------------------------------------------

_TABLE = re.compile(r'(?:for table|for relation|of table|of relation) "?([\w.]+)"?')  # i18n-ignore


def _thing(table: str) -> str:
    """What a table holds, as the refusal names it («Du har ikke rett til å se {thing}»)."""
    table = table.rpartition(".")[2]
    things = (
        ("deviation", pgettext("rettighet", "avvik")),
        ("action", pgettext("rettighet", "tiltak")),
        ("attachment", pgettext("rettighet", "vedlegg")),
        ("audit_log", pgettext("rettighet", "endringsloggen")),
        ("person", pgettext("rettighet", "personer")),
        ("role_assignment", pgettext("rettighet", "verv")),
        ("safety_area", pgettext("rettighet", "verneområder")),
        ("area_event", pgettext("rettighet", "verneområder")),
        ("organisation", pgettext("rettighet", "virksomheten")),
        ("safety_round", pgettext("rettighet", "vernerunder")),
        ("round_", pgettext("rettighet", "vernerunder")),
        ("checklist_", pgettext("rettighet", "sjekklister")),
        ("risk_", pgettext("rettighet", "risikovurderinger")),
        ("work_stoppage", pgettext("rettighet", "stansinger")),
        ("amu_", pgettext("rettighet", "AMU-saker")),
        ("training_", pgettext("rettighet", "opplæring")),
        ("planned_", pgettext("rettighet", "årshjulet")),
        ("setting", pgettext("rettighet", "innstillinger")),
        ("counter", pgettext("rettighet", "løpenumre")),
    )
    return next((name for prefix, name in things if table.startswith(prefix)), _this())


# The area trigger's refusal, in bokmål from the server (migration 0015): «Du har ikke
# rett til å registrere avvik i «Lager».» or «… for hele virksomheten.»
_AREA_REFUSAL = re.compile(
    r"^Du har ikke rett til å (registrere|endre|slette) (avvik|tiltak) "  # i18n-ignore
    r"(?:i «(.*)»|for hele virksomheten)\.$"  # i18n-ignore
)
_TRIGGER_VERBS = {"registrere": "insert", "endre": "update", "slette": "delete"}
_TRIGGER_TABLES = {"avvik": "deviation", "tiltak": "action"}


def _area_refusal(primary: str) -> str:
    """The area trigger's refusal told again in the current language, with whom to ask
    (as it came, if it is not one of the trigger's sentences)."""
    found = _AREA_REFUSAL.match(primary)
    if found is None:
        return f"{primary} {_(ASK)}"
    verb = _verb(_TRIGGER_VERBS[found.group(1)])
    thing = _thing(_TRIGGER_TABLES[found.group(2)])
    if found.group(3) is None:
        refusal = _("Du har ikke rett til å {verb} {thing} for hele virksomheten. {ask}")
    else:
        refusal = _("Du har ikke rett til å {verb} {thing} i «{area}». {ask}")
    return refusal.format(verb=verb, thing=thing, area=found.group(3), ask=_(ASK))


def _this() -> str:
    return pgettext("rettighet", "dette")


def _verb(command: str) -> str:
    """What the refused statement would have done («se», «registrere», …)."""
    if command == "select":
        return pgettext("rettighet", "se")
    if command == "insert":
        return pgettext("rettighet", "registrere")
    if command == "delete":
        return pgettext("rettighet", "slette")
    return pgettext("rettighet", "endre")


def explain(error: BaseException) -> StoreError | None:
    """A refusal by PostgreSQL's rights (a missing grant, a row-level security policy,
    the area trigger) or a login already given to someone, as a StoreError in the
    current language;
    None for anything else."""
    orig = getattr(error, "orig", error)
    message = str(orig)
    if "uq_person_db_login" in message or "person.db_login" in message:
        return DuplicateError(
            _(
                "Databasebrukeren er allerede koblet til en annen person (lagret av en annen "
                "akkurat nå). Hver databasebruker hører til én person."
            )
        )
    if getattr(orig, "sqlstate", None) != "42501":  # insufficient_privilege
        return None
    diag = getattr(orig, "diag", None)
    primary = (getattr(diag, "message_primary", None) or message).strip()
    if primary.startswith("Du har ikke rett"):  # i18n-ignore
        return NotAllowedError(_area_refusal(primary))
    statement = (getattr(error, "statement", None) or "").lstrip().split(None, 1)
    command = statement[0].lower() if statement else ""
    if command in ("create", "alter", "drop") or primary.startswith("must be owner"):
        return NotAllowedError(
            _(
                "Databasen må oppgraderes til denne versjonen av Vernelogg, og det kan bare "
                "eieren av databasen gjøre. Be IT-avdelingen starte Vernelogg én gang med "
                "eierbrukeren; ingenting er endret."
            )
        )
    found = _TABLE.search(primary)
    thing = _thing(found.group(1)) if found else _this()
    verb = _verb(command)
    if "row-level security" in primary:
        return NotAllowedError(
            _("Du har ikke rett til å {verb} {thing} her. {ask}").format(
                verb=verb, thing=thing, ask=_(ASK)
            )
        )
    return NotAllowedError(
        _(
            "Du har ikke rett til å {verb} {thing}: databasebrukeren din har ikke den "
            "tilgangen. {ask}"
        ).format(verb=verb, thing=thing, ask=_(ASK))
    )
