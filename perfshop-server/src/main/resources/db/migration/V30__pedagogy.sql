-- Pedagogy: class sessions, students (agents), enigmas and progress.
-- Runs unchanged on H2 (MODE=MySQL) and MySQL 8 / MariaDB. Answers are stored as keyed hashes
-- (answer_hashes); only number checks (answer_value, answer_tolerance) and regular expressions
-- (answer_pattern) are kept as written, and no student route ever returns them.

CREATE TABLE pedagogy_install (
  id              INT          NOT NULL,
  key_fingerprint VARCHAR(64)  NOT NULL,
  created_at      TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE class_sessions (
  id                BIGINT       NOT NULL AUTO_INCREMENT,
  name              VARCHAR(120) NOT NULL,
  course_level      VARCHAR(8)   NOT NULL,
  join_code         VARCHAR(8),
  student_page_open BOOLEAN      NOT NULL,
  archived          BOOLEAN      NOT NULL,
  created_at        TIMESTAMP(6) NOT NULL,
  archived_at       TIMESTAMP(6),
  PRIMARY KEY (id),
  -- archived sessions give their code back (NULL), so codes are unique among live sessions
  CONSTRAINT uk_class_sessions_join_code UNIQUE (join_code)
);

CREATE TABLE session_students (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  session_id   BIGINT       NOT NULL,
  public_id    VARCHAR(32)  NOT NULL,
  nickname     VARCHAR(32)  NOT NULL,
  nickname_key VARCHAR(32)  NOT NULL,
  joined_at    TIMESTAMP(6) NOT NULL,
  last_seen_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_session_students_public_id UNIQUE (public_id),
  CONSTRAINT uk_session_students_nickname UNIQUE (session_id, nickname_key),
  CONSTRAINT fk_session_students_session FOREIGN KEY (session_id) REFERENCES class_sessions (id) ON DELETE CASCADE
);

CREATE TABLE session_enigmas (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  session_id       BIGINT        NOT NULL,
  enigma_key       VARCHAR(100)  NOT NULL,
  scenario_id      VARCHAR(64),
  question         VARCHAR(1000) NOT NULL,
  check_type       VARCHAR(16)   NOT NULL,
  options_json     VARCHAR(4000),
  multiple_choice  BOOLEAN       NOT NULL,
  answer_hashes    VARCHAR(2000),
  answer_pattern   VARCHAR(300),
  answer_value     DOUBLE,
  answer_tolerance DOUBLE,
  answer_unit      VARCHAR(16),
  binding          VARCHAR(64),
  hints_json       VARCHAR(4000) NOT NULL,
  hints_released   INT           NOT NULL,
  max_stars        INT           NOT NULL,
  is_open          BOOLEAN       NOT NULL,
  sort_order       INT           NOT NULL,
  created_at       TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_session_enigmas_key UNIQUE (session_id, enigma_key),
  CONSTRAINT fk_session_enigmas_session FOREIGN KEY (session_id) REFERENCES class_sessions (id) ON DELETE CASCADE,
  CONSTRAINT ck_session_enigmas_stars CHECK (max_stars BETWEEN 1 AND 3)
);

CREATE TABLE enigma_progress (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  student_id    BIGINT       NOT NULL,
  enigma_id     BIGINT       NOT NULL,
  hints_taken   INT          NOT NULL,
  wrong_answers INT          NOT NULL,
  attempts      INT          NOT NULL,
  last_wrong    VARCHAR(64),
  solved_at     TIMESTAMP(6),
  stars         INT,
  updated_at    TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_enigma_progress UNIQUE (student_id, enigma_id),
  CONSTRAINT fk_enigma_progress_student FOREIGN KEY (student_id) REFERENCES session_students (id) ON DELETE CASCADE,
  CONSTRAINT fk_enigma_progress_enigma FOREIGN KEY (enigma_id) REFERENCES session_enigmas (id) ON DELETE CASCADE
);
CREATE INDEX ix_enigma_progress_enigma ON enigma_progress (enigma_id);
