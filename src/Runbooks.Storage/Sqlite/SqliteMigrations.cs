using Runbooks.Storage.Schema;

namespace Runbooks.Storage.Sqlite;

/// <summary>The SQLite schema, version by version. Instants are ISO 8601 UTC text (sortable); JSON is text.</summary>
internal static class SqliteMigrations
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
                dry_run INTEGER NOT NULL,
                status TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NULL,
                error TEXT NULL,
                outputs TEXT NULL,
                fencing_counter INTEGER NOT NULL DEFAULT 0
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
                idempotent INTEGER NOT NULL,
                description TEXT NULL,
                fencing_token INTEGER NOT NULL,
                status TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NULL,
                exit_code INTEGER NULL,
                stdout TEXT NULL,
                stderr TEXT NULL,
                error TEXT NULL,
                outputs TEXT NULL,
                changed INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (run_id, step_path, target, attempt)
            )
            """,
            """
            CREATE TABLE step_skips (
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                step_path TEXT NOT NULL,
                target TEXT NOT NULL,
                reason TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX step_skips_by_run ON step_skips (run_id)",
            """
            CREATE TABLE run_events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                step_path TEXT NULL,
                target TEXT NULL,
                status TEXT NULL,
                reason TEXT NULL
            )
            """,
            "CREATE INDEX run_events_by_run ON run_events (run_id, seq)",
        ]),
        new(2, "run ownership leases, queueing, parking, runbook versions and approvals",
        [
            """
            CREATE TABLE runbook_versions (
                content_hash TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                source_path TEXT NULL,
                content TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            )
            """,
            "ALTER TABLE runs ADD COLUMN runbook_path TEXT NULL",
            "ALTER TABLE runs ADD COLUMN queue TEXT NULL",
            "ALTER TABLE runs ADD COLUMN owner TEXT NULL",
            "ALTER TABLE runs ADD COLUMN lease_expires_ms BIGINT NULL",
            "ALTER TABLE runs ADD COLUMN wake_at TEXT NULL",
            "ALTER TABLE runs ADD COLUMN status_reason TEXT NULL",
            "CREATE INDEX runs_by_status ON runs (status, lease_expires_ms)",
            """
            CREATE TABLE approvals (
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                step_path TEXT NOT NULL,
                approvers TEXT NOT NULL,
                min_approvals INTEGER NOT NULL,
                message TEXT NOT NULL,
                requested_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                PRIMARY KEY (run_id, step_path)
            )
            """,
            """
            CREATE TABLE approval_decisions (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                step_path TEXT NOT NULL,
                decided_by TEXT NOT NULL,
                approved INTEGER NOT NULL,
                comment TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX approval_decisions_by_run ON approval_decisions (run_id, step_path)",
        ]),
        new(3, "target locks: lease rows and fencing counters per target",
        [
            // One row per target ever locked; never deleted, so a fencing token is never handed out twice.
            "CREATE TABLE target_lock_fences (target TEXT PRIMARY KEY, last_token INTEGER NOT NULL)",
            // Holders and waiters. seq is the queue order (AUTOINCREMENT: never reused); expires_at is the database
            // clock's deadline for the next renewal, as strftime('%Y-%m-%dT%H:%M:%fZ') text.
            """
            CREATE TABLE target_locks (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                target TEXT NOT NULL,
                state TEXT NOT NULL,
                run_id TEXT NOT NULL,
                owner_key TEXT NOT NULL,
                runbook TEXT NOT NULL,
                worker TEXT NOT NULL,
                fencing_token INTEGER NULL,
                queued_at TEXT NOT NULL,
                acquired_at TEXT NULL,
                expires_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX target_locks_by_target ON target_locks (target, seq)",
        ]),
        new(4, "alert intake: alerts, decisions, alert runs, breakers, needs-human marks, escalation outbox; the alert of queued runs",
        [
            "ALTER TABLE runs ADD COLUMN alert TEXT NULL",
            // Every alert received, as received (values over a limit cut); starts_at is canonical text (UTC, microseconds) on
            // both providers, because deduplication compares it for equality.
            """
            CREATE TABLE alerts (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at TEXT NOT NULL,
                source TEXT NOT NULL,
                receiver TEXT NULL,
                group_key TEXT NULL,
                fingerprint TEXT NOT NULL,
                status TEXT NOT NULL,
                alertname TEXT NOT NULL,
                starts_at TEXT NOT NULL,
                ends_at TEXT NULL,
                labels TEXT NOT NULL,
                annotations TEXT NOT NULL,
                generator_url TEXT NULL,
                problem TEXT NULL
            )
            """,
            "CREATE INDEX alerts_by_fingerprint ON alerts (fingerprint, seq)",
            "CREATE INDEX alerts_by_received ON alerts (received_at)",
            """
            CREATE TABLE alert_decisions (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                alert_seq BIGINT NOT NULL REFERENCES alerts (seq) ON DELETE CASCADE,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                runbook TEXT NULL,
                trigger_id TEXT NULL,
                run_id TEXT NULL,
                targets TEXT NULL,
                reason TEXT NOT NULL
            )
            """,
            "CREATE INDEX alert_decisions_by_alert ON alert_decisions (alert_seq)",
            "CREATE INDEX alert_decisions_by_kind ON alert_decisions (kind, seq)",
            // One row per automatic run. The unique key is the last line of defence against a second run for one firing:
            // the per-fingerprint lock already serializes the decision.
            """
            CREATE TABLE alert_runs (
                run_id TEXT PRIMARY KEY,
                runbook TEXT NOT NULL,
                trigger_id TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                starts_at TEXT NOT NULL,
                created_at TEXT NOT NULL,
                verify_step TEXT NULL,
                outcome TEXT NULL,
                outcome_reason TEXT NULL,
                UNIQUE (runbook, fingerprint, starts_at)
            )
            """,
            "CREATE INDEX alert_runs_by_fingerprint ON alert_runs (fingerprint, created_at)",
            """
            CREATE TABLE alert_run_targets (
                run_id TEXT NOT NULL REFERENCES alert_runs (run_id) ON DELETE CASCADE,
                target TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (run_id, target)
            )
            """,
            "CREATE INDEX alert_run_targets_by_target ON alert_run_targets (target, created_at)",
            // At most one open breaker per scope and key, and one open needs-human mark per target: a trip escalates once.
            """
            CREATE TABLE alert_breakers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                scope TEXT NOT NULL,
                scope_key TEXT NOT NULL,
                runbook TEXT NOT NULL,
                tripped_at TEXT NOT NULL,
                reason TEXT NOT NULL,
                reset_at TEXT NULL,
                reset_by TEXT NULL,
                reset_comment TEXT NULL
            )
            """,
            "CREATE UNIQUE INDEX alert_breakers_open ON alert_breakers (scope, scope_key) WHERE reset_at IS NULL",
            """
            CREATE TABLE alert_needs_human (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                target TEXT NOT NULL,
                since TEXT NOT NULL,
                reason TEXT NOT NULL,
                breaker_id BIGINT NULL,
                reset_at TEXT NULL,
                reset_by TEXT NULL,
                reset_comment TEXT NULL
            )
            """,
            "CREATE UNIQUE INDEX alert_needs_human_open ON alert_needs_human (target) WHERE reset_at IS NULL",
            // The outbox: written in the decision's transaction, sent after commit, one row per trip (or failed run) and channel.
            """
            CREATE TABLE alert_escalations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                dedup_key TEXT NOT NULL,
                channel TEXT NOT NULL,
                kind TEXT NOT NULL,
                created_at TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                claimed_until_ms BIGINT NULL,
                sent_at TEXT NULL,
                last_error TEXT NULL,
                UNIQUE (dedup_key, channel)
            )
            """,
            "CREATE INDEX alert_escalations_pending ON alert_escalations (next_attempt_at) WHERE sent_at IS NULL",
            """
            CREATE TABLE alert_resets (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                scope TEXT NOT NULL,
                scope_key TEXT NOT NULL,
                reset_by TEXT NOT NULL,
                reset_comment TEXT NOT NULL,
                closed TEXT NOT NULL
            )
            """,
        ]),
        new(5, "server: API keys (hashed), paused schedules and runbook saves",
        [
            // The key's secret is never stored: only its SHA-256. Revoked keys stay, as the record of who had access.
            """
            CREATE TABLE api_keys (
                key_id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                secret_sha256 TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                revoked_at TEXT NULL
            )
            """,
            "CREATE INDEX api_keys_by_name ON api_keys (name)",
            // A paused schedule keeps its recurring job; its firings are recorded as skipped until it is resumed.
            """
            CREATE TABLE schedule_pauses (
                schedule_id TEXT PRIMARY KEY,
                paused_by TEXT NOT NULL,
                paused_at TEXT NOT NULL,
                reason TEXT NOT NULL
            )
            """,
            // Every save or delete through the API: which version replaced which, who and when (the text is in runbook_versions).
            """
            CREATE TABLE runbook_saves (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                source_path TEXT NOT NULL,
                content_hash TEXT NULL,
                previous_hash TEXT NULL,
                saved_by TEXT NOT NULL,
                saved_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX runbook_saves_by_name ON runbook_saves (name, id)",
            // A cancel asked for while a worker runs the run: the worker sees it when it renews its lease and stops the run.
            "ALTER TABLE runs ADD COLUMN cancel_requested TEXT NULL",
        ]),
    ];
}
