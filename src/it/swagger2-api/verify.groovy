def log = new File(basedir, 'build.log').text
assert log.contains('Read stores.json as Swagger 2.0, converted to OpenAPI 3.0') : log
assert log.contains('Generated 3 tools from stores.json (4 operations, 1 not exposed) with rules.yaml.') : log
assert log.contains('  uploadLogo: its request body is multipart/form-data (a file upload), which a tool cannot send') : log
assert log =~ /Tests run: 3, Failures: 0, Errors: 0, Skipped: 0/ : log
def profile = new File(basedir, 'target/generated-sources/mcp-tools/com/example/stores/tools').listFiles().find { it.name.endsWith('Profile.java') }
assert profile != null
assert profile.text.contains('CredentialScheme.query("api_key")') : profile.text
assert profile.text.contains('"https://api.stores.example/api"') : 'basePath kept in the base URL: ' + profile.text
return true
