-- Queue mode (PostgreSQL only): the execution row is the queue entry. An execution waiting for a worker has
-- status 'new' and no instance yet; a worker claims it (FOR UPDATE SKIP LOCKED) by setting its own instance,
-- status 'running' and queued = TRUE, which marks it as one to run again if that worker dies.
ALTER TABLE executions ADD COLUMN queued BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX executions_waiting_in_queue ON executions (id) WHERE status = 'new' AND instance_id IS NULL;

-- One row per running worker: its lease, renewed by a heartbeat every 2 s (one per worker, not per execution).
CREATE TABLE execution_queue_workers (
  instance_id  VARCHAR(100) PRIMARY KEY,
  concurrency  INTEGER      NOT NULL,
  started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Executions queued through db-scheduler before this version become queue entries (again, if a worker had
-- picked one: at least once), and db-scheduler forgets its task.
UPDATE executions SET status = 'new', instance_id = NULL
 WHERE status IN ('new', 'running')
   AND id IN (SELECT task_instance FROM scheduled_tasks WHERE task_name = 'hearth-execution');
DELETE FROM scheduled_tasks WHERE task_name = 'hearth-execution';
