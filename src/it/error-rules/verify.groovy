def log = new File(basedir, 'build.log').text
// Every problem at once, each with file:line and a fix.
assert log.contains('problems stop code generation:') : log
assert log.contains('rules.yaml:5: the rule names operation listNote, which the spec does not have') : log
assert log.contains('fix: did you mean listNotes?') : log
assert log.contains("rules.yaml:7: tool name 'Get-Note' is invalid: names must match ^[a-z0-9_]{1,64}\$") : log
assert log.contains('rules.yaml:9: operations listNotes and createNote both become tool list_all_acme_notes') : log
assert log.contains('3 problems stop code generation:') : log
assert !new File(basedir, 'target/generated-sources/mcp-tools').exists()
return true
