-- peertrail database schema (docs/formats.md explains every column).
CREATE TABLE export (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE councils (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL
);
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  council TEXT NOT NULL REFERENCES councils(id),
  kind TEXT NOT NULL,
  held_start TEXT,
  held_end TEXT,
  held_precision TEXT,
  title TEXT,
  review_name TEXT,
  in_corpus INTEGER NOT NULL,
  follows TEXT REFERENCES reviews(id),
  source TEXT
);
CREATE INDEX reviews_council ON reviews(council);
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL
);
CREATE TABLE memberships (
  review TEXT NOT NULL REFERENCES reviews(id),
  seq INTEGER NOT NULL,
  person TEXT NOT NULL REFERENCES people(id),
  name TEXT NOT NULL,
  honorifics TEXT NOT NULL,
  role TEXT,
  organisation TEXT,
  position TEXT NOT NULL,
  line INTEGER NOT NULL,
  PRIMARY KEY (review, seq)
);
CREATE INDEX memberships_person ON memberships(person);
CREATE TABLE recommendations (
  id TEXT PRIMARY KEY,
  review TEXT NOT NULL REFERENCES reviews(id),
  number INTEGER NOT NULL,
  label TEXT,
  kind TEXT NOT NULL,
  title TEXT,
  text TEXT NOT NULL,
  themes TEXT NOT NULL,
  source TEXT,
  line INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  latest_status TEXT,
  latest_review TEXT REFERENCES reviews(id),
  latest_reported TEXT,
  silent INTEGER NOT NULL
);
CREATE INDEX recommendations_review ON recommendations(review);
CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  review TEXT NOT NULL REFERENCES reviews(id),
  number INTEGER NOT NULL,
  recommendation TEXT REFERENCES recommendations(id),
  text TEXT NOT NULL,
  owner TEXT,
  covered_by TEXT REFERENCES actions(id),
  line INTEGER NOT NULL,
  end_line INTEGER NOT NULL
);
CREATE INDEX actions_review ON actions(review);
CREATE INDEX actions_recommendation ON actions(recommendation);
CREATE TABLE progress (
  recommendation TEXT NOT NULL REFERENCES recommendations(id),
  review TEXT NOT NULL REFERENCES reviews(id),
  status TEXT NOT NULL,
  wording TEXT NOT NULL,
  commentary TEXT,
  line INTEGER NOT NULL,
  end_line INTEGER NOT NULL
);
CREATE INDEX progress_recommendation ON progress(recommendation);
CREATE INDEX progress_review ON progress(review);
CREATE TABLE links (
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  confidence REAL NOT NULL,
  rule TEXT NOT NULL,
  score REAL,
  detail TEXT NOT NULL,
  -- 1 when the confidence is below the suggestion threshold: worth a check
  suggested INTEGER NOT NULL
);
CREATE INDEX links_from ON links(from_id);
CREATE INDEX links_to ON links(to_id);
CREATE TABLE next_steps (
  council TEXT NOT NULL REFERENCES councils(id),
  review TEXT NOT NULL REFERENCES reviews(id),
  step TEXT NOT NULL,
  due_from TEXT,
  due_by TEXT NOT NULL,
  status TEXT NOT NULL,
  rule TEXT NOT NULL,
  rule_text TEXT NOT NULL,
  satisfied_by TEXT REFERENCES reviews(id)
);
CREATE INDEX next_steps_review ON next_steps(review);
CREATE VIEW latest_status AS
  SELECT r.id AS recommendation, v.council AS council, r.review AS review,
         r.number AS number, COALESCE(r.title, r.text) AS headline,
         r.latest_status AS status, r.latest_review AS reported_by,
         r.latest_reported AS reported, r.silent AS silent
  FROM recommendations r JOIN reviews v ON v.id = r.review;
CREATE VIEW overdue_next_steps AS
  SELECT n.council, c.name AS council_name, n.review, n.step, n.due_from,
         n.due_by, n.rule, n.rule_text,
         (SELECT value FROM export WHERE key = 'as_of') AS as_of
  FROM next_steps n JOIN councils c ON c.id = n.council
  WHERE n.status = 'overdue';
