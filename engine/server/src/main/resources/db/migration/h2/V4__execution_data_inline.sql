-- H2 keeps CLOB (TEXT) values in separate LOB storage; plain VARCHAR (up to 1e9 characters in H2 2.x)
-- is stored in the row, which is much cheaper for the many small execution records.
ALTER TABLE execution_data ALTER COLUMN data SET DATA TYPE VARCHAR;
