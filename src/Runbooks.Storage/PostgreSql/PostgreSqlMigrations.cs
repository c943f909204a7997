using Runbooks.Storage.Schema;

namespace Runbooks.Storage.PostgreSql;

/// <summary>The PostgreSQL schema, version by version: the same tables as SQLite, with native types.</summary>
internal static class PostgreSqlMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "runs, step attempts, skips and run events",
        [
            """
            CREATE TABLE runs (
                run_id TEXT PRIMARY KEY,
                parent_run_id TEXT NULL,
                runbook TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                trigger TEXT NOT NULL,
                parameters TEXT NOT NULL,
                targets TEXT NOT NULL,
                dry_run BOOLEAN NOT NULL,
                status TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                ended_at TIMESTAMPTZ NULL,
                error TEXT NULL,
                outputs TEXT NULL,
                fencing_counter BIGINT NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX runs_by_start ON runs (started_at DESC)",
            "CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL",
            """
            CREATE TABLE step_attempts (
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                step_path TEXT NOT NULL,
                target TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                step_id TEXT NOT NULL,
                action TEXT NOT NULL,
                idempotent BOOLEAN NOT NULL,
                description TEXT NULL,
                fencing_token BIGINT NOT NULL,
                status TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                ended_at TIMESTAMPTZ NULL,
                exit_code INTEGER NULL,
                stdout TEXT NULL,
                stderr TEXT NULL,
                error TEXT NULL,
                outputs TEXT NULL,
                changed BOOLEAN NOT NULL DEFAULT FALSE,
                PRIMARY KEY (run_id, step_path, target, attempt)
            )
            """,
            """
            CREATE TABLE step_skips (
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                step_path TEXT NOT NULL,
                target TEXT NOT NULL,
                reason TEXT NOT NULL,
                at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX step_skips_by_run ON step_skips (run_id)",
            """
            CREATE TABLE run_events (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                at TIMESTAMPTZ NOT NULL,
                kind TEXT NOT NULL,
                step_path TEXT NULL,
                target TEXT NULL,
                status TEXT NULL,
                reason TEXT NULL
            )
            """,
            "CREATE INDEX run_events_by_run ON run_events (run_id, seq)",
        ]),
    ];
}
