-- Choices whose right options depend on the run (a scenario binding chooses the anomaly): for each
-- value the binding may take, the keyed hash of the value and the keyed hash of its right options,
-- as a JSON object. The chosen value's entry becomes answer_hashes when the run binds it.
ALTER TABLE session_enigmas ADD COLUMN answer_when VARCHAR(4000);
