-- Execution data as UTF-8 bytes, the same column type as on H2 (where it is much cheaper to write).
ALTER TABLE execution_data ALTER COLUMN data TYPE BYTEA USING convert_to(data, 'UTF8');
