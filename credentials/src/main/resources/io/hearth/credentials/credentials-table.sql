CREATE TABLE credentials (
  id          VARCHAR(36)  PRIMARY KEY,
  name        VARCHAR(255) NOT NULL,
  type        VARCHAR(128) NOT NULL,
  data        TEXT         NOT NULL,  -- ciphertext of the JSON of ALL field values
  key_id      VARCHAR(64)  NOT NULL,  -- fingerprint of the master key that encrypted data
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
