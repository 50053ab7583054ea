-- Execution data as UTF-8 bytes, the column type the other engines have (SQLite cannot change a column's type:
-- the table is rebuilt).
CREATE TABLE execution_data_utf8 (
  execution_id VARCHAR(36) PRIMARY KEY,
  data         BLOB        NOT NULL
);
INSERT INTO execution_data_utf8 (execution_id, data) SELECT execution_id, CAST(data AS BLOB) FROM execution_data;
DROP TABLE execution_data;
ALTER TABLE execution_data_utf8 RENAME TO execution_data;
