-- Execution ids are time-ordered (UUIDv7 layout), so the primary key already orders by start time:
-- fewer indexes to maintain on the hottest insert path.
DROP INDEX executions_by_status;
DROP INDEX executions_by_start;
DROP INDEX executions_by_workflow;
CREATE INDEX executions_by_workflow ON executions (workflow_id, id);
