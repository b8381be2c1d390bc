-- Version 4: an index on the statements whose date covers more than one day
-- (month, year or reported precision). `--since X` reads those that overlap
-- X through it, and everything from X on through statements_date_start in
-- date order, so a LIMIT stops early at any table size.
CREATE INDEX statements_spanning ON statements (date_start) WHERE date_start < date_end;
