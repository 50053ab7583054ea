-- A workflow's static data (n8n's $getWorkflowStaticData), saved after its production executions.
CREATE TABLE workflow_static_data (
  workflow_id VARCHAR(36)  NOT NULL PRIMARY KEY,
  data        TEXT         NOT NULL,
  updated_at  TIMESTAMP    NOT NULL
);
