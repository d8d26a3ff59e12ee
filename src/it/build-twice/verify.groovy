def log = new File(basedir, 'build.log').text
// Both invocations append to build.log: one generation, then one no-op.
assert (log =~ /Generated 2 tools from notes\.yaml/).count == 1 : log
assert (log =~ /MCP tools are up to date: spec, rules and settings unchanged, nothing to generate\./).count == 1 : log
assert new File(basedir, 'target/classes/com/example/notes/tools/AcmeToolCatalog.class').isFile()
return true
