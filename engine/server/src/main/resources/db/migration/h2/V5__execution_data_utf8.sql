-- Execution data as UTF-8 bytes: H2 serialises a VARCHAR character by character every time its page is
-- written (each commit rewrites the newest page), a VARBINARY with one copy. See ExecutionRepository.
ALTER TABLE execution_data ADD COLUMN data_utf8 VARBINARY;
UPDATE execution_data SET data_utf8 = STRINGTOUTF8(data);
ALTER TABLE execution_data DROP COLUMN data;
ALTER TABLE execution_data ALTER COLUMN data_utf8 RENAME TO data;
ALTER TABLE execution_data ALTER COLUMN data SET NOT NULL;
