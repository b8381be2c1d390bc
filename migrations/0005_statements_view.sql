-- Version 5: one readable row per listed statement, for the tools analysts
-- already use (sqlite-utils, Datasette, any SQL client): no joins needed.
-- Rejected statements and those whose quote left their document are not
-- listed, as in `rhetrack show`. Level names follow rhetrack.levels.
CREATE VIEW statements_view AS
SELECT s.id,
       s.date,
       s.date_precision,
       COALESCE(a.name, s.speaker_text) AS speaker,
       o.name AS organization,
       s.level,
       CASE s.level WHEN 0 THEN 'neutral' WHEN 1 THEN 'hostile' WHEN 2 THEN 'warning'
                    WHEN 3 THEN 'threat' WHEN 4 THEN 'mobilization' END AS level_name,
       (SELECT group_concat(name, ', ') FROM (
            SELECT t.name FROM statement_targets st JOIN targets t ON t.id = st.target_id
            WHERE st.statement_id = s.id ORDER BY t.name)) AS targets,
       s.kind,
       s.quote,
       s.source_count AS sources,
       d.name AS document,
       d.title AS document_title,
       d.url,
       s.corrected
FROM statements s
JOIN documents d ON d.id = s.document_id
LEFT JOIN actors a ON a.id = s.actor_id
LEFT JOIN actors o ON o.id = a.organization_id
WHERE s.rejected = 0 AND s.orphaned = 0;
