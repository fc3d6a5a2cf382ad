-- The chaos types that must be live for an enigma to be solvable (comma-separated ids; NULL: no
-- condition, e.g. a warm-up or an instructor's own enigma).
ALTER TABLE session_enigmas ADD COLUMN anomalies VARCHAR(400);
