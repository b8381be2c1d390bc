-- Version 3: statements keep the speaker the extractor found apart from the
-- one an analyst set, so re-ingest finds a corrected statement again; and a
-- statement whose quote left its document is kept, marked orphaned, with its
-- corrections, instead of being deleted.

ALTER TABLE statements ADD COLUMN extracted_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL;
UPDATE statements SET extracted_actor_id = actor_id;
-- Where an analyst changed the speaker, the extractor's was the first "before".
UPDATE statements SET extracted_actor_id = (
    SELECT a.id FROM corrections c JOIN actors a ON a.name = c.old_value
    WHERE c.statement_id = statements.id AND c.field = 'speaker' ORDER BY c.id LIMIT 1)
WHERE EXISTS (SELECT 1 FROM corrections c WHERE c.statement_id = statements.id AND c.field = 'speaker');
DROP INDEX statements_quote_key;
CREATE INDEX statements_quote_key ON statements (extracted_actor_id, quote_key);

ALTER TABLE statements ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0;
