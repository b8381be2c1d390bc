-- Version 6: the listed statements of each actor with their level and date,
-- so `rhetrack actors` and the per-actor figures of `trends` and `report`
-- read this index alone instead of every statement row (2.4 s to 0.3 s at a
-- million statements).
CREATE INDEX statements_listed_actor ON statements (actor_id, level, date) WHERE rejected = 0 AND orphaned = 0;
