def tools = new File(basedir, 'target/generated-sources/mcp-tools/com/example/notes/tools')
assert new File(tools, 'ListAllAcmeNotes.java').isFile()
assert new File(tools, 'CreateAAcmeNote.java').isFile()
assert new File(basedir, 'target/classes/com/example/app/App.class').isFile()

def list = new File(tools, 'ListAllAcmeNotes.java').text
assert !list.contains('Authorization') : 'credential header leaked into the tool'
assert list.contains('query("since", TIMESTAMP)') : list
// The generated catalog is found through the service loader; App lists its tools.
assert new File(basedir, 'target/classes/META-INF/services/io.calcommcp.toolapi.ToolCatalog').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('Generated 2 tools from notes.yaml (2 operations, 0 not exposed) with rules.yaml.')
assert log =~ /\[WARNING\] \S*src\/main\/openapi\/rules\.yaml:5: rule \(operation archive\*\) matches no operation/ : log
return true
