-- The seed's Kinesis Data Analytics application (section 3.2): keep only the men.
-- Column names are double-quoted, so they stay lower case; 'M' is a string literal in single quotes.
CREATE OR REPLACE STREAM "AndersonStream" (name VARCHAR(50), age INTEGER, gender VARCHAR(4), score  INTEGER, job VARCHAR(50));

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "AndersonStream"
SELECT STREAM "name", "age", "gender", "score", "job"
FROM "SOURCE_SQL_STREAM_001"
WHERE "gender" SIMILAR TO 'M';
