/// The tables of work time (migration 3): absences, corrections with their audit
/// trail, and the maintained day totals.
enum WorkTimeSchema {
    static let sql = """
        CREATE TABLE absences (
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            date TEXT NOT NULL,
            kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),
            note TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER NOT NULL,
            recorded_at_ms INTEGER NOT NULL,
            PRIMARY KEY (employee_id, date)
        ) WITHOUT ROWID;
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            action INTEGER NOT NULL CHECK (action IN (1, 2, 3)),
            punch_kind INTEGER NOT NULL DEFAULT 0,
            at_ms INTEGER NOT NULL DEFAULT 0,
            event_id INTEGER NOT NULL DEFAULT 0,
            mode INTEGER NOT NULL DEFAULT 0,
            original_at_ms INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL,
            requested_by INTEGER NOT NULL,
            requested_at_ms INTEGER NOT NULL,
            state INTEGER NOT NULL DEFAULT 1 CHECK (state IN (1, 2, 3)),
            decided_by INTEGER NOT NULL DEFAULT 0,
            decided_at_ms INTEGER NOT NULL DEFAULT 0,
            decision_note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX corrections_employee ON corrections(employee_id, state);
        CREATE TABLE correction_audit (
            id INTEGER PRIMARY KEY,
            correction_id INTEGER NOT NULL REFERENCES corrections(id),
            action TEXT NOT NULL,
            actor INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            text TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX correction_audit_correction ON correction_audit(correction_id, id);
        CREATE TABLE day_totals (
            employee_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            status INTEGER NOT NULL,
            worked_seconds INTEGER NOT NULL,
            break_seconds INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            settles_at_ms INTEGER NOT NULL,
            PRIMARY KEY (employee_id, date)
        ) WITHOUT ROWID;
        CREATE INDEX day_totals_date ON day_totals(date, employee_id);
        CREATE INDEX day_totals_settling ON day_totals(settles_at_ms) WHERE updated_at_ms < settles_at_ms;
        CREATE TABLE day_totals_progress (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_event_id INTEGER NOT NULL
        );
        INSERT INTO day_totals_progress (id, last_event_id) VALUES (1, 0);
        """
}
