-- Hearth core schema: portable between H2 2.x (the embedded default) and PostgreSQL.

CREATE TABLE users (
  id            VARCHAR(36)  PRIMARY KEY,
  email         VARCHAR(255) NOT NULL UNIQUE,
  name          VARCHAR(255) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role          VARCHAR(32)  NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sessions (
  token_hash  VARCHAR(64) PRIMARY KEY,
  user_id     VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_keys (
  id           VARCHAR(36)  PRIMARY KEY,
  user_id      VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label        VARCHAR(255) NOT NULL,
  key_hash     VARCHAR(64)  NOT NULL UNIQUE,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE workflows (
  id          VARCHAR(36)  PRIMARY KEY,
  name        VARCHAR(255) NOT NULL,
  active      BOOLEAN      NOT NULL,
  version_id  VARCHAR(36)  NOT NULL,
  definition  TEXT         NOT NULL,  -- n8n-format JSON
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE workflow_versions (
  version_id  VARCHAR(36)  PRIMARY KEY,
  workflow_id VARCHAR(36)  NOT NULL,
  name        VARCHAR(255) NOT NULL,
  definition  TEXT         NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workflow_versions_by_workflow ON workflow_versions (workflow_id, created_at);

-- Encrypted credentials (the credentials module owns the encryption; same DDL as its credentials-table.sql)
CREATE TABLE credentials (
  id          VARCHAR(36)  PRIMARY KEY,
  name        VARCHAR(255) NOT NULL,
  type        VARCHAR(128) NOT NULL,
  data        TEXT         NOT NULL,
  key_id      VARCHAR(64)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE executions (
  id                  VARCHAR(36)  PRIMARY KEY,
  workflow_id         VARCHAR(36)  NOT NULL,
  workflow_version_id VARCHAR(36),
  workflow_name       VARCHAR(255) NOT NULL,
  status              VARCHAR(16)  NOT NULL,
  mode                VARCHAR(16)  NOT NULL,
  started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  stopped_at          TIMESTAMP WITH TIME ZONE,
  retry_of            VARCHAR(36),
  error_message       VARCHAR(2000),
  error_node          VARCHAR(255),
  instance_id         VARCHAR(100)
);
CREATE INDEX executions_by_workflow ON executions (workflow_id, started_at);
CREATE INDEX executions_by_status ON executions (status);
CREATE INDEX executions_by_start ON executions (started_at);

-- Start data (to retry or recover) and per-node run data, kept apart so listing stays light.
CREATE TABLE execution_data (
  execution_id VARCHAR(36) PRIMARY KEY,
  data         TEXT        NOT NULL
);

CREATE TABLE instance_settings (
  setting_name  VARCHAR(100)  PRIMARY KEY,
  setting_value VARCHAR(4000) NOT NULL
);
