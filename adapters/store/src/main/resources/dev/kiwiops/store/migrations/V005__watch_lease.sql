-- The watch lease (JdbcWatchLease): which process watches the fleet of this store. One row; a
-- NULL holder or an expires_at in the past means nobody watches. Times are epoch milliseconds
-- (UTC) of the holder's clock.
CREATE TABLE watch_lease (
  name VARCHAR(40) PRIMARY KEY,
  holder VARCHAR(200),
  acquired_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
INSERT INTO watch_lease (name, holder, acquired_at, expires_at) VALUES ('watch', NULL, 0, 0);
