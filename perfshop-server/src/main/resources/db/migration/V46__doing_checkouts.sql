-- Doing enigmas (answer type "done"): the checkouts a student's own script completed through the
-- enigma's token anomalies, tagged with the student's agent code. One row per order and enigma, so
-- an idempotent replay or a second count of the same order is refused by the unique key.
CREATE TABLE doing_checkouts (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  enigma_id  BIGINT       NOT NULL,
  student_id BIGINT       NOT NULL,
  order_id   BIGINT       NOT NULL,
  counted_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_doing_checkouts_order UNIQUE (enigma_id, order_id),
  CONSTRAINT fk_doing_checkouts_enigma FOREIGN KEY (enigma_id) REFERENCES session_enigmas (id) ON DELETE CASCADE,
  CONSTRAINT fk_doing_checkouts_student FOREIGN KEY (student_id) REFERENCES session_students (id) ON DELETE CASCADE
);

CREATE INDEX ix_doing_checkouts_student ON doing_checkouts (student_id, enigma_id);
