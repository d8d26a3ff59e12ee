import java.security.MessageDigest

def server = System.properties.remove('spec-download-it.server')
server?.stop(0)

def log = new File(basedir, 'build.log').text
def target = new File(basedir, 'target')
def sha = MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'src/main/openapi/notes.yaml').bytes)
        .encodeHex().toString()

// 1. Downloaded into the cache, by its sha-256; the lock records it.
assert log =~ /\[INFO\] Spec: downloaded from http:\/\/127\.0\.0\.1:\d+\/openapi\.yaml into \S+target\/cache\/${sha}\.yaml, sha-256 ${sha}\./ : log
assert new File(target, "cache/${sha}.yaml").bytes == new File(basedir, 'src/main/openapi/notes.yaml').bytes
assert new File(basedir, 'tools.lock.json').text.contains("\"specSha256\": \"${sha}\"")
assert !new File(target, 'cache').listFiles().any { it.name.endsWith('.tmp') }

// 2. Found in the cache with the URL leading nowhere, and compiled.
assert log =~ /\[INFO\] Spec: the cached download \S+target\/cache\/${sha}\.yaml of http:\/\/127\.0\.0\.1:9\/openapi\.yaml, sha-256 ${sha}\./ : log
assert new File(target, 'classes/com/example/notes/tools/ListAllAcmeNotes.class').isFile()

// 3. No copy anywhere: one error naming the URL, the cache and how to give a spec.
assert log.contains('http://127.0.0.1:9/openapi.yaml: no copy of the OpenAPI spec was found:') : log
assert log =~ /the cache \S+target\/empty-cache holds no spec with sha-256 ${sha} \(the one the lock was made from\)/ : log
assert log.contains('downloading http://127.0.0.1:9/openapi.yaml failed: could not connect') : log
assert log.contains('fix: connect to the network and build again, or give a copy of the spec: -Dcalcom.openapi.spec=<path or URL>') : log

// 4. The spec changed at the URL: the check fails with the report and both ways forward.
assert log =~ /\[WARNING\] http:\/\/127\.0\.0\.1:\d+\/changed\/openapi\.yaml: the downloaded spec \(sha-256 [0-9a-f]{64}\) is not the one the lock was made from \(sha-256 ${sha}\)/ : log
assert log.contains('The tool surface differs from tools.lock.json:') : log
assert log.contains('delete_a_acme_note_by_id') : log
assert log =~ /This build's spec \(sha-256 [0-9a-f]{64}\) is not the one tools\.lock\.json was made from \(sha-256 ${sha}\)\. Two ways forward:/ : log
assert log.contains('- accept the new spec: review the changes above, run the build again with -Dcalcom.lock.update=true') : log
assert log.contains("- build the version this repository was tested with: pass that spec, -Dcalcom.openapi.spec=<a copy of the spec with sha-256 ${sha}>") : log
assert (log =~ /BUILD FAILURE/).count == 2
return true
