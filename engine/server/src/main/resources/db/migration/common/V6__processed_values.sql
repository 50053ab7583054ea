-- Values nodes processed in earlier executions (Remove Duplicates across executions): one history per
-- workflow and context ('n:<node id>' or '' for the workflow), its mode fixed by the first use.
CREATE TABLE processed_values (
  workflow_id VARCHAR(36)  NOT NULL,
  context     VARCHAR(300) NOT NULL,
  mode        VARCHAR(16)  NOT NULL,
  latest      VARCHAR(300),
  next_seq    BIGINT       NOT NULL,
  PRIMARY KEY (workflow_id, context)
);

CREATE TABLE processed_value_entries (
  workflow_id VARCHAR(36)  NOT NULL,
  context     VARCHAR(300) NOT NULL,
  value_hash  VARCHAR(64)  NOT NULL,
  seq         BIGINT       NOT NULL,
  PRIMARY KEY (workflow_id, context, value_hash)
);
CREATE INDEX processed_value_entries_by_seq ON processed_value_entries (workflow_id, context, seq);
