-- rhetrack schema, version 1: documents, actors and aliases, statements,
-- targets and their links, and full-text search over quotes.
-- Migrations are append-only: never edit this file once released; add
-- NNNN_name.sql files instead.

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,             -- absolute path, the document's identity
    name TEXT NOT NULL,                    -- display name: path under the ingested folder
    content_hash TEXT NOT NULL,            -- sha256 of the file's bytes
    title TEXT,
    url TEXT,
    publisher TEXT,
    published TEXT,                        -- ISO 8601 at its precision: 2023, 2023-10, 2023-10-30
    published_precision TEXT NOT NULL DEFAULT 'unknown'
        CHECK (published_precision IN ('day', 'month', 'year', 'unknown')),
    published_source TEXT,                 -- option, front-matter, manifest, html-meta, byline
    text TEXT NOT NULL,                    -- cleaned text; statement spans index into it
    ingested_at TEXT NOT NULL
);

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
    organization_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    source TEXT NOT NULL DEFAULT 'gazetteer' CHECK (source IN ('gazetteer', 'extracted', 'user'))
);

CREATE TABLE aliases (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    folded TEXT NOT NULL,                  -- case-, diacritic- and transliteration-folded key
    UNIQUE (actor_id, folded)
);
CREATE INDEX aliases_folded ON aliases (folded);
CREATE INDEX actors_organization ON actors (organization_id);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    speaker_text TEXT,                     -- the words that named or referred to the speaker
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
    quote TEXT NOT NULL,
    sentence TEXT NOT NULL,
    span_start INTEGER NOT NULL,           -- character span of the quote in documents.text
    span_end INTEGER NOT NULL,
    attribution_cue TEXT,
    date TEXT,                             -- ISO 8601 at date_precision; NULL when unknown
    date_precision TEXT NOT NULL
        CHECK (date_precision IN ('day', 'month', 'year', 'reported', 'unknown')),
    date_start TEXT,                       -- first and last day the date covers
    date_end TEXT,
    date_expression TEXT,                  -- the words the date was resolved from
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    cues TEXT NOT NULL DEFAULT '[]',       -- JSON list of the cues that decided the level
    CHECK (span_start <= span_end)
);
CREATE INDEX statements_document ON statements (document_id);
CREATE INDEX statements_actor_date ON statements (actor_id, date_start);
CREATE INDEX statements_date_start ON statements (date_start);
CREATE INDEX statements_date_end ON statements (date_end);
CREATE INDEX statements_level ON statements (level);
CREATE INDEX statements_kind ON statements (kind);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES targets(id)
);

CREATE TABLE statement_targets (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES targets(id),
    mention TEXT,                          -- the words that named the target
    PRIMARY KEY (statement_id, target_id)
) WITHOUT ROWID;
CREATE INDEX statement_targets_target ON statement_targets (target_id, statement_id);

CREATE VIRTUAL TABLE statements_fts USING fts5 (
    quote, content = 'statements', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, quote) VALUES (new.id, new.quote);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, quote) VALUES ('delete', old.id, old.quote);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF quote ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, quote) VALUES ('delete', old.id, old.quote);
    INSERT INTO statements_fts (rowid, quote) VALUES (new.id, new.quote);
END;
