-- Version 2: statements as utterances with several sources, analysts'
-- corrections that survive re-ingest, and full-text search over sentences.

-- Where a statement comes from: every document that reports it. The
-- statements row keeps its first source in document_id/span/sentence.
CREATE TABLE statement_sources (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    quote TEXT NOT NULL,                   -- the words as this document has them
    sentence TEXT NOT NULL,
    PRIMARY KEY (statement_id, document_id)
) WITHOUT ROWID;
CREATE INDEX statement_sources_document ON statement_sources (document_id);
INSERT INTO statement_sources (statement_id, document_id, span_start, span_end, quote, sentence)
    SELECT id, document_id, span_start, span_end, quote, sentence FROM statements;

ALTER TABLE statements ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted'
    CHECK (origin IN ('extracted', 'user'));
ALTER TABLE statements ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statements ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statements ADD COLUMN note TEXT;
ALTER TABLE statements ADD COLUMN quote_key TEXT;      -- folded quote, for corroboration
ALTER TABLE statements ADD COLUMN source_count INTEGER NOT NULL DEFAULT 1;
CREATE INDEX statements_quote_key ON statements (actor_id, quote_key);
CREATE INDEX statements_source_count ON statements (source_count);

-- Every change an analyst made, oldest first. `field` is speaker, level,
-- targets, date, kind, note, rejected, or added (a statement the extractor
-- missed). The anchor (document path and quote) finds the statement again
-- after a re-ingest; a correction whose quote is gone is kept, orphaned.
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER REFERENCES statements(id) ON DELETE SET NULL,
    document_path TEXT NOT NULL,
    anchor_quote TEXT NOT NULL,
    field TEXT NOT NULL
        CHECK (field IN ('speaker', 'level', 'targets', 'date', 'kind', 'note', 'rejected', 'added')),
    old_value TEXT,
    new_value TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    orphaned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corrections_statement ON corrections (statement_id);
CREATE INDEX corrections_document ON corrections (document_path);

-- Full-text search over sentences as well as quotes.
DROP TRIGGER statements_fts_insert;
DROP TRIGGER statements_fts_delete;
DROP TRIGGER statements_fts_update;
DROP TABLE statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5 (
    quote, sentence, content = 'statements', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, quote, sentence) VALUES (new.id, new.quote, new.sentence);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, quote, sentence)
        VALUES ('delete', old.id, old.quote, old.sentence);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF quote, sentence ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, quote, sentence)
        VALUES ('delete', old.id, old.quote, old.sentence);
    INSERT INTO statements_fts (rowid, quote, sentence) VALUES (new.id, new.quote, new.sentence);
END;
