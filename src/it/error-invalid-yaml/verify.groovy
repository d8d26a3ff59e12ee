def log = new File(basedir, 'build.log').text
assert log.contains('1 problem stops code generation:') : log
assert log =~ /rules\.yaml:\d+: invalid YAML/ : log
assert !new File(basedir, 'target/generated-sources/mcp-tools').exists()
return true
