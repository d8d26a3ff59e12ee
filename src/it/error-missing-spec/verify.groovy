def log = new File(basedir, 'build.log').text
assert log =~ /missing\.yaml: the OpenAPI spec file does not exist/ : log
assert log.contains('fix: point the spec parameter (Maven property calcom.openapi.spec)') : log
return true
