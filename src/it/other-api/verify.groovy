def log = new File(basedir, 'build.log').text
assert log.contains('Read pets.yaml as OpenAPI 3.1.0.') : log
assert log.contains('Generated 4 tools from pets.yaml (6 operations, 2 not exposed) with rules.yaml.') : log
assert log.contains('Not exposed, because a tool cannot send their request bodies:') : log
assert log.contains('  uploadPhoto: its request body is multipart/form-data (a file upload), which a tool cannot send') : log
assert log.contains('deprecated in the spec') : log
assert log =~ /Tests run: 4, Failures: 0, Errors: 0, Skipped: 0/ : log
def tools = new File(basedir, 'target/generated-sources/mcp-tools/com/example/pets/tools')
assert new File(tools, 'ListAllPetsPets.java').isFile()
assert !new File(tools, 'ListAllPetsPets.java').text.contains('X-Clinic-Key') : 'the credential became an argument'
return true
