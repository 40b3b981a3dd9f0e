-- Ranking a search reads the text vector of every match. Stored out of line (the default for a
-- value over 2 kB), each one costs a lookup in the TOAST table: about nine buffers per match,
-- 21,000 for a common name in 100,000 articles. Kept in the row, compressed where it helps, it
-- costs one; body and raw text go out of line first. New and rewritten rows follow this; existing
-- ones move with `VACUUM FULL articles` (see README, "At scale").
ALTER TABLE articles ALTER COLUMN search SET STORAGE MAIN;
