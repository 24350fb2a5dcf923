"""rights: each person's database login, and rights by role enforced by PostgreSQL

Revision ID: 0015_rights
Revises: 0012_offline
Create Date: 2026-12-06 02:30:00.000000

On every backend a person gets `db_login`, the database login that signs in as that
person (unique when set). On PostgreSQL (team mode) the server itself then keeps the
rights; SQLite is one person's file and gets nothing more.

- Four group roles, created when missing (roles belong to the whole server, so several
  databases share them; the downgrade leaves them): `vernelogg_ledelse` reads and writes
  everything, `vernelogg_verneombud` writes avvik and tiltak only in the areas where the
  person is verneombud, vara or leader today and never the roster, `vernelogg_amu` and
  `vernelogg_lesetilgang` read only. `vernelogg_grant_rights()` grants them the tables;
  the schema owner (who runs the migrations) keeps every right and is not bound by the
  policies below.
- `vernelogg_me()` is the person whose `db_login` is the session's login.
- Row-level security hides a confidential avvik (OLM § 3-17), and its timeline, tiltak,
  attachments and audit rows, from everyone but the reporter, the responsible leader,
  the area's verneombud, the hovedverneombud and `vernelogg_ledelse`.
- Writes of avvik and tiltak (and an avvik's timeline and attachments) outside the
  person's areas are refused with a Norwegian message: by a trigger that sees the row
  before and after the change (row-level security alone would skip such rows without
  a word), backed by policies that check every new row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_rights"
down_revision: str | Sequence[str] | None = "0013_checkin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = ("vernelogg_ledelse", "vernelogg_verneombud", "vernelogg_amu", "vernelogg_lesetilgang")
# Tables whose rows the confidentiality and area rules look at.
GUARDED = ("deviation", "action", "deviation_event", "attachment")
RLS_TABLES = (*GUARDED, "audit_log")
FUNCTIONS = (
    "vernelogg_grant_rights()",
    "vernelogg_guard_area()",
    "vernelogg_audit_visible(text, text)",
    "vernelogg_hides_deviation(uuid)",
    "vernelogg_sees_confidential(uuid, uuid, text)",
    "vernelogg_writes_area(uuid)",
    "vernelogg_hidden_deviations()",
    "vernelogg_everywhere()",
    "vernelogg_my_areas(text[])",
    "vernelogg_in_group(text)",
    "vernelogg_deviation_area(uuid)",
    "vernelogg_area_label(uuid)",
    "vernelogg_unrestricted(oid)",
    "vernelogg_my_name()",
    "vernelogg_me()",
)


def _functions(schema: str) -> str:
    # Every SECURITY DEFINER function runs with a fixed search path, so nobody can slip a
    # table of their own in front of ours. PL/pgSQL keeps each function's plan for the
    # session: these are called for many rows, and an SQL function is planned anew on
    # every call.
    path = f"SET search_path = {schema}, pg_temp"
    return f"""
CREATE OR REPLACE FUNCTION vernelogg_me() RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
BEGIN
    RETURN (SELECT id FROM person
            WHERE db_login = session_user AND archived_at IS NULL
            LIMIT 1);
END
$$;

-- The signed-in person's own name (also for a login without the right to read person).
CREATE OR REPLACE FUNCTION vernelogg_my_name() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
BEGIN
    RETURN (SELECT name FROM person WHERE id = vernelogg_me());
END
$$;

-- A superuser, a role that bypasses row-level security, or the owner of the table (the
-- role that runs the migrations): PostgreSQL applies no policy to them, nor does the
-- trigger below.
CREATE OR REPLACE FUNCTION vernelogg_unrestricted(relid oid) RETURNS boolean
LANGUAGE plpgsql STABLE {path} AS $$
BEGIN
    RETURN COALESCE((
        SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'USAGE')
        FROM pg_roles r, pg_class c
        WHERE r.rolname = current_user AND c.oid = relid), false);
END
$$;

CREATE OR REPLACE FUNCTION vernelogg_in_group(grp text) RETURNS boolean
LANGUAGE plpgsql STABLE {path} AS $$
BEGIN
    RETURN COALESCE((SELECT pg_has_role(session_user, oid, 'MEMBER')
                     FROM pg_roles WHERE rolname = grp), false);
END
$$;

-- The areas where the signed-in person holds one of `roles` today.
CREATE OR REPLACE FUNCTION vernelogg_my_areas(roles text[]) RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
BEGIN
    RETURN COALESCE((
        SELECT array_agg(DISTINCT a.area_id) FROM role_assignment a
        WHERE a.person_id = vernelogg_me()
          AND a.role = ANY (roles)
          AND a.area_id IS NOT NULL
          AND a.archived_at IS NULL
          AND a.start_date <= current_date
          AND (a.end_date IS NULL OR a.end_date >= current_date)), '{{}}');
END
$$;

-- The HMS leader and the hovedverneombud: every area, every avvik.
CREATE OR REPLACE FUNCTION vernelogg_everywhere() RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
BEGIN
    RETURN vernelogg_in_group('vernelogg_ledelse') OR EXISTS (
        SELECT 1 FROM role_assignment a
        WHERE a.person_id = vernelogg_me()
          AND a.role = 'chief_delegate'
          AND a.archived_at IS NULL
          AND a.start_date <= current_date
          AND (a.end_date IS NULL OR a.end_date >= current_date));
END
$$;

-- May the signed-in person write avvik and tiltak of `area` (NULL: the whole
-- undertaking)? Verneombud, vara and the leader of the area do, besides the above.
CREATE OR REPLACE FUNCTION vernelogg_writes_area(area uuid) RETURNS boolean
LANGUAGE plpgsql STABLE {path} AS $$
BEGIN
    RETURN vernelogg_everywhere() OR COALESCE(
        area = ANY (vernelogg_my_areas(ARRAY['safety_delegate', 'deputy_delegate', 'leader'])),
        false);
END
$$;

-- OLM § 3-17: who may read a confidential avvik, besides those `vernelogg_everywhere`:
-- the responsible leader, the area's verneombud and the reporter (by name). The same
-- rule is written out in `vernelogg_hidden_deviations` and in the policy on deviation
-- (for speed); tests/service/test_rights.py holds the three to it.
CREATE OR REPLACE FUNCTION vernelogg_sees_confidential(area uuid, responsible uuid, reporter text)
RETURNS boolean
LANGUAGE plpgsql STABLE {path} AS $$
BEGIN
    RETURN vernelogg_everywhere()
        OR COALESCE(responsible = vernelogg_me(), false)
        OR COALESCE(area = ANY (vernelogg_my_areas(ARRAY['safety_delegate'])), false)
        OR COALESCE(lower(btrim(reporter)) = lower(btrim(vernelogg_my_name())), false);
END
$$;

-- The confidential avvik the signed-in person may not read, found once per query (the
-- rows of their timeline, tiltak and attachments are checked against this set).
CREATE OR REPLACE FUNCTION vernelogg_hidden_deviations() RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
DECLARE
    me uuid := vernelogg_me();
    areas uuid[] := vernelogg_my_areas(ARRAY['safety_delegate']);
    my_name text := lower(btrim(vernelogg_my_name()));
BEGIN
    IF vernelogg_everywhere() THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT d.id FROM deviation d
        WHERE d.confidential
          AND NOT COALESCE(d.responsible_id = me, false)
          AND NOT COALESCE(d.area_id = ANY (areas), false)
          AND NOT COALESCE(lower(btrim(d.reporter_name)) = my_name, false);
END
$$;

CREATE OR REPLACE FUNCTION vernelogg_hides_deviation(dev_id uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
BEGIN
    RETURN COALESCE((
        SELECT d.confidential
               AND NOT vernelogg_sees_confidential(d.area_id, d.responsible_id, d.reporter_name)
        FROM deviation d WHERE d.id = dev_id), false);
END
$$;

CREATE OR REPLACE FUNCTION vernelogg_deviation_area(dev_id uuid) RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
BEGIN
    RETURN (SELECT area_id FROM deviation WHERE id = dev_id);
END
$$;

CREATE OR REPLACE FUNCTION vernelogg_area_label(area uuid) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
BEGIN
    RETURN (SELECT name FROM safety_area WHERE id = area);
END
$$;

-- The audit log keeps old and new values: those of a confidential avvik (its fields,
-- timeline, tiltak and attachments) are as confidential as the avvik. (The app reads
-- the log one record at a time, so this is asked for a few rows only.)
CREATE OR REPLACE FUNCTION vernelogg_audit_visible(kind text, record text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
DECLARE
    dev_id uuid;
BEGIN
    IF record IS NULL
       OR record !~ '^[0-9a-fA-F]{{8}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{12}}$'
    THEN
        RETURN true;
    END IF;
    IF kind = 'deviation' THEN
        dev_id := record::uuid;
    ELSIF kind = 'deviation_event' THEN
        SELECT e.deviation_id INTO dev_id FROM deviation_event e WHERE e.id = record::uuid;
    ELSIF kind = 'action' THEN
        SELECT a.source_id INTO dev_id FROM action a
        WHERE a.id = record::uuid AND a.source_kind = 'deviation';
    ELSIF kind = 'attachment' THEN
        SELECT a.owner_id INTO dev_id FROM attachment a
        WHERE a.id = record::uuid AND a.owner_kind = 'deviation';
    END IF;
    RETURN dev_id IS NULL OR NOT vernelogg_hides_deviation(dev_id);
END
$$;

-- Writes of avvik and tiltak outside the person's areas: refused with a message that
-- names the area. Row-level security only sees the new row, and skips an UPDATE or
-- DELETE of a row it may not touch without a word; this trigger sees both.
CREATE OR REPLACE FUNCTION vernelogg_guard_area() RETURNS trigger
LANGUAGE plpgsql {path} AS $$
DECLARE
    versions jsonb[] := ARRAY[]::jsonb[];
    row_data jsonb;
    area uuid;
    noun text := CASE WHEN TG_TABLE_NAME = 'action' THEN 'tiltak' ELSE 'avvik' END;
    verb text;
    place text;
BEGIN
    IF NOT vernelogg_unrestricted(TG_RELID) THEN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            versions := array_append(versions, to_jsonb(OLD));
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            versions := array_append(versions, to_jsonb(NEW));
        END IF;
        FOREACH row_data IN ARRAY versions LOOP
            IF TG_TABLE_NAME IN ('deviation', 'action') THEN
                area := (row_data->>'area_id')::uuid;
            ELSIF TG_TABLE_NAME = 'deviation_event' THEN
                area := vernelogg_deviation_area((row_data->>'deviation_id')::uuid);
            ELSIF row_data->>'owner_kind' = 'deviation' THEN
                area := vernelogg_deviation_area((row_data->>'owner_id')::uuid);
            ELSE
                CONTINUE;
            END IF;
            IF NOT vernelogg_writes_area(area) THEN
                verb := CASE
                    WHEN TG_TABLE_NAME NOT IN ('deviation', 'action') THEN 'endre'
                    WHEN TG_OP = 'INSERT' THEN 'registrere'
                    WHEN TG_OP = 'DELETE' THEN 'slette'
                    ELSE 'endre' END;
                place := CASE WHEN area IS NULL THEN 'for hele virksomheten'
                              ELSE format('i «%s»', vernelogg_area_label(area)) END;
                RAISE EXCEPTION USING
                    ERRCODE = 'insufficient_privilege',
                    MESSAGE = format('Du har ikke rett til å %s %s %s.', verb, noun, place),
                    HINT = 'Verneombud skriver i egne verneområder; ledelsen og '
                           'hovedverneombudet i alle.';
            END IF;
        END LOOP;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

-- The group roles and what they may do with each table. Run again (by the schema
-- owner) after creating missing group roles by hand, or after a migration adds tables.
CREATE OR REPLACE FUNCTION vernelogg_grant_rights() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    schema_name text := current_schema();
    grp text;
    tbl text;
    -- The roster decides who may write where: only the leadership changes it.
    roster text[] := ARRAY['organisation', 'safety_area', 'area_event', 'person',
                           'role_assignment'];
BEGIN
    FOREACH grp IN ARRAY ARRAY['vernelogg_ledelse', 'vernelogg_verneombud', 'vernelogg_amu',
                               'vernelogg_lesetilgang'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = grp) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', grp);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN
                    NULL;  -- another database on the server made it just now
                WHEN insufficient_privilege THEN
                    RAISE NOTICE 'Kan ikke opprette rollen % (mangler CREATEROLE): la '
                                 'IT-avdelingen opprette den, og kjør '
                                 'SELECT vernelogg_grant_rights(); igjen.', grp;
                    CONTINUE;
            END;
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, grp);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO %I',
                       schema_name, grp);
        IF grp IN ('vernelogg_ledelse', 'vernelogg_verneombud') THEN
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I '
                           'GRANT INSERT, UPDATE, DELETE ON TABLES TO %I', schema_name, grp);
        END IF;
        FOR tbl IN SELECT tablename FROM pg_tables WHERE schemaname = schema_name LOOP
            EXECUTE format('GRANT SELECT ON %I.%I TO %I', schema_name, tbl, grp);
            IF grp NOT IN ('vernelogg_ledelse', 'vernelogg_verneombud')
               OR tbl = 'alembic_version'
               OR (grp = 'vernelogg_verneombud' AND tbl = ANY (roster)) THEN
                CONTINUE;
            END IF;
            IF tbl = 'audit_log' THEN
                -- Nobody but the owner changes or removes what the audit log says.
                EXECUTE format('GRANT INSERT ON %I.%I TO %I', schema_name, tbl, grp);
            ELSE
                EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.%I TO %I',
                               schema_name, tbl, grp);
            END IF;
        END LOOP;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION vernelogg_grant_rights() FROM PUBLIC;
"""


def _policies() -> str:
    guard = "\n".join(
        f"""
DROP TRIGGER IF EXISTS vernelogg_guard_area ON {table};
CREATE TRIGGER vernelogg_guard_area BEFORE INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION vernelogg_guard_area();"""
        for table in GUARDED
    )
    base = "\n".join(
        f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS vernelogg_base ON {table};
CREATE POLICY vernelogg_base ON {table} USING (true) WITH CHECK (true);"""
        for table in RLS_TABLES
    )
    area_checks = "\n".join(
        f"""
CREATE POLICY vernelogg_area_insert ON {table} AS RESTRICTIVE FOR INSERT
    WITH CHECK (vernelogg_writes_area(area_id));
CREATE POLICY vernelogg_area_update ON {table} AS RESTRICTIVE FOR UPDATE
    USING (true) WITH CHECK (vernelogg_writes_area(area_id));"""
        for table in ("deviation", "action")
    )
    # The grants decide who may do what with a table; the policy `vernelogg_base` lets
    # every row through and the restrictive policies narrow it. What depends only on who
    # is signed in is a subquery of its own, which PostgreSQL works out once per query
    # (an InitPlan) rather than once per row; so is the set of hidden avvik.
    return f"""
{guard}
{base}
{area_checks}
CREATE POLICY vernelogg_confidential ON deviation AS RESTRICTIVE FOR SELECT
    USING (NOT confidential
           OR (SELECT vernelogg_everywhere())
           OR responsible_id = (SELECT vernelogg_me())
           OR area_id = ANY ((SELECT vernelogg_my_areas(ARRAY['safety_delegate']))::uuid[])
           OR lower(btrim(reporter_name)) = (SELECT lower(btrim(vernelogg_my_name()))));
CREATE POLICY vernelogg_confidential ON deviation_event AS RESTRICTIVE FOR SELECT
    USING (deviation_id NOT IN (SELECT vernelogg_hidden_deviations()));
CREATE POLICY vernelogg_confidential ON action AS RESTRICTIVE FOR SELECT
    USING (source_kind <> 'deviation' OR source_id IS NULL
           OR source_id NOT IN (SELECT vernelogg_hidden_deviations()));
CREATE POLICY vernelogg_confidential ON attachment AS RESTRICTIVE FOR SELECT
    USING (owner_kind <> 'deviation'
           OR owner_id NOT IN (SELECT vernelogg_hidden_deviations()));
CREATE POLICY vernelogg_confidential ON audit_log AS RESTRICTIVE FOR SELECT
    USING (entity NOT IN ('deviation', 'deviation_event', 'action', 'attachment')
           OR vernelogg_audit_visible(entity, entity_id));
"""


def _drop_policies() -> str:
    statements = []
    for table in RLS_TABLES:
        for name in (
            "vernelogg_base",
            "vernelogg_confidential",
            "vernelogg_area_insert",
            "vernelogg_area_update",
        ):
            statements.append(f"DROP POLICY IF EXISTS {name} ON {table};")
        statements.append(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;")
    for table in GUARDED:
        statements.append(f"DROP TRIGGER IF EXISTS vernelogg_guard_area ON {table};")
    return "\n".join(statements)


def _revoke(schema: str) -> str:
    groups = ", ".join(f"'{g}'" for g in GROUPS)
    return f"""
DO $$
DECLARE
    grp text;
BEGIN
    FOR grp IN SELECT rolname FROM pg_roles WHERE rolname IN ({groups}) LOOP
        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', '{schema}', grp);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM %I',
                       '{schema}', grp);
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM %I', '{schema}', grp);
    END LOOP;
END
$$;
"""


def _schema() -> str:
    schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    return op.get_bind().dialect.identifier_preparer.quote(schema)


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_login", sa.String(length=63), nullable=True))
    op.create_index("uq_person_db_login", "person", ["db_login"], unique=True)
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _schema()
    # The confidential avvik, which the read rules look through once per query. Like the
    # rules, it is the server's alone: the models (and SQLite) do not know it.
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_deviation_confidential ON deviation (area_id) "
        "WHERE confidential"
    )
    op.execute(_functions(schema))
    op.execute(_drop_policies())
    op.execute(_policies())
    op.execute("SELECT vernelogg_grant_rights()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
        op.execute(_drop_policies())
        op.execute(_revoke(schema))
        for function in FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
        op.execute("DROP INDEX IF EXISTS ix_deviation_confidential")
    op.drop_index("uq_person_db_login", table_name="person")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("db_login")
