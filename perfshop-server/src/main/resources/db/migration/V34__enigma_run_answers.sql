-- The chaos types that must be live for an enigma to be solvable (comma-separated ids; NULL: no
-- condition, e.g. a warm-up or an instructor's own enigma).
ALTER TABLE session_enigmas ADD COLUMN anomalies VARCHAR(400);

-- A measured answer: the statistic and route the server measures over the anomaly's window
-- ("p95 GET /api/products/{id}"); the tolerance is then a percentage of the measured value.
ALTER TABLE session_enigmas ADD COLUMN measure VARCHAR(200);
