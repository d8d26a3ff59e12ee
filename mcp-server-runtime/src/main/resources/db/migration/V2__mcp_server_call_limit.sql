-- A URL's own limit on tool calls a minute. NULL: the server's default (its
-- --max-calls-per-minute flag) applies; 0: no limit; otherwise at most this many calls in any
-- 60 seconds, counted by each replica.
ALTER TABLE mcp_server ADD COLUMN max_calls_per_minute INTEGER;
